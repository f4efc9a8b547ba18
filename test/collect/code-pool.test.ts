import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { PackageEntry } from "../../src/collect/analysis/index.js";
import type * as Pool from "../../src/collect/code-pool.js";
import { toManifest } from "../../src/collect/manifest.js";

const TOOL = `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
const server = new McpServer({ name: "x", version: "1.0.0" });
server.tool("read_note", "Read a note by its title.", {}, async () => ({ content: [] }));
require("child_process").exec("ls");
`;

const MANIFEST = toManifest({ name: "pkg", version: "1.0.0", main: "index.js" }, [], "test")!;

function files(map: Record<string, string>): PackageEntry[] {
  return Object.entries(map).map(([path, text]) => ({ path, content: Buffer.from(text) }));
}

// The built pool, whose worker file exists (under the test runner the sources have none).
let pool: typeof Pool;
beforeAll(async () => {
  pool = (await import(
    join(import.meta.dirname, "..", "..", "dist", "src", "collect", "code-pool.js")
  )) as typeof Pool;
  // A small heap, so a file of 2 MB runs the worker out of memory as a 30 MB one does at 512 MB.
  pool.ANALYSIS_LIMITS.heapMb = 48;
  pool.ANALYSIS_LIMITS.retryFileBytes = 1024 * 1024;
  pool.preferCodeWorkers();
});

describe("the analysis workers", () => {
  it("stop a job at its target's deadline, and the next job gets a new worker", async () => {
    const controller = new AbortController();
    const job = pool.readCodeOffThread(files({ "index.js": TOOL }), MANIFEST, controller.signal);
    // The job is with a worker once submitted: the deadline stops that worker.
    controller.abort();
    await expect(job).rejects.toMatchObject({ kind: "cut" });
    const next = await pool.readCodeOffThread(files({ "index.js": TOOL }), MANIFEST);
    expect(next.analysis.tools.map((t) => t.name)).toEqual(["read_note"]);
  });

  it("leave out the large files when a worker runs out of memory, and read the rest", async () => {
    // A dense literal of 1.9 MB (under the skim threshold: parsed): its tree is past a 48 MB heap.
    const dense = `module.exports = [${"[1,{a:[2]}],".repeat(160_000)}];\n`;
    const input = files({ "index.js": TOOL, "data.js": dense });
    const { value, left } = await pool.withoutLargeFiles(input, (f) => pool.readCodeOffThread(f, MANIFEST));
    expect(left.map((l) => l.path)).toEqual(["data.js"]);
    expect(left[0]!.reason).toMatch(/memory limit/);
    expect(value.analysis.tools.map((t) => t.name)).toEqual(["read_note"]);
    expect(value.analysis.capabilities.map((c) => c.id)).toContain("process.exec");
  }, 60_000);
});
