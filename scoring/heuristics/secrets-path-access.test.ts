import { describe, expect, it } from "vitest";
import { evidenceWithCode } from "../../test/support/code.js";
import { withoutPart } from "../../test/support/heuristic.js";
import { findings } from "../../test/support/run.js";
import h from "./secrets-path-access.js";

const READ_SSH = `const fs = require("fs"); const os = require("os"); const path = require("path");
  const key = fs.readFileSync(path.join(os.homedir(), ".ssh", "id_rsa"), "utf8");`;

describe("secrets-path-access", () => {
  it.each<[string, string, Record<string, unknown>, string[]]>([
    ["reads an SSH key: high", READ_SSH, {}, ["high"]],
    [
      "reads an SSH key, network elsewhere: still high (the send is another finding's)",
      `${READ_SSH} fetch(u);`,
      {},
      ["high"],
    ],
    ["an SSH server reading ~/.ssh: medium", READ_SSH, { name: "ssh-mcp" }, ["medium"]],
    [
      "names AWS credentials, no read, network: medium",
      `const p = ".aws/credentials"; fetch(u);`,
      {},
      ["medium"],
    ],
    ["names AWS credentials, no read, no network: low", `const p = ".aws/credentials";`, {}, ["low"]],
    ["dotenv: low", `const p = ".env";`, {}, ["low"]],
    ["comment only: nothing", `// reads ~/.ssh/id_rsa`, {}, []],
    ["prose in a string: nothing", `const d = "We will never ever read your ~/.ssh keys";`, {}, []],
  ])("%s", (_n, code, m, severities) => {
    expect(findings(h, evidenceWithCode({ "i.js": code }, m)).map((f) => f.severity)).toEqual(severities);
  });

  it("groups by what is read or named", () => {
    const fs = findings(
      h,
      evidenceWithCode({ "i.js": `[".ssh/id_rsa", "id_ed25519", "claude_desktop_config.json"]` }),
    );
    expect(fs.map((f) => f.title)).toEqual(["Code names SSH keys", "Code names MCP client configuration"]);
    expect(fs[0]?.evidence).toHaveLength(2);
  });
});

describe("real-package shapes", () => {
  it("a JSON-schema field titled 'User Data' is no browser profile (@apify/actors-mcp-server)", () => {
    const code = `export const ACTOR_INPUT = { properties: { userData: { title: "User Data", type: "object",
      description: "Custom data attached to the run" } } };`;
    expect(findings(h, evidenceWithCode({ "dist/utils/apify_properties.js": code }))).toEqual([]);
  });

  it("the Chrome profile folder joined from parts and read is a browser profile", () => {
    const code = `const fs = require("fs"); const path = require("path");
      fs.readdirSync(path.join(process.env.LOCALAPPDATA, "Google", "Chrome", "User Data"));`;
    expect(findings(h, evidenceWithCode({ "i.js": code })).map((f) => f.title)).toEqual([
      "Code reads browser profile data",
    ]);
  });

  it("the OS keyring holding the server's own OAuth token is info (dynatrace, lark)", () => {
    const napi = `import { Entry } from "@napi-rs/keyring";
      const entry = new Entry("dynatrace-mcp-server", "oauth-token"); export const load = () => entry.getPassword();`;
    const keytar = `const keytar = require("keytar"); module.exports = () => keytar.getPassword("lark-mcp", "user_access_token");`;
    expect(
      findings(
        h,
        evidenceWithCode({ "dist/auth.js": napi }, { name: "@dynatrace-oss/dynatrace-mcp-server" }),
      ).map((f) => f.severity),
    ).toEqual(["info"]);
    expect(
      findings(h, evidenceWithCode({ "dist/token.js": keytar }, { name: "@larksuiteoapi/lark-mcp" })).map(
        (f) => f.severity,
      ),
    ).toEqual(["info"]);
  });

  it("another program's keyring entry is high", () => {
    const code = `const keytar = require("keytar"); keytar.getPassword("Chrome Safe Storage", "Chrome");`;
    expect(
      findings(h, evidenceWithCode({ "i.js": code }, { name: "notes-mcp" })).map((f) => f.severity),
    ).toEqual(["high"]);
  });

  it("another client's config read by a tool is high", () => {
    const code = `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js"; import { readFileSync } from "node:fs"; import { homedir } from "node:os"; import { join } from "node:path";
      const server = new McpServer({ name: "x", version: "1" });
      server.tool("list_servers", "Lists configured servers", {}, async () => ({ content: [{ type: "text", text: readFileSync(join(homedir(), ".cursor", "mcp.json"), "utf8") }] }));`;
    expect(
      findings(h, evidenceWithCode({ "dist/index.js": code }, { name: "mcp-lister" })).map((f) => [
        f.title,
        f.severity,
      ]),
    ).toEqual([["Code reads MCP client configuration", "high"]]);
  });

  it("another client's config read locally by its setup and doctor commands, sent nowhere, is medium (agentation-mcp, desktop-commander setup)", () => {
    const code = `import { readFileSync, writeFileSync, existsSync } from "node:fs"; import { homedir } from "node:os"; import { join } from "node:path";
      const CLAUDE = join(homedir(), ".claude.json");
      export function doctor() { if (!existsSync(CLAUDE)) return "not installed";
        const config = JSON.parse(readFileSync(CLAUDE, "utf8")); return config.mcpServers?.agentation ? "ok" : "missing"; }
      export function setup() { const c = JSON.parse(readFileSync(CLAUDE, "utf8")); c.mcpServers = { ...c.mcpServers, agentation: {} };
        writeFileSync(CLAUDE, JSON.stringify(c, null, 2)); }
      export const ping = () => fetch("https://agentation.example/health");`;
    expect(
      findings(h, evidenceWithCode({ "dist/cli.js": code }, { name: "agentation-mcp" })).map((f) => [
        f.title,
        f.severity,
      ]),
    ).toEqual([["Code reads MCP client configuration", "medium"]]);
  });

  it("SSH keys read for the tunnels a database server documents are high (@bytebase/dbhub)", () => {
    const code = `import { readFileSync } from "fs"; import { homedir } from "os"; import { join } from "path"; import { Client } from "ssh2";
      const DEFAULT_KEYS = ["id_rsa", "id_ed25519"].map((k) => join(homedir(), ".ssh", k));
      export function tunnel(opts) { const privateKey = readFileSync(opts.key ?? DEFAULT_KEYS[0]);
        new Client().connect({ host: opts.host, username: opts.user, privateKey }); }`;
    const fs = findings(
      h,
      evidenceWithCode(
        { "dist/index.js": code },
        { name: "@bytebase/dbhub", description: "Universal database MCP server" },
      ),
    );
    expect(fs.map((f) => [f.title, f.severity])).toEqual([["Code reads SSH keys", "high"]]);
  });
});

describe("secrets-path-access without its evidence", () => {
  it("is unknown when the code analysis could not be read, skipped when not collected", () => {
    expect(withoutPart(h, "code")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
