import { describe, expect, it } from "vitest";
import type { Finding, Heuristic } from "../../scoring/engine/types.js";
import autoApprove from "../../scoring/heuristics/config-auto-approve.js";
import broadRoot from "../../scoring/heuristics/config-broad-filesystem-root.js";
import credentialFolder from "../../scoring/heuristics/config-credential-folder.js";
import dbProduction from "../../scoring/heuristics/config-db-production.js";
import disabledWithSecrets from "../../scoring/heuristics/config-disabled-with-secrets.js";
import dockerNoDigest from "../../scoring/heuristics/config-docker-no-digest.js";
import dockerPrivileged from "../../scoring/heuristics/config-docker-privileged.js";
import duplicateServer from "../../scoring/heuristics/config-duplicate-server.js";
import ignoreScripts from "../../scoring/heuristics/config-ignore-scripts-missing.js";
import remoteNoAuth from "../../scoring/heuristics/config-remote-no-auth.js";
import plaintextHttp from "../../scoring/heuristics/config-remote-plaintext-http.js";
import secretInFile from "../../scoring/heuristics/config-secret-in-file.js";
import tlsDisabled from "../../scoring/heuristics/config-tls-disabled.js";
import unpinned from "../../scoring/heuristics/config-unpinned-package.js";
import writeWhereReadonly from "../../scoring/heuristics/config-write-where-readonly-exists.js";
import { configEvidence, findingCount } from "../support/config.js";
import { evidence, evidenceWith } from "../support/evidence.js";

const gh = `ghp_${"a1B2c3D4e5".repeat(4)}`;
const npx = (spec: string, ...rest: string[]) => ({ command: "npx", args: ["-y", spec, ...rest] });
const docker = (...args: string[]) => ({ command: "docker", args: ["run", "-i", "--rm", ...args] });
const remote = (url: string, headers?: Record<string, string>) => ({
  type: "http",
  url,
  ...(headers ? { headers } : {}),
});

type Row = [string, Record<string, unknown>, number];

function table(h: Heuristic, rows: Row[]) {
  describe(h.definition.id, () => {
    it.each(rows)("%s", (_name, server, count) => {
      expect(findingCount(h.evaluate(configEvidence({ s: server })))).toBe(count);
    });
    it("is skipped when the run has no config entry", () => {
      expect(h.evaluate(evidence()).status).toBe("skipped");
    });
  });
}

function findings(h: Heuristic, servers: Record<string, unknown>, pick?: string): Finding[] {
  const r = h.evaluate(configEvidence(servers, pick ? { pick } : {}));
  if (r.status !== "evaluated") throw new Error(r.status);
  return r.findings;
}

table(secretInFile, [
  ["token in env", { ...npx("p@1.0.0"), env: { GITHUB_TOKEN: gh } }, 1],
  ["password in a connection string arg", npx("pg@1.0.0", "postgres://u:pw12345@h/db"), 1],
  ["bearer header", remote("https://h.example/mcp", { Authorization: "Bearer abcdefABCDEF123456" }), 1],
  ["key in url query", remote("https://h.example/sse?api_key=abcdefgh12345678"), 1],
  ["token as a flag value", npx("p@1.0.0", "--token", gh), 1],
  ["env reference", { ...npx("p@1.0.0"), env: { GITHUB_TOKEN: "${GITHUB_TOKEN}" } }, 0],
  ["input reference header", remote("https://h.example/mcp", { Authorization: "Bearer ${input:tok}" }), 0],
  ["placeholder", { ...npx("p@1.0.0"), env: { API_KEY: "<your-api-key>" } }, 0],
  ["plain settings", { ...npx("p@1.0.0", "/tmp"), env: { LOG_LEVEL: "debug", REGION: "eu-west-1" } }, 0],
  [
    "disabled entries are left to config-disabled-with-secrets",
    { ...npx("p"), env: { T: gh, API_TOKEN: gh }, disabled: true },
    0,
  ],
]);

describe("config-secret-in-file remediation", () => {
  it("shows the entry rewritten with a reference, masked, never the secret", () => {
    const [f] = findings(secretInFile, {
      github: {
        ...npx("@modelcontextprotocol/server-github@1.0.0"),
        env: { GITHUB_PERSONAL_ACCESS_TOKEN: gh },
      },
    });
    expect(f?.remediation).toContain('"GITHUB_PERSONAL_ACCESS_TOKEN": "${GITHUB_PERSONAL_ACCESS_TOKEN}"');
    expect(f?.remediation).toContain("no ${…} expansion");
    expect(f?.evidence[0]).toMatchObject({
      file: "/home/u/cfg.json",
      snippet: "env.GITHUB_PERSONAL_ACCESS_TOKEN: ghp_****",
    });
    expect(JSON.stringify(f)).not.toContain(gh);
  });

  it("uses the client's own reference syntax", () => {
    const e = configEvidence({ s: { ...npx("p@1.0.0"), env: { API_TOKEN: gh } } }, { client: "vscode" });
    const r = secretInFile.evaluate(e);
    expect(r.status === "evaluated" && r.findings[0]?.remediation).toContain("${env:API_TOKEN}");
  });
});

