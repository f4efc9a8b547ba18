import { describe, expect, it } from "vitest";
import type { Finding, Heuristic } from "../../scoring/engine/types.js";
import advisoryInDependency from "../../scoring/heuristics/advisory-in-dependency.js";
import advisoryInPackage from "../../scoring/heuristics/advisory-in-package.js";
import maliciousPackage from "../../scoring/heuristics/malicious-package.js";
import type { AdvisoryMatch } from "../../src/evidence/index.js";
import { advisory, depAdvisory, withAdvisories } from "../support/deps-evidence.js";
import { evidence } from "../support/evidence.js";

function findings(h: Heuristic, list: AdvisoryMatch[]): Finding[] {
  const r = h.evaluate(withAdvisories(list));
  if (r.status !== "evaluated") throw new Error(r.status);
  return r.findings;
}

const malicious = advisory({ id: "MAL-2025-0001", aliases: [], malicious: true, severity: "unknown" });
const maliciousDep = depAdvisory({
  id: "MAL-2025-0002",
  aliases: [],
  malicious: true,
  fixed: undefined,
  direct: true,
  path: ["example-mcp-server", "evil"],
  package: "evil",
});

describe("advisory-in-package", () => {
  it.each<[string, AdvisoryMatch[], number]>([
    ["no advisories", [], 0],
    ["an advisory in the target", [advisory({ fixed: "0.1.16" })], 1],
    ["only a dependency advisory", [depAdvisory()], 0],
    ["a malicious record is left to malicious-package", [malicious], 0],
  ])("%s", (_n, list, count) => expect(findings(advisoryInPackage, list)).toHaveLength(count));

  it("carries the severity through and names the fixed version", () => {
    const [f] = findings(advisoryInPackage, [
      advisory({ package: "mcp-remote", version: "0.1.15", fixed: "0.1.16" }),
    ]);
    expect(f).toMatchObject({ id: "advisory-in-package", severity: "critical", category: "vulnerabilities" });
    expect(f!.title).toContain("GHSA-6xpm-ggf7-wc3p");
    expect(f!.remediation).toContain("mcp-remote@0.1.16");
    expect(f!.evidence[0]?.url).toContain("GHSA-6xpm-ggf7-wc3p");
  });

  it.each([
    ["low", "low"],
    ["unknown", "medium"],
  ] as const)("maps advisory severity %s to %s", (given, expected) => {
    expect(findings(advisoryInPackage, [advisory({ severity: given })])[0]?.severity).toBe(expected);
  });

  it("says when no fix is known", () => {
    expect(findings(advisoryInPackage, [advisory()])[0]?.remediation).toMatch(/No fixed version/);
  });

  it("is unknown when OSV was unavailable, skipped when skipped", () => {
    expect(
      advisoryInPackage.evaluate(evidence({ advisories: { status: "unavailable", error: "OSV down" } }))
        .status,
    ).toBe("unknown");
    expect(advisoryInPackage.evaluate(evidence()).status).toBe("skipped");
  });
});

describe("advisory-in-dependency", () => {
  it.each<[string, AdvisoryMatch[], number]>([
    ["no advisories", [], 0],
    ["only the target's own advisory", [advisory()], 0],
    ["a transitive one", [depAdvisory()], 1],
    ["two", [depAdvisory(), depAdvisory({ package: "cookie", id: "GHSA-pxg6-pf52-xh8x" })], 2],
    ["a malicious dependency is left to malicious-package", [maliciousDep], 0],
  ])("%s", (_n, list, count) => expect(findings(advisoryInDependency, list)).toHaveLength(count));

  it("gives the path and the override for a transitive dependency", () => {
    const [f] = findings(advisoryInDependency, [depAdvisory()]);
    expect(f!.severity).toBe("high");
    expect(f!.detail).toContain("transitive dependency (example-mcp-server > express > path-to-regexp)");
    expect(f!.remediation).toContain("0.1.12");
    expect(f!.remediation).toContain("example-mcp-server > express");
  });

  it("says direct for a dependency the server names", () => {
    const [f] = findings(advisoryInDependency, [
      depAdvisory({ direct: true, path: ["example-mcp-server", "path-to-regexp"] }),
    ]);
    expect(f!.detail).toContain("a direct dependency");
    expect(f!.remediation).toContain("names it directly");
  });
});

describe("malicious-package", () => {
  it.each<[string, AdvisoryMatch[], number]>([
    ["nothing", [], 0],
    ["an ordinary advisory", [advisory(), depAdvisory()], 0],
    ["the target itself", [malicious], 1],
    ["deep in the tree", [maliciousDep], 1],
  ])("%s", (_n, list, count) => expect(findings(maliciousPackage, list)).toHaveLength(count));

  it("is critical and blocking whatever the record says", () => {
    const [f] = findings(maliciousPackage, [maliciousDep]);
    expect(f).toMatchObject({ severity: "critical", blocking: true });
    expect(f!.detail).toContain("example-mcp-server > evil");
  });
});
