import { describe, expect, it } from "vitest";
import type { DependencyNode } from "../../src/evidence/index.js";
import { depNode, withTree } from "../../test/support/deps-evidence.js";
import { evidence } from "../../test/support/evidence.js";
import { findings } from "../../test/support/run.js";
import deprecatedDependencies from "./deprecated-dependencies.js";

const plain = depNode({ name: "zod" });
const deep = (n: Partial<DependencyNode> & { name: string }) =>
  depNode({ path: ["example-mcp-server", "a", "b", n.name], ...n });

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

  it("is unknown without a tree, skipped when the tree was not collected", () => {
    expect(
      deprecatedDependencies.evaluate(evidence({ dependencies: { status: "unavailable", error: "x" } }))
        .status,
    ).toBe("unknown");
    expect(deprecatedDependencies.evaluate(evidence()).status).toBe("skipped");
  });
});
