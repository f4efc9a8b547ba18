import { describe, expect, it } from "vitest";
import { analyzeFile } from "../../../src/collect/analysis/index.js";
import type { McpTool } from "../../../src/evidence/index.js";
import { analyze } from "../../support/code.js";

const tool = (tools: McpTool[], name: string) => tools.find((t) => t.name === name);
const caps = (t: McpTool | undefined) => t?.handler?.capabilities.map((c) => `${c.id}@${c.depth}`);

describe("tool handler linking", () => {
  it("gives the handler's location, and each capability's nearest use and call depth", () => {
    const a = analyze({
      "index.js": `import fs from "node:fs";
function save(p, t) {
  fs.writeFileSync(p, t);
}
const handler = async (a) => {
  const old = fs.readFileSync(a.path);
  save(a.path, a.text);
  return old;
};
server.tool("save", "Saves", {}, handler);`,
    });
    const t = tool(a.tools, "save")!;
    expect(t.handler?.where).toMatchObject({ file: "index.js", line: 5 });
    expect(t.handler?.complete).toBe(true);
    expect(t.handler?.capabilities).toEqual([
      expect.objectContaining({ id: "fs.read", depth: 0, where: expect.objectContaining({ line: 6 }) }),
      expect.objectContaining({ id: "fs.write", depth: 1, where: expect.objectContaining({ line: 3 }) }),
    ]);
  });

  it("links TypeScript sources, across a .js specifier that names a .ts file", () => {
    const a = analyze({
      "src/index.ts": `import { runIt } from "./helpers.js";
server.registerTool("peek", { description: "Peek", annotations: { readOnlyHint: true } }, async (a: { p: string }) => runIt(a.p));`,
      "src/helpers.ts": `import { execSync } from "node:child_process";
export function runIt(p: string): string {
  return execSync("cat " + p).toString();
}`,
    });
    const t = tool(a.tools, "peek");
    expect(caps(t)).toEqual(["process.exec@1"]);
    expect(t?.handler?.capabilities[0]?.where).toMatchObject({ file: "src/helpers.ts", line: 3 });
  });

  it("tells deleting from other writes", () => {
    const a = analyze({
      "index.js": `import { rmSync, writeFileSync } from "node:fs";
        server.tool("clear", "Clears", {}, async () => rmSync("/tmp/x", { recursive: true }));
        server.tool("put", "Puts", {}, async () => writeFileSync("/tmp/x", "y"));`,
    });
    expect(tool(a.tools, "clear")?.handler?.deletes).toMatchObject({
      depth: 0,
      where: { detail: "fs.rmSync" },
    });
    expect(tool(a.tools, "put")?.handler?.deletes).toBeUndefined();
  });

  it("marks a handler incomplete when a helper's file is not in the package", () => {
    const a = analyze({
      "index.js": `import { helper } from "./missing.js";
        server.tool("t", "T", {}, async (a) => { helper(a); return fetch(a.url); });`,
    });
    const t = tool(a.tools, "t");
    expect(t?.handler?.complete).toBe(false);
    expect(caps(t)).toEqual(["net.outbound@0"]);
  });

  it("leaves a tool unlinked when its imported handler cannot be found", () => {
    const a = analyze({
      "index.js": `import { handle } from "./gone.js"; server.tool("t", "T", {}, handle);`,
    });
    expect(a.tools[0]?.handler).toBeUndefined();
  });

  it("follows methods of exported instances, not their constructors", () => {
    const a = analyze({
      "index.js": `import { history } from "./history.js";
        server.tool("recent", "Recent calls", {}, { readOnlyHint: true }, async () => history.recent());
        server.tool("mystery", "M", {}, async () => history.nope());`,
      "history.js": `import fs from "node:fs";
        class History {
          constructor() { fs.mkdirSync("/tmp/h", { recursive: true }); }
          recent() { return this.items.slice(-10); }
        }
        export const history = new History();`,
    });
    expect(caps(tool(a.tools, "recent"))).toEqual([]);
    expect(tool(a.tools, "recent")?.handler?.complete).toBe(true);
    // A member the export does not have: unknown code, so the link is partial.
    expect(tool(a.tools, "mystery")?.handler?.complete).toBe(false);
  });

  it("follows re-exports and export * barrels, counting depth across files", () => {
    const a = analyze({
      "src/index.js": `import * as handlers from "./handlers/index.js";
        server.registerTool("run", { description: "Runs" }, async (a) => handlers.runIt(a));`,
      "src/handlers/index.js": `export * from "./fs.js"; export { runCommand as runIt } from "./proc.js";`,
      "src/handlers/proc.js": `import { spawn } from "node:child_process";
        export function runCommand(a) { return go(a.cmd); }
        function go(cmd) { return spawn(cmd); }`,
      "src/handlers/fs.js": `export function readIt() {}`,
    });
    const t = tool(a.tools, "run");
    expect(caps(t)).toEqual(["process.exec@2"]);
    expect(t?.handler?.complete).toBe(true);
  });

  it("links ListTools definitions in one file to the CallTool switch in another", () => {
    const a = analyze({
      "dist/tools.js": `export const TOOLS = [
          { name: "query", description: "Runs SQL", inputSchema: { type: "object" }, annotations: { readOnlyHint: true } },
        ];`,
      "dist/index.js": `import { TOOLS } from "./tools.js";
        import { CallToolRequestSchema } from "@modelcontextprotocol/sdk/types.js";
        import pg from "pg";
        import { execSync } from "node:child_process";
        server.setRequestHandler(CallToolRequestSchema, async (req) => {
          switch (req.params.name) {
            case TOOL_NAMES.QUERY: return runQuery(req.params.arguments.sql);
          }
        });
        const TOOL_NAMES = { QUERY: "query" };
        function runQuery(sql) { return execSync("psql -c " + sql); }`,
    });
    const t = tool(a.tools, "query");
    expect(t?.handler?.where).toMatchObject({ file: "dist/index.js", line: 7 });
    expect(caps(t)).toEqual(["process.exec@1"]);
  });

  it("does not link in files parsed without offsets", () => {
    const facts = analyzeFile(
      "big.js",
      `const cp = require("child_process"); server.tool("run", "Runs", {}, async (a) => cp.exec(a.cmd));`,
      false,
    );
    expect(facts.tools[0]?.name).toBe("run");
    expect(facts.tools[0]?.handler).toBeUndefined();
  });

  it("stops following a long call chain and says so", () => {
    const chain = Array.from({ length: 100 }, (_, i) => `function f${i}(x) { return f${i + 1}(x); }`).join(
      "\n",
    );
    const a = analyze({
      "index.js": `import fs from "node:fs";
        ${chain}
        function f100(x) { fs.writeFileSync("/tmp/x", x); }
        server.tool("deep", "Deep", {}, async (a) => f0(a));`,
    });
    const t = tool(a.tools, "deep");
    expect(t?.handler?.complete).toBe(false);
    expect(caps(t)).toEqual([]);
  });

  it("stays fast when every function calls every other (flat names in a bundle)", () => {
    const n = 400;
    const fns = Array.from(
      { length: n },
      (_, i) =>
        `function g${i}(x) { ${Array.from({ length: 20 }, (_, j) => `g${(i * 7 + j) % n}(x);`).join(" ")} }`,
    ).join("\n");
    const tools = Array.from(
      { length: 50 },
      (_, i) => `server.tool("t${i}", "T", {}, async (a) => g${i}(a));`,
    ).join("\n");
    const exports = Array.from({ length: 100 }, (_, i) => `export { g${i} as e${i} };`).join("\n");
    const t0 = performance.now();
    const a = analyze({ "index.js": `${fns}\n${tools}\n${exports}` });
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(a.tools).toHaveLength(50);
    expect(a.tools.every((t) => t.handler && !t.handler.complete)).toBe(true);
  });

  it("survives a chain of thousands of aliases: the link stops at its bound, the analysis stands", () => {
    const aliases = Array.from({ length: 3000 }, (_, i) => `const a${i + 1} = a${i};`).join("\n");
    const a = analyze({
      "index.js": `const a0 = function () { require("child_process").exec("x"); };
${aliases}
server.tool("t", "T", { }, a3000);
export const x = a3000;`,
    });
    expect(a.capabilities.map((c) => c.id)).toContain("process.exec");
    expect(a.tools[0]?.handler?.complete ?? false).toBe(false);
  });

  it("does not multiply lookups through fans and cycles of export *", () => {
    const stars = Array.from({ length: 20 }, () => `export * from "./a.js";`).join("\n");
    const t0 = performance.now();
    const a = analyze({
      "a.js": stars,
      "index.js": `import { f0 } from "./a.js";
server.tool("t", "T", {}, async () => f0());
server.tool("u", "U", {}, async () => f0());`,
    });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(a.tools.every((t) => t.handler === undefined || !t.handler.complete)).toBe(true);
  });

  it("does not follow a method of a built-in class to a same-named method of a class of the file", () => {
    const a = analyze({
      "index.js": `import { execSync } from "node:child_process";
class Git { get(r) { return execSync("git show " + r); } }
const cache = new Map();
server.registerTool("peek", { annotations: { readOnlyHint: true } }, async (a) => cache.get(a.k));
server.registerTool("show", {}, async (a) => new Git().get(a.r));`,
    });
    expect(caps(tool(a.tools, "peek"))).toEqual([]);
    expect(caps(tool(a.tools, "show"))).toEqual(["process.exec@1"]);
  });

  it("says a link is partial when a name had more bindings than are kept", () => {
    const rebinds = Array.from({ length: 9 }, () => "run = () => 0;").join(" ");
    const a = analyze({
      "index.js": `import cp from "node:child_process";
let run = () => 0; ${rebinds} run = (a) => cp.execSync(a.cmd);
server.registerTool("t", { annotations: { readOnlyHint: true } }, async (a) => run(a));`,
    });
    expect(a.tools[0]?.handler?.complete).toBe(false);
  });

  it.each([
    ["src/impl/index.ts", "./impl"],
    ["src/impl.tsx", "./impl.js"],
    ["src/impl.mts", "./impl"],
  ])("follows an import to %s", (file, spec) => {
    const a = analyze({
      "src/index.ts": `import { run } from "${spec}";
server.tool("t", "T", {}, async () => run());`,
      [file]: `import { execSync } from "node:child_process";
export function run() { return execSync("id"); }`,
    });
    expect(caps(tool(a.tools, "t"))).toEqual(["process.exec@1"]);
  });

  it("follows a library instance made at module level into the handler that uses it", () => {
    const a = analyze({
      "index.js": `import simpleGit from "simple-git";
import pg from "pg";
import axios from "axios";
const git = simpleGit();
const pool = new pg.Pool();
const http = axios.create({ baseURL: "https://api.example.com" });
const cache = new Map();
server.registerTool("log", { annotations: { readOnlyHint: true } }, async () => git.log());
server.registerTool("rows", {}, async () => pool.query("select 1"));
server.registerTool("get", {}, async () => http.get("/x"));
server.registerTool("peek", {}, async (a) => cache.get(a.k));`,
    });
    expect(caps(tool(a.tools, "log"))).toEqual(["process.exec@0"]);
    expect(caps(tool(a.tools, "rows"))).toEqual(["net.outbound@0"]);
    expect(caps(tool(a.tools, "get"))).toEqual(["net.outbound@0"]);
    expect(caps(tool(a.tools, "peek"))).toEqual([]);
  });
});
