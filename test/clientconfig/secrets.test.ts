import { describe, expect, it } from "vitest";
import { detectSecrets, findReferences, maskSecret, scanValue } from "../../src/clientconfig/secrets.js";

// Fake credentials built at run time so no scanner mistakes this file for a leak.
const gh = `ghp_${"a1B2c3D4e5".repeat(4)}`;
const pat = `github_pat_${"11ABCDEFG0".repeat(4)}_xyz`;
const openai = `sk-proj-${"Zx9Yw8Vu7T".repeat(4)}`;
const anthropic = `sk-ant-api03-${"Qq1Ww2Ee3R".repeat(5)}`;
const slack = `xoxb-${"1234567890"}-${"abcdefABCDEF1234"}`;
const aws = `AKIA${"IOSFODNN7EXAMPLE"}`;
const stripe = `sk_live_${"4eC39HqLyjWDarjtT1zdp7dc"}`;
const npm = `npm_${"aBcDeF0123456789".repeat(2)}abcd`;
const jwt = `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${"dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"}`;
const hex = "9f86d081884c7d659a2feaa0c55ad015";

describe("detectSecrets", () => {
  it.each([
    ["GitHub classic token", gh, undefined, "github-token"],
    ["GitHub fine-grained token", pat, undefined, "github-token"],
    ["OpenAI project key", openai, undefined, "openai-key"],
    ["Anthropic key", anthropic, undefined, "anthropic-key"],
    ["Slack bot token", slack, undefined, "slack-token"],
    ["AWS access key id", aws, undefined, "aws-access-key"],
    ["Stripe live key", stripe, undefined, "stripe-live-key"],
    ["npm token", npm, undefined, "npm-token"],
    ["JWT", jwt, undefined, "jwt"],
    [
      "postgres password",
      "postgres://app:s3cretPw@db.internal:5432/app",
      undefined,
      "connection-string-password",
    ],
    [
      "mongodb+srv password",
      "mongodb+srv://u:pw12345@cluster0.x.mongodb.net/",
      undefined,
      "connection-string-password",
    ],
    ["https userinfo", "https://bob:hunter2hunter@example.com/mcp", undefined, "url-credentials"],
    ["token in query", "https://mcp.example.com/sse?api_key=abcd1234efgh", undefined, "url-credentials"],
    ["bearer header", "Bearer abc.def-ghi_jkl012", "Authorization", "bearer-token"],
    ["GitHub-style token header", "token 0123456789abcdef0123", "Authorization", "bearer-token"],
    ["token after a flag", `--token=${gh}`, "token", "github-token"],
    ["password under its name", "hunter22", "DB_PASSWORD", "password"],
    ["hex key under KEY", hex, "BRAVE_API_KEY", "high-entropy"],
    [
      "private key",
      "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----",
      undefined,
      "private-key",
    ],
  ])("%s", (_n, value, name, kind) => {
    expect(detectSecrets(value, name).map((m) => m.kind)).toContain(kind);
  });

  it.each([
    ["env reference", "${env:GITHUB_TOKEN}", "GITHUB_TOKEN"],
    ["input reference", "${input:github-token}", "GITHUB_TOKEN"],
    ["bare reference", "$API_KEY", "API_KEY"],
    ["reference with a default", "${API_KEY:-}", "API_KEY"],
    ["bearer with reference", "Bearer ${env:TOKEN}", "Authorization"],
    ["placeholder", "<your_token>", "GITHUB_TOKEN"],
    ["placeholder words", "your-api-key-here", "API_KEY"],
    ["empty", "", "API_KEY"],
    ["path under KEY name", "/home/me/.config/key.pem", "SSH_KEY"],
    ["low-entropy word", "development-environment", "SESSION_MODE"],
    ["key file path name", "abcdefghijklmnop1234", "KEY_PATH"],
    ["public key", "ssh-ed25519AAAAC3NzaC1lZDI1NTE5AAAA", "PUBLIC_KEY"],
    ["connection string without password", "postgres://app@localhost/app", undefined],
    ["connection string with reference", "postgres://app:${DB_PASS}@localhost/app", undefined],
    ["plain url", "https://api.example.com/v1", undefined],
    ["a path", "/Users/me/projects", undefined],
    ["short query value", "https://x.test/?key=1", undefined],
    ["boolean under TOKEN name", "true", "USE_TOKEN"],
    ["package spec", "@modelcontextprotocol/server-github@2025.4.8", undefined],
    ["PWD is a folder", "/home/alice/project", "PWD"],
    ["the word token in prose", "use the token management-console-xyz", undefined],
    ["pass-through flag", "all", "PASS_THROUGH"],
  ])("not a secret: %s", (_n, value, name) => {
    expect(detectSecrets(value, name)).toEqual([]);
  });
});

