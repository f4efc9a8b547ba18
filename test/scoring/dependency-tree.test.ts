import { describe, expect, it } from "vitest";
import type { Finding, Heuristic } from "../../scoring/engine/types.js";
import dependencyInstallScripts from "../../scoring/heuristics/dependency-install-scripts.js";
import dependencyNonRegistrySource from "../../scoring/heuristics/dependency-non-registry-source.js";
import deprecatedDependencies from "../../scoring/heuristics/deprecated-dependencies.js";
import largeDependencyTree, {
  LARGE_TREE,
  VERY_LARGE_TREE,
} from "../../scoring/heuristics/large-dependency-tree.js";
import type { DependencyNode, Evidence } from "../../src/evidence/index.js";
import { depNode, withTree } from "../support/deps-evidence.js";
import { evidence } from "../support/evidence.js";

function findings(h: Heuristic, e: Evidence): Finding[] {
  const r = h.evaluate(e);
  if (r.status !== "evaluated") throw new Error(r.status);
  return r.findings;
}

const plain = depNode({ name: "zod" });
const deep = (n: Partial<DependencyNode> & { name: string }) =>
  depNode({ path: ["example-mcp-server", "a", "b", n.name], ...n });

describe("dependency-install-scripts", () => {
  it.each<[string, DependencyNode[], number]>([
    ["no scripts", [plain], 0],
    ["unknown is not a finding", [depNode({ name: "x", hasInstallScript: undefined })], 0],
    ["a direct dependency", [depNode({ name: "esbuild", hasInstallScript: true })], 1],
    [
      "several: one finding",
      [depNode({ name: "esbuild", hasInstallScript: true }), deep({ name: "sharp", hasInstallScript: true })],
      1,
    ],
  ])("%s", (_n, nodes, count) =>
    expect(findings(dependencyInstallScripts, withTree(nodes))).toHaveLength(count),
  );

  it("ignores the target's own scripts (install-scripts judges those)", () => {
    const e = withTree([]);
    if (e.dependencies.status === "ok") e.dependencies.data.nodes[0]!.hasInstallScript = true;
    expect(findings(dependencyInstallScripts, e)).toHaveLength(0);
  });

  it("lists each package with the path that brings it in", () => {
    const [f] = findings(
      dependencyInstallScripts,
      withTree([deep({ name: "sharp", version: "0.33.0", hasInstallScript: true })]),
    );
    expect(f!.evidence[0]?.snippet).toBe("sharp@0.33.0 (example-mcp-server > a > b > sharp)");
  });

  it("is unknown without a tree", () => {
    expect(
      dependencyInstallScripts.evaluate(evidence({ dependencies: { status: "unavailable", error: "x" } }))
        .status,
    ).toBe("unknown");
  });
});

describe("deprecated-dependencies", () => {
  it.each<[string, DependencyNode[], number, string | undefined]>([
    ["none", [plain], 0, undefined],
    ["a deep one is low", [deep({ name: "inflight", deprecated: "This module is not supported" })], 1, "low"],
    [
      "a direct one is medium",
      [depNode({ name: "request", deprecated: "request has been deprecated" })],
      1,
      "medium",
    ],
  ])("%s", (_n, nodes, count, severity) => {
    const list = findings(deprecatedDependencies, withTree(nodes));
    expect(list).toHaveLength(count);
    expect(list[0]?.severity).toBe(severity);
  });

  it("quotes the deprecation message", () => {
    const [f] = findings(
      deprecatedDependencies,
      withTree([deep({ name: "inflight", deprecated: "Use lru-cache instead" })]),
    );
    expect(f!.evidence[0]?.snippet).toContain("Use lru-cache instead");
  });
});

describe("dependency-non-registry-source", () => {
  it.each<[string, DependencyNode[], (string | undefined)[]]>([
    ["registry only", [plain], []],
    [
      "git",
      [depNode({ name: "left-pad", source: "git", resolved: "git+ssh://git@github.com/x/left-pad.git#abc" })],
      ["high"],
    ],
    [
      "http tarball",
      [deep({ name: "thing", source: "http", resolved: "https://example.com/thing.tgz" })],
      ["high"],
    ],
    ["local file", [depNode({ name: "local", source: "file" })], ["low"]],
    ["unknown is not a finding", [depNode({ name: "odd", source: "unknown" })], []],
  ])("%s", (_n, nodes, severities) => {
    expect(findings(dependencyNonRegistrySource, withTree(nodes)).map((f) => f.severity)).toEqual(severities);
  });

  it("ignores the target's own source (a local folder target is file:)", () => {
    const e = withTree([]);
    if (e.dependencies.status === "ok") e.dependencies.data.nodes[0]!.source = "file";
    expect(findings(dependencyNonRegistrySource, e)).toHaveLength(0);
  });
});

describe("large-dependency-tree", () => {
  it.each<[string, number, string | undefined]>([
    ["small", 40, undefined],
    ["at the threshold", LARGE_TREE, undefined],
    ["large", LARGE_TREE + 1, "low"],
    ["very large", VERY_LARGE_TREE + 1, "medium"],
  ])("%s", (_n, total, severity) => {
    const list = findings(largeDependencyTree, withTree([], { total, direct: 10, maxDepth: 8 }));
    expect(list[0]?.severity).toBe(severity);
    expect(list.length).toBe(severity ? 1 : 0);
  });
});
