import { describe, expect, it } from "vitest";
import { withTree } from "../../test/support/deps-evidence.js";
import { evidence } from "../../test/support/evidence.js";
import { findings } from "../../test/support/run.js";
import largeDependencyTree, { LARGE_TREE, VERY_LARGE_TREE } from "./large-dependency-tree.js";

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

  it("is unknown without a tree, skipped when the tree was not collected", () => {
    expect(
      largeDependencyTree.evaluate(evidence({ dependencies: { status: "unavailable", error: "x" } })).status,
    ).toBe("unknown");
    expect(largeDependencyTree.evaluate(evidence()).status).toBe("skipped");
  });
});
