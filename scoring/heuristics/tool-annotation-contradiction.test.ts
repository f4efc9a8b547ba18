import { describe, expect, it } from "vitest";
import { emptyAnalysis } from "../../src/collect/analysis/index.js";
import type {
  CapabilityId,
  CapabilityUse,
  CodeAnalysis,
  Evidence,
  McpTool,
  ToolAnnotations,
} from "../../src/evidence/index.js";
import { evidenceWithCode } from "../../test/support/code.js";
import { evidence } from "../../test/support/evidence.js";
import { withoutPart } from "../../test/support/heuristic.js";
import { findings } from "../../test/support/run.js";
import heuristic from "./tool-annotation-contradiction.js";

/** A tool whose handler (at handlers.js:10) reaches each capability at the given call depth. */
function tool(
  name: string,
  annotations: ToolAnnotations | undefined,
  reaches: Partial<Record<CapabilityId, number>> | undefined,
  opts: { deletes?: number; complete?: boolean; useLine?: number } = {},
): McpTool {
  const t: McpTool = {
    name,
    descriptionLength: 0,
    inputKeys: [],
    hiddenChars: 0,
    hash: "0".repeat(64),
    syntax: "tool",
    where: { file: "index.js", line: 1 },
  };
  if (annotations) t.annotations = annotations;
  if (reaches) {
    t.handler = {
      where: { file: "handlers.js", line: 10, snippet: "async (a) => {" },
      complete: opts.complete ?? true,
      capabilities: Object.entries(reaches).map(([id, depth]) => ({
        id: id as CapabilityId,
        depth,
        where: { file: "lib.js", line: opts.useLine ?? 20 + depth, detail: `use of ${id}` },
      })),
    };
    if (opts.deletes !== undefined)
      t.handler.deletes = { where: { file: "lib.js", line: 40, detail: "fs.unlink" }, depth: opts.deletes };
  }
  return t;
}

function withTools(tools: McpTool[], packageCaps: CapabilityId[] = []): Evidence {
  const capabilities: CapabilityUse[] = packageCaps.map((id) => ({
    id,
    count: 2,
    files: ["lib.js"],
    evidence: [{ file: "lib.js", line: 5 }],
  }));
  const data: CodeAnalysis = {
    ...emptyAnalysis("meriyah"),
    coverage: { analysed: 1, parsed: 1, tokenScanned: [], bytes: 100, skipped: [] },
    capabilities,
    tools,
  };
  return evidence({ code: { status: "ok", data } });
}

const RO = { readOnlyHint: true };

