import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type ConfigFileRef,
  LIMITS,
  markDuplicates,
  parseConfigBytes,
  parseConfigText,
} from "../../src/clientconfig/parse.js";
import type { ConfigClient, ConfigEntryEvidence } from "../../src/evidence/config.js";

const dir = new URL("../fixtures/config/", import.meta.url);

function load(file: string, client: ConfigClient, scope: "user" | "project" = "user") {
  const ref: ConfigFileRef = { client, path: `/fx/${file}`, scope };
  return parseConfigBytes(readFileSync(new URL(file, dir)), ref);
}

function entry(entries: ConfigEntryEvidence[], name: string): ConfigEntryEvidence {
  const e = entries.find((x) => x.name === name);
  if (!e) throw new Error(`no entry ${name}`);
  return e;
}

describe("parse: client shapes", () => {
  it("Claude Desktop: stdio launches of every kind", () => {
    const f = load("claude_desktop_config.json", "claude-desktop");
    expect(f.errors).toEqual([]);
    expect(f.entries.map((e) => e.name)).toEqual([
      "filesystem",
      "github",
      "postgres",
      "fetch",
      "gh-docker",
      "local",
    ]);
    expect(entry(f.entries, "filesystem").launch).toMatchObject({
      kind: "npm",
      runner: "npx",
      spec: "@modelcontextprotocol/server-filesystem",
      pinned: false,
      specIndex: 1,
      serverArgs: ["/Users/alice", "/Users/alice/.ssh"],
    });
    expect(entry(f.entries, "filesystem").paths.map((p) => p.value)).toEqual([
      "/Users/alice",
      "/Users/alice/.ssh",
    ]);
    const gh = entry(f.entries, "github");
    expect(gh.launch).toMatchObject({
      kind: "npm",
      spec: "@modelcontextprotocol/server-github@2025.4.8",
      pinned: true,
    });
    expect(gh.line).toBe(7);
    expect(gh.env[0]).toMatchObject({
      key: "GITHUB_PERSONAL_ACCESS_TOKEN",
      masked: "ghp_****",
      line: 10,
      secret: {
        kinds: ["github-token"],
        envName: "GITHUB_PERSONAL_ACCESS_TOKEN",
        replacement: "${GITHUB_PERSONAL_ACCESS_TOKEN}",
      },
    });
    expect(entry(f.entries, "postgres").args[2]?.masked).toBe(
      "postgresql://admin:****@prod-db.example.com:5432/app",
    );
    expect(entry(f.entries, "fetch").launch).toMatchObject({
      kind: "python",
      runner: "uvx",
      package: "mcp-server-fetch",
      pinned: false,
    });
    expect(entry(f.entries, "gh-docker").launch).toMatchObject({
      kind: "docker",
      image: "ghcr.io/github/github-mcp-server",
      tag: "latest",
      mounts: [{ source: "/", target: "/host", readOnly: false }],
    });
    expect(entry(f.entries, "local").launch).toMatchObject({
      kind: "node",
      script: "/opt/servers/mine/index.js",
    });
    expect(entry(f.entries, "local").cwd?.masked).toBe("/opt/servers/mine");
  });

  it("never stores a raw secret anywhere in the parsed result", () => {
    for (const [file, client] of [
      ["claude_desktop_config.json", "claude-desktop"],
      ["cursor-mcp.json", "cursor"],
      ["windsurf-mcp_config.json", "windsurf"],
      ["zed-settings.json", "zed"],
      ["gemini-settings.json", "gemini-cli"],
    ] as const) {
      const json = JSON.stringify(load(file, client));
      for (const secret of [
        "1f2e3d4c5b6a7988",
        "FAKEFAKEFAKE",
        "Sup3rS3cret",
        "9f86d081884c7d659a2feaa0c55ad015",
        "abcdefABCDEF1234",
        "FAKEkey1234567890",
      ]) {
        expect(json, `${file} leaks ${secret}`).not.toContain(secret);
      }
    }
  });

  it("Claude Code ~/.claude.json: user and per-project servers", () => {
    const f = load("claude.json", "claude-code");
    expect(f.entries.map((e) => [e.name, e.scope, e.project])).toEqual([
      ["memory", "user", undefined],
      ["memory", "project", "/home/alice/work/api"],
      ["sentry", "project", "/home/alice/work/api"],
      ["memory", "project", "/home/alice/work/web"],
    ]);
    expect(f.entries[1]?.path).toEqual(["projects", "/home/alice/work/api", "mcpServers", "memory"]);
    expect(entry(f.entries, "sentry")).toMatchObject({
      transport: "http",
      launch: { kind: "remote", url: "https://mcp.sentry.dev/mcp" },
    });
  });

  it("VS Code mcp.json: comments, trailing commas, inputs, references", () => {
    const f = load("vscode-mcp.json", "vscode", "project");
    expect(f.errors).toEqual([]);
    expect(f.inputs).toEqual([{ id: "perplexity-key", type: "promptString", password: true }]);
    const p = entry(f.entries, "perplexity");
    expect(p.env[0]).toMatchObject({
      masked: "${input:perplexity-key}",
      references: ["${input:perplexity-key}"],
    });
    expect(p.env[0]?.secret).toBeUndefined();
    expect(entry(f.entries, "github").notes.join()).toContain("gh-token");
  });

  it("VS Code user settings: the mcp section", () => {
    const f = load("vscode-settings.json", "vscode");
    expect(f.entries.map((e) => e.path)).toEqual([["mcp", "servers", "time"]]);
    expect(f.entries[0]?.launch).toMatchObject({
      kind: "python",
      package: "mcp-server-time==0.6.2",
      pinned: true,
    });
  });

  it("Cursor: secrets in args and url query", () => {
    const f = load("cursor-mcp.json", "cursor");
    const stripe = entry(f.entries, "stripe");
    expect(stripe.args[3]).toMatchObject({
      masked: "--api-key=sk_live_****",
      secret: {
        kinds: ["stripe-live-key"],
        envName: "STRIPE_API_KEY",
        replacement: "--api-key=${env:STRIPE_API_KEY}",
      },
    });
    expect(entry(f.entries, "remote").url?.masked).toBe("https://mcp.example.com/sse?api_key=****");
  });

  it("Windsurf: serverUrl, disabled flag", () => {
    const f = load("windsurf-mcp_config.json", "windsurf");
    expect(entry(f.entries, "zapier").launch.kind).toBe("remote");
    expect(entry(f.entries, "brave")).toMatchObject({ disabled: true });
    expect(entry(f.entries, "brave").env[0]?.secret?.kinds).toEqual(["high-entropy"]);
  });

  it("Cline: alwaysAllow", () => {
    const f = load("cline_mcp_settings.json", "cline");
    expect(f.entries[0]).toMatchObject({ disabled: false, autoApprove: ["git_status", "git_log"] });
    expect(f.entries[0]?.paths).toEqual([{ value: "/path/to/repo", source: "arg" }]);
  });

  it("Zed: context_servers, the nested command shape, extensions", () => {
    const f = load("zed-settings.json", "zed");
    expect(f.errors).toEqual([]);
    expect(entry(f.entries, "local-mcp-server").launch).toMatchObject({
      kind: "npm",
      runner: "pnpm-dlx",
      spec: "some-mcp-server@1.0.0",
      pinned: true,
      specIndex: 1,
    });
    const old = entry(f.entries, "old-shape");
    expect(old.launch).toMatchObject({ kind: "npm", runner: "bunx", spec: "other-mcp" });
    expect(old.env[0]).toMatchObject({
      path: ["context_servers", "old-shape", "command", "env", "OTHER_TOKEN"],
      masked: "xoxb-****",
    });
    expect(entry(f.entries, "remote-mcp-server").headers[0]?.secret).toBeUndefined();
    const ext = entry(f.entries, "mcp-server-context7");
    expect(ext.launch).toEqual({ kind: "extension", id: "mcp-server-context7" });
    expect(ext.settings.map((s) => [s.key, s.masked, s.secret?.kinds])).toEqual([
      ["context7_api_key", "****", ["high-entropy"]],
      ["nested.mode", "fast", undefined],
    ]);
  });

  it("Gemini CLI: httpUrl and trust", () => {
    const f = load("gemini-settings.json", "gemini-cli");
    const gh = entry(f.entries, "github");
    expect(gh).toMatchObject({ transport: "streamable-http", autoApprove: ["*"] });
    expect(gh.headers[0]).toMatchObject({
      masked: "github_pat_****",
      secret: { envName: "GITHUB_AUTHORIZATION" },
    });
  });
});