table(disabledWithSecrets, [
  ["disabled with a token", { ...npx("p"), env: { GITHUB_TOKEN: gh }, disabled: true }, 1],
  ["Zed enabled:false with a token", { ...npx("p"), env: { GITHUB_TOKEN: gh }, enabled: false }, 1],
  ["disabled, no secrets", { ...npx("p"), disabled: true }, 0],
  ["enabled with a token", { ...npx("p"), env: { GITHUB_TOKEN: gh } }, 0],
]);

table(broadRoot, [
  ["filesystem root", npx("@modelcontextprotocol/server-filesystem@1.0.0", "/"), 1],
  ["tilde", npx("fs@1.0.0", "~"), 1],
  ["home on macOS", npx("fs@1.0.0", "/Users/alice"), 1],
  ["home on Linux with slash", npx("fs@1.0.0", "/home/alice/"), 1],
  ["windows drive", npx("fs@1.0.0", "C:\\"), 1],
  ["windows profile", npx("fs@1.0.0", "C:\\Users\\alice"), 1],
  ["windows Users folder", npx("fs@1.0.0", "C:/Users"), 1],
  ["windows project", npx("fs@1.0.0", "C:\\Users\\alice\\code\\app"), 0],
  ["env reference to home", npx("fs@1.0.0", "${env:HOME}"), 1],
  ["docker mount of /", docker("-v", "/:/host", "img"), 1],
  ["root given as a flag value", npx("git@1.0.0", "--root=/"), 1],
  ["project folder", npx("fs@1.0.0", "/Users/alice/projects/app"), 0],
  ["tmp", npx("fs@1.0.0", "/tmp"), 0],
  ["cwd at home is not reach", { ...npx("p@1.0.0"), cwd: "/home/alice" }, 0],
  ["package name is not a path", npx("fs@1.0.0"), 0],
]);

table(credentialFolder, [
  ["ssh", npx("fs@1.0.0", "/Users/alice/.ssh"), 1],
  ["aws on windows", npx("fs@1.0.0", "C:\\Users\\a\\.aws"), 1],
  ["gnupg mount", docker("-v", "/home/a/.gnupg:/g:ro", "img"), 1],
  ["chrome profile", npx("fs@1.0.0", "/home/a/.config/google-chrome/Default"), 1],
  ["kube", npx("k8s@1.0.0", "--kubeconfig=/home/a/.kube/config"), 1],
  ["a project folder", npx("fs@1.0.0", "/home/a/code/sshd-config-tool"), 0],
  ["ordinary dotfolder", npx("fs@1.0.0", "/home/a/.cache/x"), 0],
]);

table(writeWhereReadonly, [
  ["writable docker mount", docker("-v", "/home/a/code:/code", "img"), 1],
  ["read-only docker mount", docker("-v", "/home/a/code:/code:ro", "img"), 0],
  ["readonly --mount", docker("--mount", "type=bind,src=/a,dst=/b,readonly", "img"), 0],
  ["supabase without --read-only", npx("@supabase/mcp-server-supabase@0.4.0", "--project-ref=x"), 1],
  ["supabase with --read-only", npx("@supabase/mcp-server-supabase@0.4.0", "--read-only"), 0],
  [
    "github server env read-only",
    docker("-e", "GITHUB_READ_ONLY=1", "ghcr.io/github/github-mcp-server@sha256:abc"),
    0,
  ],
  [
    "github server writable",
    docker("-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"),
    1,
  ],
  ["unknown server", npx("other@1.0.0"), 0],
]);

table(dbProduction, [
  [
    "prod host in url arg",
    npx("@modelcontextprotocol/server-postgres@0.6.2", "postgresql://ro@prod-db.acme.io/app"),
    1,
  ],
  [
    "production host in env",
    { ...npx("mysql-mcp@1.0.0"), env: { MYSQL_HOST: "mysql.production.internal" } },
    1,
  ],
  [
    "mongodb+srv live",
    {
      ...npx("mongodb-mcp-server@1.0.0"),
      env: { MDB_MCP_CONNECTION_STRING: "mongodb+srv://cluster-live.x.net/db" },
    },
    1,
  ],
  ["staging", npx("pg@1.0.0", "postgresql://staging-db.acme.io/app"), 0],
  ["localhost", npx("pg@1.0.0", "postgresql://localhost:5432/app"), 0],
  ["word containing prod", npx("pg@1.0.0", "postgresql://products-db.acme.io/app"), 0],
  ["non-db url", npx("fetch@1.0.0", "https://prod.example.com"), 0],
]);