describe("masking", () => {
  it("keeps the public prefix only", () => {
    expect(maskSecret(gh, "github-token")).toBe("ghp_****");
    expect(maskSecret(anthropic, "anthropic-key")).toBe("sk-ant-api03-****");
    expect(maskSecret("hunter22", "password")).toBe("****");
  });

  it("masks secrets inside a longer value and never returns them", () => {
    const v = `postgres://app:s3cretPw@db/app?sslmode=require --token=${gh}`;
    const s = scanValue(v, "DATABASE_URL");
    expect(s.masked).toBe("postgres://app:****@db/app?sslmode=require --token=ghp_****");
    expect(s.masked).not.toContain("s3cretPw");
    expect(JSON.stringify(s.kinds)).not.toContain(gh);
  });

  it("a secret in a reference's default is still found", () => {
    expect(detectSecrets(`\${GITHUB_TOKEN:-${gh}}`, "GITHUB_TOKEN").map((m) => m.kind)).toEqual([
      "github-token",
    ]);
  });

  it("caps what it returns", () => {
    expect(scanValue("x".repeat(10_000), undefined, 100).masked.length).toBeLessThanOrEqual(101);
  });

  it("finds references", () => {
    expect(findReferences("Bearer ${env:T} ${input:x} $HOME %APPDATA%")).toEqual([
      "${env:T}",
      "${input:x}",
      "$HOME",
      "%APPDATA%",
    ]);
  });
});

describe("values given under a flag or KEY=", () => {
  it("judges only the value", () => {
    expect(detectSecrets("NODE_TLS_REJECT_UNAUTHORIZED=0", "NODE_TLS_REJECT_UNAUTHORIZED")).toEqual([]);
    const [m] = detectSecrets("DB_PASSWORD=hunter22", "DB_PASSWORD");
    expect(m).toMatchObject({ kind: "password", start: 12, end: 20 });
    expect(scanValue("--api-key=9f86d081884c7d659a2feaa0c55ad015", "api-key").masked).toBe("--api-key=****");
  });
});

describe("shapes the first scanner missed (hostile corpus, issue 14)", () => {
  // Built at run time, like the fakes above.
  const zapier = `https://mcp.zapier.com/api/mcp/s/${"OTk5ZjQ1YzAtMmE4".repeat(3)}/mcp`;
  const slackHook = `https://hooks.slack.com/services/T0${"1ABCDEF"}/B0${"2GHIJKL"}/${"xYz123AbC456dEf789GhI012"}`;
  const telegram = `https://api.telegram.org/bot${"123456789"}:${"AAF-abcdefghijklmnopqrstuvwxyz012345"}/sendMessage`;
  const sendgrid = `SG.${"abcdefghijklmnopqrstuv"}.${"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq"}`;

  it.each([
    ["Zapier-style MCP url", zapier, undefined, "url-path-secret"],
    [
      "UUID path key",
      "https://mcp.composio.dev/partner/550e8400-e29b-41d4-a716-446655440000/sse",
      undefined,
      "url-path-secret",
    ],
    ["Slack webhook", slackHook, undefined, "webhook-url"],
    [
      "Discord webhook",
      `https://discord.com/api/webhooks/123456789012/${"aBcDeFgHiJkLmNoPqRsTuVwXyZ012345"}`,
      undefined,
      "webhook-url",
    ],
    ["Telegram bot url", telegram, undefined, "telegram-bot-token"],
    ["SendGrid key", sendgrid, undefined, "sendgrid-key"],
    [
      "Azure AccountKey",
      "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=abc123def456==;EndpointSuffix=core.windows.net",
      undefined,
      "connection-string-secret",
    ],
    [
      "ADO Password",
      "Server=db;Database=app;User Id=sa;Password=letmein1;",
      undefined,
      "connection-string-password",
    ],
    ["Cookie header in a value", "Cookie: session=abc; csrftoken=def", undefined, "cookie"],
    ["low-entropy api key under API_KEY", "letmein", "API_KEY", "named-secret"],
    ["low-entropy key under --apiKey", "abc123", "apiKey", "named-secret"],
    ["cookie header under Cookie", "session=abcd", "Cookie", "named-secret"],
    ["header line in an arg", "X-Api-Key: letmein", undefined, "named-secret"],
    ["token after #", "https://x.example/cb#access_token=abcdefgh1234", undefined, "url-credentials"],
  ])("%s", (_n, value, name, kind) => {
    expect(detectSecrets(value, name).map((m) => m.kind)).toContain(kind);
    expect(scanValue(value, name).masked).toContain("****");
  });

  it.each([
    ["a GitHub blob url", `https://github.com/o/r/blob/${"a".repeat(40)}/README.md`, undefined],
    ["a docs url", "https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization", undefined],
    ["a count under TOKENS", "100000", "MAX_TOKENS"],
    ["a limit under TOKEN_LIMIT", "4096", "TOKEN_LIMIT"],
    ["a switch under API_KEY_REQUIRED", "true", "API_KEY_REQUIRED"],
    ["a key file path", "/home/u/.ssh/id_ed25519", "PRIVATE_KEY"],
    ["a sort key", "created_at", "SORT_KEY"],
  ])("not a secret: %s", (_n, value, name) => {
    expect(detectSecrets(value, name)).toEqual([]);
  });
});
