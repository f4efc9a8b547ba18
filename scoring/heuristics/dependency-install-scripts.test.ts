import { describe, expect, it } from "vitest";
import type { DependencyNode } from "../../src/evidence/index.js";
import { depNode, withTree } from "../../test/support/deps-evidence.js";
import { evidence } from "../../test/support/evidence.js";
import { findings } from "../../test/support/run.js";
import dependencyInstallScripts from "./dependency-install-scripts.js";

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

  it("is unknown without a tree, skipped when the tree was not collected", () => {
    expect(
      dependencyInstallScripts.evaluate(evidence({ dependencies: { status: "unavailable", error: "x" } }))
        .status,
    ).toBe("unknown");
    expect(dependencyInstallScripts.evaluate(evidence()).status).toBe("skipped");
  });
});
