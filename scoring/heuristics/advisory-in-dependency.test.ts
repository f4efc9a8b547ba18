import { describe, expect, it } from "vitest";
import type { AdvisoryMatch } from "../../src/evidence/index.js";
import { advisory, depAdvisory, withAdvisories } from "../../test/support/deps-evidence.js";
import { evidence } from "../../test/support/evidence.js";
import { findings } from "../../test/support/run.js";
import advisoryInDependency from "./advisory-in-dependency.js";

const maliciousDep = depAdvisory({
  id: "MAL-2025-0002",
  aliases: [],
  malicious: true,
  fixed: undefined,
  direct: true,
  path: ["example-mcp-server", "evil"],
  package: "evil",
});

describe("advisory-in-dependency", () => {
  it.each<[string, AdvisoryMatch[], number]>([
    ["no advisories", [], 0],
    ["only the target's own advisory", [advisory()], 0],
    ["a transitive one", [depAdvisory()], 1],
    ["two", [depAdvisory(), depAdvisory({ package: "cookie", id: "GHSA-pxg6-pf52-xh8x" })], 2],
    ["a malicious dependency is left to malicious-package", [maliciousDep], 0],
  ])("%s", (_n, list, count) =>
    expect(findings(advisoryInDependency, withAdvisories(list))).toHaveLength(count),
  );

  it("gives the path and the override for a transitive dependency", () => {
    const [f] = findings(advisoryInDependency, withAdvisories([depAdvisory()]));
    expect(f!.severity).toBe("high");
    expect(f!.detail).toContain("transitive dependency (example-mcp-server > express > path-to-regexp)");
    expect(f!.remediation).toContain("0.1.12");
    expect(f!.remediation).toContain("example-mcp-server > express");
  });

  it("says direct for a dependency the server names", () => {
    const [f] = findings(
      advisoryInDependency,
      withAdvisories([depAdvisory({ direct: true, path: ["example-mcp-server", "path-to-regexp"] })]),
    );
    expect(f!.detail).toContain("a direct dependency");
    expect(f!.remediation).toContain("names it directly");
  });

  it("is unknown when OSV was unavailable, skipped when skipped", () => {
    expect(
      advisoryInDependency.evaluate(evidence({ advisories: { status: "unavailable", error: "OSV down" } }))
        .status,
    ).toBe("unknown");
    expect(advisoryInDependency.evaluate(evidence()).status).toBe("skipped");
  });
});
