import { describe, expect, it } from "vitest";
import type { DependencyNode } from "../../src/evidence/index.js";
import { depNode, withTree } from "../../test/support/deps-evidence.js";
import { evidence } from "../../test/support/evidence.js";
import { findings } from "../../test/support/run.js";
import dependencyNonRegistrySource from "./dependency-non-registry-source.js";

const plain = depNode({ name: "zod" });
const deep = (n: Partial<DependencyNode> & { name: string }) =>
  depNode({ path: ["example-mcp-server", "a", "b", n.name], ...n });

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

  it("says a refused node was not fetched, and names it without a version", () => {
    const refused = depNode({
      name: "left-pad",
      version: "",
      source: "git",
      refused: true,
      resolved: "git+http://127.0.0.1:9/x.git",
    });
    const [f] = findings(dependencyNonRegistrySource, withTree([refused]));
    expect(f?.severity).toBe("high");
    expect(f?.detail).toMatch(/^left-pad \(.*git\+http:\/\/127\.0\.0\.1:9\/x\.git.*did not fetch it/);
  });

  it("ignores the target's own source (a local folder target is file:)", () => {
    const e = withTree([]);
    if (e.dependencies.status === "ok") e.dependencies.data.nodes[0]!.source = "file";
    expect(findings(dependencyNonRegistrySource, e)).toHaveLength(0);
  });

  it("is unknown without a tree, skipped when the tree was not collected", () => {
    expect(
      dependencyNonRegistrySource.evaluate(evidence({ dependencies: { status: "unavailable", error: "x" } }))
        .status,
    ).toBe("unknown");
    expect(dependencyNonRegistrySource.evaluate(evidence()).status).toBe("skipped");
  });
});