describe("parse: broken and hostile files", () => {
  const ref: ConfigFileRef = { client: "claude-desktop", path: "/fx/x.json", scope: "user" };

  it("a syntax error is an error with its line, not a throw", () => {
    const f = load("broken.json", "claude-desktop");
    expect(f.errors[0]).toMatchObject({ line: 4 });
  });

  it("comments break a plain-JSON client's file but not VS Code's", () => {
    const text = '{\n  // note\n  "mcpServers": {}\n}';
    expect(parseConfigText(text, ref).errors[0]).toMatchObject({ line: 2 });
    expect(parseConfigText(text, { ...ref, client: "vscode" }).errors).toEqual([]);
  });

  it("duplicate keys in one object: both marked, the earlier is dropped by the client", () => {
    const f = load("duplicate-keys.json", "claude-desktop");
    expect(f.entries).toHaveLength(2);
    expect(f.entries[0]?.duplicates).toEqual([
      {
        file: "/fx/duplicate-keys.json",
        client: "claude-desktop",
        name: "github",
        line: 4,
        reason: "same-key-in-object",
        sameSettings: false,
      },
    ]);
  });

  it("keeps a long value whole in the replacement --fix writes back", () => {
    const long = `--header=x-${"a".repeat(3000)}-ghp_${"b".repeat(36)}-end`;
    const text = JSON.stringify({ mcpServers: { s: { command: "npx", args: ["-y", "p@1.0.0", long] } } });
    const replacement = entry(parseConfigText(text, ref).entries, "s").args[2]?.secret?.replacement;
    expect(replacement).toMatch(/-\$\{[A-Z_]+\}-end$/);
    expect(replacement?.length).toBeGreaterThan(3000);
    expect(replacement).not.toContain("ghp_");
  });

  it("refuses deep nesting without overflowing the stack", () => {
    const text = `{"mcpServers": ${"[".repeat(100_000)}`;
    const f = parseConfigText(text, ref);
    expect(f.errors[0]?.message).toContain("nested deeper");
    expect(f.entries).toEqual([]);
  });

  it("refuses files over the size cap", () => {
    const f = parseConfigBytes(Buffer.alloc(LIMITS.fileBytes + 1, 0x20), ref);
    expect(f.errors[0]?.message).toContain("larger than");
  });

  it("caps the number of servers and the size of values", () => {
    const servers = Object.fromEntries(
      Array.from({ length: 600 }, (_, i) => [
        `s${i}`,
        { command: "npx", args: ["-y", `p${i}`, "x".repeat(5_000)] },
      ]),
    );
    const t0 = performance.now();
    const f = parseConfigText(JSON.stringify({ mcpServers: servers }), ref);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(f.entries).toHaveLength(LIMITS.entriesPerFile);
    expect(f.errors.at(-1)?.message).toContain("more than");
    expect(f.entries[0]?.args[2]?.masked.length).toBeLessThanOrEqual(LIMITS.stringChars + 1);
  });

  it.each([
    [
      "UTF-8 with BOM",
      (s: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s)]),
      "utf8-bom",
    ],
    [
      "UTF-16LE with BOM",
      (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, "utf16le")]),
      "utf16le",
    ],
    ["UTF-16LE without BOM", (s: string) => Buffer.from(s, "utf16le"), "utf16le"],
    [
      "UTF-16BE with BOM",
      (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, "utf16le").swap16()]),
      "utf16be",
    ],
  ])("reads %s", (_n, encode, encoding) => {
    const f = parseConfigBytes(
      encode('{"mcpServers":{"a":{"command":"npx","args":["-y","pkg@1.0.0"]}}}'),
      ref,
    );
    expect(f.encoding).toBe(encoding);
    expect(f.entries[0]?.launch).toMatchObject({ kind: "npm", spec: "pkg@1.0.0" });
    expect(f.notes.join()).toContain(encoding);
  });

  it.each([
    ["invalid UTF-8", Buffer.from([0x7b, 0xff, 0xfe, 0xfd, 0x7d, 0x41])],
    ["binary", Buffer.from([0x7b, 0x00, 0x00, 0x00, 0x01, 0x02])],
    ["empty", Buffer.alloc(0)],
    ["a JSON array", Buffer.from("[1,2]")],
  ])("%s: an error, not a throw", (_n, bytes) => {
    const f = parseConfigBytes(bytes, ref);
    expect(f.errors.length).toBeGreaterThan(0);
    expect(f.entries).toEqual([]);
  });

  it("odd values become notes", () => {
    const f = parseConfigText('{"mcpServers":{"a":{"command":"npx","args":"-y pkg","env":[1]},"b":5}}', ref);
    expect(f.entries[0]?.notes).toEqual(["`args` is not an array", "`env` is not an object"]);
    expect(f.notes).toContain("server b is not an object; skipped");
  });
});