describe("tool-annotation-contradiction, per tool (plain evidence)", () => {
  it.each<[string, McpTool, string[]]>([
    ["read-only tool that writes in its handler", tool("save_note", RO, { "fs.write": 0 }), ["medium"]],
    ["read-only tool whose helper writes", tool("get_note", RO, { "fs.read": 0, "fs.write": 1 }), ["medium"]],
    ["read-only tool that writes three calls down", tool("get_note", RO, { "fs.write": 3 }), ["low"]],
    ["read-only tool that runs programs", tool("list_files", RO, { "process.exec": 0 }), ["high"]],
    ["read-only tool that runs programs deep down", tool("get_config", RO, { "process.exec": 2 }), ["low"]],
    ["read-only tool that only reads", tool("read", RO, { "fs.read": 0, "env.read": 1 }), []],
    [
      "write tool that writes and runs programs",
      tool("run", { readOnlyHint: false }, { "fs.write": 0, "process.exec": 0 }),
      [],
    ],
    ["no annotations", tool("run", undefined, { "process.exec": 0 }), []],
    [
      "non-destructive tool that deletes",
      tool("tidy", { destructiveHint: false }, { "fs.write": 1 }, { deletes: 1 }),
      ["low"],
    ],
    [
      "non-destructive tool that deletes deep down (temp-file clean-up)",
      tool("mkdir", { destructiveHint: false }, { "fs.write": 0 }, { deletes: 3 }),
      [],
    ],
    [
      "non-destructive tool that only creates",
      tool("mkdir", { destructiveHint: false }, { "fs.write": 0 }),
      [],
    ],
    [
      "read-only and non-destructive tool that deletes: the read-only claim is what breaks",
      tool("peek", { readOnlyHint: true, destructiveHint: false }, { "fs.write": 0 }, { deletes: 0 }),
      ["medium"],
    ],
    [
      "closed-world tool that fetches",
      tool("lookup", { openWorldHint: false }, { "net.outbound": 1 }),
      ["low"],
    ],
    [
      "closed-world tool that reaches the network deep down (telemetry)",
      tool("lookup", { openWorldHint: false }, { "net.outbound": 4 }),
      [],
    ],
    ["open-world tool that fetches", tool("lookup", { openWorldHint: true }, { "net.outbound": 0 }), []],
  ])("%s", (_n, t, severities) => {
    expect(findings(heuristic, withTools([t])).map((f) => f.severity)).toEqual(severities);
  });

  it("gives the tool's name, its handler's file:line and the use", () => {
    const [f] = findings(heuristic, withTools([tool("get_note", RO, { "fs.write": 1 })]));
    expect(f?.title).toBe("Tool `get_note` claims readOnlyHint: true, but its handler writes files");
    expect(f?.detail).toContain("in a function the handler calls");
    expect(f?.evidence).toEqual([
      { file: "handlers.js", line: 10, snippet: "async (a) => {" },
      { file: "lib.js", line: 21 },
    ]);
  });

  it("makes one finding for tools that share the offending helper", () => {
    const tools = ["a", "b", "c", "d", "e"].map((n) =>
      tool(`get_${n}`, RO, { "fs.write": 1 }, { useLine: 99 }),
    );
    const list = findings(heuristic, withTools(tools));
    expect(list).toHaveLength(1);
    expect(list[0]?.title).toBe(
      "Tools `get_a`, `get_b`, `get_c` and 2 more claim readOnlyHint: true, but their handlers write files",
    );
    expect(list[0]?.evidence).toHaveLength(4);
  });

  it("escapes and caps a hostile tool name", () => {
    const name = `read\u202Efile\`${"x".repeat(200)}`;
    const [f] = findings(heuristic, withTools([tool(name, RO, { "process.exec": 0 })]));
    expect(f?.title).toContain("read\\u{202e}file'");
    expect(f?.title).not.toContain("\u202E");
    expect(f?.title.length).toBeLessThan(160);
  });

  it("says when the handler could not be followed everywhere", () => {
    const [f] = findings(heuristic, withTools([tool("get", RO, { "fs.write": 0 }, { complete: false })]));
    expect(f?.detail).toContain("could not be followed");
  });

  it("holds package-wide uses against tools that could not be linked, even beside a linked decoy", () => {
    const decoy = [tool("read", RO, { "fs.read": 0 }), tool("stat", RO, undefined)];
    const list = findings(heuristic, withTools(decoy, ["fs.write", "process.exec"]));
    expect(list.map((f) => [f.severity, f.title])).toEqual([
      [
        "medium",
        "1 tool(s) whose code could not be fully linked (`stat`) claim readOnlyHint, but the package's code uses process.exec",
      ],
      [
        "medium",
        "1 tool(s) whose code could not be fully linked (`stat`) claim readOnlyHint, but the package's code uses fs.write",
      ],
    ]);
    // A partly linked handler counts as not linked for what it may reach.
    const partial = [tool("read", RO, { "fs.read": 0 }, { complete: false })];
    expect(findings(heuristic, withTools(partial, ["process.exec"])).map((f) => f.title)).toEqual([
      "All 1 tools claim readOnlyHint, but the package's code uses process.exec",
    ]);
  });

  it("does not hold a use against unlinked tools when a linked tool without the claim accounts for it", () => {
    const tools = [
      tool("read", RO, { "fs.read": 0 }),
      tool("write", { readOnlyHint: false }, { "fs.write": 0 }),
      tool("stat", RO, undefined),
    ];
    expect(findings(heuristic, withTools(tools, ["fs.read", "fs.write"]))).toEqual([]);
  });

  it("falls back to the package-wide claim when no handler could be linked", () => {
    const unlinked = [
      tool("read", RO, undefined),
      tool("stat", { readOnlyHint: true, openWorldHint: false }, undefined),
    ];
    const list = findings(heuristic, withTools(unlinked, ["fs.write", "net.outbound"]));
    expect(list.map((f) => [f.severity, f.title])).toEqual([
      ["medium", "All 2 tools claim readOnlyHint, but the package's code uses fs.write"],
    ]);
    expect(list[0]?.detail).toContain("judged as a whole");
    const closed = [tool("a", { openWorldHint: false }, undefined)];
    expect(findings(heuristic, withTools(closed, ["net.outbound"])).map((f) => f.severity)).toEqual(["low"]);
  });
});

describe("tool-annotation-contradiction, from code", () => {
  const judge = (files: Record<string, string>) => findings(heuristic, evidenceWithCode(files));

  it("flags the read-only tool whose helper writes, and not its read-only sibling", () => {
    const list = judge({
      "index.js": `import fs from "node:fs";
        server.tool("get_note", "Gets", {}, { readOnlyHint: true }, async (a) => { remember(a); return 1; });
        server.tool("list_notes", "Lists", {}, { readOnlyHint: true }, async () => fs.readdirSync("/notes"));
        function remember(a) { fs.writeFileSync("/tmp/seen", String(a.id)); }`,
    });
    expect(list.map((f) => [f.severity, f.title])).toEqual([
      ["medium", "Tool `get_note` claims readOnlyHint: true, but its handler writes files"],
    ]);
    expect(list[0]?.evidence[0]).toMatchObject({ file: "index.js", line: 2 });
    expect(list[0]?.evidence[1]).toMatchObject({ file: "index.js", line: 4 });
  });

  it("does not blame a tool for code outside its handler", () => {
    const list = judge({
      "index.js": `import fs from "node:fs"; fs.mkdirSync("/tmp/cache", { recursive: true });
        server.tool("a", "A", {}, { readOnlyHint: true, openWorldHint: false }, async () => ({}));
        fetch("https://telemetry.example/start");`,
    });
    expect(list).toEqual([]);
  });

  it("judges a low-level server's switch branches", () => {
    const list = judge({
      "index.js": `import { exec } from "node:child_process";
        const TOOLS = [{ name: "git_log", description: "Log", inputSchema: {}, annotations: { readOnlyHint: true } }];
        server.setRequestHandler(CallToolRequestSchema, async (req) => {
          switch (req.params.name) { case "git_log": return exec("git log " + req.params.arguments.ref); }
        });`,
    });
    expect(list.map((f) => [f.severity, f.title])).toEqual([
      ["high", "Tool `git_log` claims readOnlyHint: true, but its handler runs programs"],
    ]);
  });
});

describe("tool-annotation-contradiction without its evidence", () => {
  it("is unknown when the code analysis could not be read, skipped when not collected", () => {
    expect(withoutPart(heuristic, "code")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