it("config-db-production is milder with a read-only flag", () => {
  const [f] = findings(dbProduction, { s: npx("pg@1.0.0", "postgresql://prod-db/app", "--read-only") });
  expect(f?.severity).toBe("medium");
});

table(plaintextHttp, [
  ["http to a remote host", remote("http://mcp.example.com/mcp"), 1],
  ["http to a LAN ip", remote("http://192.168.1.20:8000/sse"), 1],
  ["https", remote("https://mcp.example.com/mcp"), 0],
  ["http localhost", remote("http://localhost:3000/mcp"), 0],
  ["http 127.0.0.1", remote("http://127.0.0.1:3000/mcp"), 0],
  ["http ipv6 loopback", remote("http://[::1]:3000/mcp"), 0],
  ["stdio", npx("p@1.0.0"), 0],
]);

table(remoteNoAuth, [
  ["no headers", remote("https://mcp.example.com/mcp"), 1],
  ["irrelevant header", remote("https://mcp.example.com/mcp", { "User-Agent": "x" }), 1],
  ["authorization header", remote("https://mcp.example.com/mcp", { Authorization: "Bearer ${env:T}" }), 0],
  ["api key header", remote("https://mcp.example.com/mcp", { "X-API-Key": "${env:K}" }), 0],
  ["token in url", remote("https://mcp.example.com/sse?token=${env:T}"), 0],
  ["loopback", remote("http://localhost:8080/mcp"), 0],
  ["stdio", npx("p@1.0.0"), 0],
]);

table(tlsDisabled, [
  ["NODE_TLS_REJECT_UNAUTHORIZED=0", { ...npx("p@1.0.0"), env: { NODE_TLS_REJECT_UNAUTHORIZED: "0" } }, 1],
  ["PYTHONHTTPSVERIFY=0", { command: "uvx", args: ["x"], env: { PYTHONHTTPSVERIFY: "0" } }, 1],
  ["SSL_VERIFY=false", { ...npx("p@1.0.0"), env: { JIRA_SSL_VERIFY: "false" } }, 1],
  ["GIT_SSL_NO_VERIFY=true", { ...npx("p@1.0.0"), env: { GIT_SSL_NO_VERIFY: "true" } }, 1],
  ["--insecure", npx("p@1.0.0", "--insecure"), 1],
  [
    "docker -e NODE_TLS_REJECT_UNAUTHORIZED=0",
    docker("-e", "NODE_TLS_REJECT_UNAUTHORIZED=0", "img@sha256:a"),
    1,
  ],
  ["NODE_TLS_REJECT_UNAUTHORIZED=1", { ...npx("p@1.0.0"), env: { NODE_TLS_REJECT_UNAUTHORIZED: "1" } }, 0],
  ["SSL_VERIFY=true", { ...npx("p@1.0.0"), env: { SSL_VERIFY: "true" } }, 0],
  ["DISABLE_SSL_VERIFY=true", { ...npx("p@1.0.0"), env: { DISABLE_SSL_VERIFY: "true" } }, 1],
  ["DISABLE_SSL_VERIFY=false", { ...npx("p@1.0.0"), env: { DISABLE_SSL_VERIFY: "false" } }, 0],
  ["NO_SSL_VERIFY=1", { ...npx("p@1.0.0"), env: { NO_SSL_VERIFY: "1" } }, 1],
  ["SKIP_TLS_VERIFY=false", { ...npx("p@1.0.0"), env: { SKIP_TLS_VERIFY: "false" } }, 0],
  ["API_INSECURE=true", { ...npx("p@1.0.0"), env: { API_INSECURE: "true" } }, 1],
  ["extra CA", { ...npx("p@1.0.0"), env: { NODE_EXTRA_CA_CERTS: "/etc/ca.pem" } }, 0],
]);

table(unpinned, [
  ["npx -y pkg", npx("pkg"), 1],
  ["@latest", npx("pkg@latest"), 1],
  ["range", npx("pkg@^1.2.0"), 1],
  ["exact", npx("pkg@1.2.0"), 0],
  ["uvx unpinned", { command: "uvx", args: ["mcp-server-fetch"] }, 1],
  ["uvx pinned", { command: "uvx", args: ["mcp-server-fetch==1.0.0"] }, 0],
  ["docker is another heuristic's", docker("img"), 0],
  ["remote", remote("https://x.example/mcp"), 0],
]);

describe("config-unpinned-package", () => {
  it("suggests the vetted version", () => {
    const e = configEvidence({ s: npx("example-mcp-server") });
    const r = unpinned.evaluate(e);
    expect(r.status === "evaluated" && r.findings[0]?.remediation).toContain("example-mcp-server@1.2.0");
  });
});