describe("markDuplicates", () => {
  it("same client, user and project scope, different settings", () => {
    const user = load("claude.json", "claude-code");
    const project = parseConfigText(
      '{"mcpServers":{"memory":{"command":"npx","args":["-y","@modelcontextprotocol/server-memory@0.6.2"]}}}',
      { client: "claude-code", path: "/work/api/.mcp.json", scope: "project" },
    );
    markDuplicates([user, project]);
    const [userMemory, apiMemory, , webMemory] = user.entries;
    // The two projects are never loaded together.
    expect(apiMemory?.duplicates.some((d) => d.line === webMemory?.line && d.file === webMemory?.file)).toBe(
      false,
    );
    expect(userMemory?.duplicates.length).toBe(3 + 0);
    expect(
      project.entries[0]?.duplicates.find((d) => d.file === "/fx/claude.json" && d.line === apiMemory?.line)
        ?.sameSettings,
    ).toBe(true);
  });

  it("different clients are not duplicates", () => {
    const a = load("cline_mcp_settings.json", "cline");
    const b = load("gemini-settings.json", "gemini-cli");
    markDuplicates([a, b]);
    expect(a.entries[0]?.duplicates).toEqual([]);
  });
});

describe("parse: secrets in every position", () => {
  it("stores none of them raw", () => {
    const f = load("secrets-everywhere.json", "claude-code");
    const json = JSON.stringify(f);
    const leaks = json.match(/LEAK\w*/g) ?? [];
    expect(leaks).toEqual([]);
    const e = entry(f.entries, "everything");
    expect(e.command).toBe("/opt/bin/run --token=ghp_****");
    expect(e.args.filter((a) => a.secret).length).toBe(6);
    expect(e.env.filter((v) => v.secret).length).toBe(7);
    expect(e.cwd?.secret).toBeDefined();
    const r = entry(f.entries, "remote");
    expect(r.url?.masked).toBe("https://user:****@mcp.example.com/sse?access_token=****");
    expect(r.headers.every((h) => h.secret)).toBe(true);
    // A server named with a credential is read under its mask (the client still starts it);
    // a project folder that is one keeps its servers unread, which is an error of the file.
    const named = entry(f.entries, "ghp_****");
    expect(named.launch).toMatchObject({ kind: "npm", name: "x" });
    expect(named.extra?.find((x) => x.where === "key")?.secret).toBeDefined();
    expect(f.errors.map((e) => e.message).join()).toContain("look like a credential");
    // The env name that is a token is read under its mask too, and reported.
    expect(e.env.map((v) => v.key)).toContain("ghp_****");
    expect(e.extra?.filter((x) => x.where === "key").length).toBe(1);
  });
});

