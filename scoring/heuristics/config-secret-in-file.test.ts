import { describe, expect, it } from "vitest";
import {
  configEvidence,
  configFindings,
  configTable,
  GH_TOKEN,
  npx,
  remote,
} from "../../test/support/config.js";
import secretInFile from "./config-secret-in-file.js";

configTable(secretInFile, [
  ["token in env", { ...npx("p@1.0.0"), env: { GITHUB_TOKEN: GH_TOKEN } }, 1],
  ["password in a connection string arg", npx("pg@1.0.0", "postgres://u:pw12345@h/db"), 1],
  ["bearer header", remote("https://h.example/mcp", { Authorization: "Bearer abcdefABCDEF123456" }), 1],
  ["key in url query", remote("https://h.example/sse?api_key=abcdefgh12345678"), 1],
  ["token as a flag value", npx("p@1.0.0", "--token", GH_TOKEN), 1],
  ["env reference", { ...npx("p@1.0.0"), env: { GITHUB_TOKEN: "${GITHUB_TOKEN}" } }, 0],
  ["input reference header", remote("https://h.example/mcp", { Authorization: "Bearer ${input:tok}" }), 0],
  ["placeholder", { ...npx("p@1.0.0"), env: { API_KEY: "<your-api-key>" } }, 0],
  ["plain settings", { ...npx("p@1.0.0", "/tmp"), env: { LOG_LEVEL: "debug", REGION: "eu-west-1" } }, 0],
  [
    "disabled entries are left to config-disabled-with-secrets",
    { ...npx("p"), env: { T: GH_TOKEN, API_TOKEN: GH_TOKEN }, disabled: true },
    0,
  ],
]);

describe("config-secret-in-file remediation", () => {
  it("shows the entry rewritten with a reference, masked, never the secret", () => {
    const [f] = configFindings(secretInFile, {
      github: {
        ...npx("@modelcontextprotocol/server-github@1.0.0"),
        env: { GITHUB_PERSONAL_ACCESS_TOKEN: GH_TOKEN },
      },
    });
    expect(f?.remediation).toContain('"GITHUB_PERSONAL_ACCESS_TOKEN": "${GITHUB_PERSONAL_ACCESS_TOKEN}"');
    expect(f?.remediation).toContain("no ${…} expansion");
    expect(f?.evidence[0]).toMatchObject({
      file: "/home/u/cfg.json",
      snippet: "env.GITHUB_PERSONAL_ACCESS_TOKEN: ghp_****",
    });
    expect(JSON.stringify(f)).not.toContain(GH_TOKEN);
  });

  it("uses the client's own reference syntax", () => {
    const e = configEvidence(
      { s: { ...npx("p@1.0.0"), env: { API_TOKEN: GH_TOKEN } } },
      { client: "vscode" },
    );
    const r = secretInFile.evaluate(e);
    expect(r.status === "evaluated" && r.findings[0]?.remediation).toContain("${env:API_TOKEN}");
  });
});
