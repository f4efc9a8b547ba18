import { describe, expect, it } from "vitest";
import { depNode, withTree } from "../../test/support/deps-evidence.js";
import { evidence } from "../../test/support/evidence.js";
import { findings } from "../../test/support/run.js";
import dependencyTreePartial from "./dependency-tree-partial.js";

describe("dependency-tree-partial", () => {
  it("says nothing of a whole tree", () => {
    expect(findings(dependencyTreePartial, withTree([depNode({ name: "zod" })]))).toEqual([]);
  });

  it("is high for a tree cut at its budget, naming what was not resolved", () => {
    const e = withTree([depNode({ name: "zod" })]);
    if (e.dependencies.status !== "ok") throw new Error("no tree");
    e.dependencies.data.partial = {
      reason: "more than 1500 packages",
      resolved: 1500,
      unresolved: 212,
      examples: ["left-pad@^1.3.0", "react@^19"],
    };
    const [f] = findings(dependencyTreePartial, e);
    expect(f).toMatchObject({ severity: "high", title: expect.stringContaining("1500 packages") });
    expect(f?.detail).toContain("212 dependency edges");
    expect(f?.evidence.map((x) => x.snippet)).toEqual([
      "not resolved: left-pad@^1.3.0",
      "not resolved: react@^19",
    ]);
  });

  it("is unknown without a tree", () => {
    expect(
      dependencyTreePartial.evaluate(evidence({ dependencies: { status: "unavailable", error: "x" } }))
        .status,
    ).toBe("unknown");
  });
});
