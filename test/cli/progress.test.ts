import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeProgress, ProgressLine } from "../../src/cli/progress.js";
import { collectEvidence, type ProgressEvent } from "../../src/collect/index.js";
import { parseTarget } from "../../src/collect/target.js";
import { NpmFace, packumentFromCatalog } from "../support/faces/npm.js";
import { TREE_CATALOG } from "../support/faces/npm-packuments.js";
import { ALL_OSV_FIXTURES, osvFace } from "../support/faces/osv.js";
import { fetchContext } from "../support/fetch-context.js";
import { FixtureServer } from "../support/fixture-server.js";

function fakeSink(columns = 80) {
  const writes: string[] = [];
  return { writes, sink: { columns, write: (t: string) => writes.push(t) } };
}

describe("the progress line", () => {
  it("names each phase", () => {
    expect(
      [
        { phase: "resolving", spec: "mcp-remote@0.1.15" },
        { phase: "tarball", name: "mcp-remote", version: "0.1.15" },
        { phase: "analysing", files: 12 },
        { phase: "tree" },
        { phase: "tree", packages: 1 },
        { phase: "advisories", packages: 88 },
      ].map((e) => describeProgress(e as ProgressEvent)),
    ).toEqual([
      "resolving mcp-remote@0.1.15",
      "reading the tarball of mcp-remote@0.1.15",
      "analysing 12 files",
      "resolving the dependency tree",
      "dependency tree: 1 package",
      "checking advisories for 88 packages",
    ]);
  });

  it("redraws one line in place, fits the terminal, and clears it once", () => {
    const { writes, sink } = fakeSink(30);
    const line = new ProgressLine(sink);
    line.clear(); // nothing drawn yet: nothing to clear
    line.update("analysing 12 files");
    line.update("checking advisories for 1234 packages");
    line.clear();
    line.clear();
    expect(writes).toEqual([
      "\r\u001b[2Kmcp-vet: analysing 12 files…",
      "\r\u001b[2Kmcp-vet: checking advisories…",
      "\r\u001b[2K",
    ]);
    expect(writes[1]!.replace("\r\u001b[2K", "")).toHaveLength(29);
  });

  it("strips terminal controls from names a registry gave", () => {
    const text = describeProgress({ phase: "tarball", name: "evil\u001b]0;pwned\u0007-mcp" });
    expect(text).not.toMatch(/\u001b|\u0007/);
  });
});

describe("collectEvidence tells where it is", () => {
  const server = new FixtureServer();
  beforeAll(async () => {
    const npm = NpmFace.recorded();
    for (const [name, versions] of Object.entries(TREE_CATALOG))
      npm.merge(packumentFromCatalog(name, versions));
    await server.face("", npm.route).face("/osv", osvFace(ALL_OSV_FIXTURES)).start();
  });
  afterAll(() => server.stop());

  it.each([
    ["with the tree", {}, ["resolving", "tarball", "analysing", "tree", "tree", "advisories"]],
    ["with --no-deps", { noDeps: true }, ["resolving", "tarball", "analysing", "advisories"]],
  ])("in order, %s", async (_name, options, phases) => {
    const ctx = await fetchContext(server.url());
    const events: ProgressEvent[] = [];
    try {
      await collectEvidence(ctx, parseTarget("mcp-remote@0.1.15"), {
        ...options,
        progress: (e) => events.push(e),
      });
    } finally {
      await ctx.cleanup();
    }
    expect(events.map((e) => e.phase)).toEqual(phases);
    expect(events[0]).toEqual({ phase: "resolving", spec: "mcp-remote@0.1.15" });
    expect(events[1]).toEqual({ phase: "tarball", name: "mcp-remote", version: "0.1.15" });
    const analysing = events[2] as Extract<ProgressEvent, { phase: "analysing" }>;
    expect(analysing.files).toBeGreaterThan(0);
    const advisories = events.at(-1) as Extract<ProgressEvent, { phase: "advisories" }>;
    if ("noDeps" in options) expect(advisories.packages).toBe(1);
    else {
      const tree = events[4] as Extract<ProgressEvent, { phase: "tree" }>;
      expect(tree.packages).toBeGreaterThan(0);
      expect(advisories.packages).toBeGreaterThan(1);
    }
  });
});