describe("parse: credentials the first scanner never looked at (issue 14)", () => {
  const token = `ghp_${"a1B2c3D4e5".repeat(4)}`;
  const parse = (servers: Record<string, unknown>) =>
    parseConfigText(JSON.stringify({ mcpServers: servers }), {
      client: "cursor",
      path: "/p/mcp.json",
      scope: "project",
    });

  it("a token inside autoApprove is masked and reported", () => {
    const f = parse({ s: { command: "npx", args: ["-y", "p@1.0.0"], autoApprove: ["read", token] } });
    expect(JSON.stringify(f)).not.toContain(token);
    const e = f.entries[0]!;
    expect(e.autoApprove).toEqual(["read", "ghp_****"]);
    expect(e.extra?.find((x) => x.where === "other")).toMatchObject({
      key: "autoApprove.1",
      masked: "ghp_****",
    });
  });

  it("a token in an unknown field, and one in a field name, are reported", () => {
    const f = parse({ s: { command: "npx", args: ["-y", "p@1.0.0"], note: `use ${token}`, [token]: 1 } });
    expect(JSON.stringify(f)).not.toContain(token);
    expect(f.entries[0]!.extra?.map((x) => x.where).sort()).toEqual(["key", "other"]);
  });

  it("-p is a password among the server's arguments, not npx's package or docker's port", () => {
    const f = parse({
      db: { command: "npx", args: ["-y", "mysql-mcp@1.0.0", "-u", "root", "-p", "hunter2"] },
      pkg: { command: "npx", args: ["-p", "some-pkg@1.0.0", "bin"] },
      dock: { command: "docker", args: ["run", "-p", "8080:80", "img"] },
    });
    expect(JSON.stringify(f)).not.toContain("hunter2");
    expect(f.entries[0]!.args[5]?.secret).toBeDefined();
    expect(f.entries[1]!.args[1]?.masked).toBe("some-pkg@1.0.0");
    expect(f.entries[2]!.args[2]?.masked).toBe("8080:80");
  });

  it("a token in the command is a fact --fix rewrites", () => {
    const f = parse({ s: { command: `my-server --token=${token}`, args: [] } });
    expect(f.entries[0]!.extra?.[0]).toMatchObject({ where: "command" });
    expect(f.entries[0]!.extra?.[0]?.secret).toBeDefined();
  });

  it("nesting past the old 64 levels in an unrelated field still reads the servers", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 70; i++) deep = [deep];
    const text = JSON.stringify({
      other: deep,
      mcpServers: { s: { command: "npx", args: ["-y", "p@1.0.0"] } },
    });
    const f = parseConfigText(text, { client: "cursor", path: "/p/mcp.json", scope: "project" });
    expect(f.errors).toEqual([]);
    expect(f.entries).toHaveLength(1);
  });

  it("past the caps, the file is an error, never an empty file", () => {
    let deep = "1";
    for (let i = 0; i < 1000; i++) deep = `[${deep}]`;
    const f = parseConfigText(`{"a": ${deep}, "mcpServers": {}}`, {
      client: "cursor",
      path: "/p",
      scope: "user",
    });
    expect(f.errors[0]?.message).toMatch(/nested deeper/);
  });
});