table(dockerNoDigest, [
  ["latest", docker("mcp/fetch:latest"), 1],
  ["no tag", docker("mcp/fetch"), 1],
  ["version tag", docker("mcp/fetch:1.2"), 1],
  ["digest", docker(`mcp/fetch@sha256:${"a".repeat(64)}`), 0],
  ["tag and digest", docker(`mcp/fetch:1.2@sha256:${"a".repeat(64)}`), 0],
  ["not docker", npx("p@1.0.0"), 0],
]);

it("config-docker-no-digest: a version tag is low, latest medium", () => {
  expect(findings(dockerNoDigest, { s: docker("mcp/fetch:1.2") })[0]?.severity).toBe("low");
  expect(findings(dockerNoDigest, { s: docker("mcp/fetch") })[0]?.severity).toBe("medium");
});

table(dockerPrivileged, [
  ["privileged", docker("--privileged", "img@sha256:a"), 1],
  ["host network", docker("--network", "host", "img@sha256:a"), 1],
  ["plain", docker("img@sha256:a"), 0],
]);

describe("config-ignore-scripts-missing", () => {
  const withScripts = evidenceWith({ scripts: { postinstall: "node x.js" } });
  const run = (server: Record<string, unknown>, base = withScripts) =>
    ignoreScripts.evaluate({ ...base, config: configEvidence({ s: server }).config });
  it.each([
    ["package with postinstall, no flag", npx("example-mcp-server@1.2.0"), withScripts, 1],
    [
      "flag given",
      { command: "npx", args: ["--ignore-scripts", "-y", "example-mcp-server@1.2.0"] },
      withScripts,
      0,
    ],
    [
      "env given",
      { ...npx("example-mcp-server@1.2.0"), env: { npm_config_ignore_scripts: "true" } },
      withScripts,
      0,
    ],
    ["package without install scripts", npx("example-mcp-server@1.2.0"), evidenceWith({}), 0],
    [
      "package without install scripts, a dependency with one",
      npx("example-mcp-server@1.2.0"),
      {
        ...evidenceWith({}),
        dependencies: {
          status: "ok" as const,
          data: {
            spec: "example-mcp-server@1.2.0",
            includeDev: false,
            counts: { total: 1, direct: 1, maxDepth: 1 },
            capabilities: [],
            nodes: [
              {
                name: "example-mcp-server",
                version: "1.2.0",
                depth: 0,
                path: ["example-mcp-server"],
                source: "registry" as const,
                dev: false,
                optional: false,
              },
              {
                name: "esbuild",
                version: "0.25.0",
                depth: 1,
                path: ["example-mcp-server", "esbuild"],
                hasInstallScript: true,
                source: "registry" as const,
                dev: false,
                optional: false,
              },
            ],
          },
        },
      },
      1,
    ],
    [
      "registry unavailable: low",
      npx("example-mcp-server@1.2.0"),
      evidence({
        npm: { status: "unavailable", error: "x" },
        package: { status: "unavailable", error: "x" },
      }),
      1,
    ],
    ["not npm", docker("img"), withScripts, 0],
  ])("%s", (_n, server, base, count) => {
    expect(findingCount(run(server, base))).toBe(count);
  });
});

describe("config-duplicate-server", () => {
  it("same key twice in the file", () => {
    const text = `{"mcpServers": {"a": {"command":"npx","args":["-y","p@1.0.0"]}, "a": {"command":"npx","args":["-y","p@2.0.0"]}}}`;
    const e = evidence({ config: { status: "ok", data: configEntriesFrom(text)[0]! } });
    expect(findingCount(duplicateServer.evaluate(e))).toBe(1);
  });
  it.each([
    ["same target, different settings", { a: npx("p@1.0.0"), b: npx("p@2.0.0") }, 1],
    ["same target, same settings", { a: npx("p@1.0.0"), b: npx("p@1.0.0") }, 0],
    ["different servers", { a: npx("p@1.0.0"), b: npx("q@1.0.0") }, 0],
  ])("%s", (_n, servers, count) => {
    expect(findingCount(duplicateServer.evaluate(configEvidence(servers)))).toBe(count);
  });
});

table(autoApprove, [
  ["alwaysAllow list", { ...npx("p@1.0.0"), alwaysAllow: ["read_file"] }, 1],
  ["gemini trust", { httpUrl: "https://x.example/mcp", trust: true }, 1],
  ["empty list", { ...npx("p@1.0.0"), alwaysAllow: [] }, 0],
  ["none", npx("p@1.0.0"), 0],
]);

import { configEntries as configEntriesFrom } from "../support/config.js";
