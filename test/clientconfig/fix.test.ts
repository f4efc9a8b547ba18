import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixConfig } from "../../src/clientconfig/fix.js";
import {
  type ConfigFileRef,
  decodeConfigBytes,
  encodeConfigText,
  parseConfigText,
} from "../../src/clientconfig/parse.js";
import { readConfigForFix } from "../../src/clientconfig/read.js";
import type { ConfigClient } from "../../src/evidence/config.js";

const fixture = (f: string) => readFileSync(new URL(`../fixtures/config/${f}`, import.meta.url), "utf8");
const ref = (client: ConfigClient): ConfigFileRef => ({ client, path: "/x", scope: "user" });

function secretsLeft(text: string, client: ConfigClient): number {
  const f = parseConfigText(text, ref(client));
  expect(f.errors).toEqual([]);
  return f.entries
    .flatMap((e) => [...e.env, ...e.args, ...e.headers, ...e.settings, ...(e.url ? [e.url] : [])])
    .filter((v) => v.secret).length;
}

describe("fixConfig", () => {
  it.each([
    ["claude_desktop_config.json", "claude-desktop"],
    ["cursor-mcp.json", "cursor"],
    ["windsurf-mcp_config.json", "windsurf"],
    ["zed-settings.json", "zed"],
    ["gemini-settings.json", "gemini-cli"],
  ] as const)("%s: no secret left, still valid, idempotent", (file, client) => {
    const text = fixture(file);
    expect(secretsLeft(text, client)).toBeGreaterThan(0);
    const fixed = fixConfig(text, parseConfigText(text, ref(client)).entries);
    expect(secretsLeft(fixed.text, client)).toBe(0);
    const again = fixConfig(fixed.text, parseConfigText(fixed.text, ref(client)).entries);
    expect(again.text).toBe(fixed.text);
    expect(again.changes).toEqual([]);
  });

  it("rewrites a flag value with the client's reference syntax and keeps the rest", () => {
    const text = fixture("cursor-mcp.json");
    const fixed = fixConfig(text, parseConfigText(text, ref("cursor")).entries);
    expect(fixed.text).toContain('"--api-key=${env:STRIPE_API_KEY}"');
    expect(fixed.text).toContain('"--tools=all"');
    expect(fixed.changes).toContain("stripe: args[3] now reads STRIPE_API_KEY from the environment");
    expect(fixed.changes.join()).not.toContain("FAKE");
    expect(fixed.warnings.at(-1)).toContain("STRIPE_API_KEY");
  });

  it("keeps comments and layout (JSONC)", () => {
    const text = `{
  // my servers
  "servers": {
    "gh": {
      "command": "npx", // pinned below
      "args": ["-y", "@modelcontextprotocol/server-github"],
      "env": { "GITHUB_TOKEN": "ghp_${"x1Y2z3".repeat(7)}" },
    },
  },
}`;
    const fixed = fixConfig(text, parseConfigText(text, ref("vscode")).entries, { gh: "2025.4.8" });
    expect(fixed.text).toBe(`{
  // my servers
  "servers": {
    "gh": {
      "command": "npx", // pinned below
      "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],
      "env": { "GITHUB_TOKEN": "\${env:GITHUB_TOKEN}" },
    },
  },
}`);
    expect(fixed.warnings.some((w) => w.includes("does not expand"))).toBe(false);
  });

  it("warns when the client does not expand references", () => {
    const text = fixture("claude_desktop_config.json");
    const fixed = fixConfig(text, parseConfigText(text, ref("claude-desktop")).entries);
    expect(fixed.warnings.some((w) => w.includes("claude-desktop does not expand"))).toBe(true);
  });

  it("pins npm packages, keeps --package=, skips shell strings", () => {
    const text = JSON.stringify(
      {
        mcpServers: {
          a: { command: "npx", args: ["-y", "a-pkg@latest", "--x"] },
          b: { command: "npx", args: ["--package=b-pkg", "b"] },
          c: { command: "sh", args: ["-c", "npx -y c-pkg"] },
          d: { command: "cmd", args: ["/c", "npx", "-y", "d-pkg"] },
          e: { command: "uvx", args: ["e-pkg"] },
        },
      },
      null,
      2,
    );
    const fixed = fixConfig(text, parseConfigText(text, ref("claude-desktop")).entries, {
      a: "1.0.0",
      b: "2.0.0",
      c: "3.0.0",
      d: "4.0.0",
      e: "5.0.0",
    });
    const servers = JSON.parse(fixed.text).mcpServers;
    expect(servers.a.args).toEqual(["-y", "a-pkg@1.0.0", "--x"]);
    expect(servers.b.args).toEqual(["--package=b-pkg@2.0.0", "b"]);
    expect(servers.c.args).toEqual(["-c", "npx -y c-pkg"]);
    expect(servers.d.args).toEqual(["/c", "npx", "-y", "d-pkg@4.0.0"]);
    expect(servers.e.args).toEqual(["e-pkg"]);
    expect(fixed.warnings.join()).toContain("c-pkg@3.0.0");
  });

  it("handles per-project entries in ~/.claude.json", () => {
    const text = fixture("claude.json");
    const fixed = fixConfig(text, parseConfigText(text, ref("claude-code")).entries, { memory: "0.6.2" });
    const data = JSON.parse(fixed.text);
    expect(data.mcpServers.memory.args[1]).toBe("@modelcontextprotocol/server-memory@0.6.2");
    expect(data.projects["/home/alice/work/web"].mcpServers.memory.args[1]).toBe(
      "@modelcontextprotocol/server-memory@0.6.2",
    );
    expect(data.numStartups).toBe(12);
  });
});

describe("fix round trip through the file", () => {
  it.each(["utf8", "utf8-bom", "utf16le", "utf16be"] as const)("keeps the encoding: %s", async (encoding) => {
    const dir = mkdtempSync(join(tmpdir(), "mcp-vet-fix-"));
    try {
      const file = join(dir, "claude_desktop_config.json");
      const original = `{"mcpServers":{"a":{"command":"npx","args":["-y","a-pkg"],"env":{"API_TOKEN":"ghp_${"Zz9".repeat(12)}"}}}}`;
      writeFileSync(file, encodeConfigText(original, encoding));
      const src = await readConfigForFix({ client: "claude-desktop", path: file, scope: "user" });
      if ("error" in src) throw new Error(src.error);
      expect(src.encoding).toBe(encoding === "utf8" ? "utf8" : encoding);
      const fixed = fixConfig(src.text, src.parsed.entries, { a: "1.0.0" });
      const bytes = encodeConfigText(fixed.text, src.encoding);
      const back = decodeConfigBytes(bytes);
      expect("text" in back && back.encoding).toBe(encoding);
      expect("text" in back && JSON.parse(back.text).mcpServers.a).toEqual({
        command: "npx",
        args: ["-y", "a-pkg@1.0.0"],
        env: { API_TOKEN: "${API_TOKEN}" },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses to fix a broken file", async () => {
    const r = await readConfigForFix({
      client: "claude-desktop",
      path: new URL("../fixtures/config/broken.json", import.meta.url).pathname,
      scope: "user",
    });
    expect("error" in r && r.error).toMatch(/^the file has errors \(/);
  });
});
