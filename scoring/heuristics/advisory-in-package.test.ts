import { describe, expect, it } from "vitest";
import type { AdvisoryMatch } from "../../src/evidence/index.js";
import { advisory, depAdvisory, withAdvisories } from "../../test/support/deps-evidence.js";
import { evidence } from "../../test/support/evidence.js";
import { findings } from "../../test/support/run.js";
import advisoryInPackage from "./advisory-in-package.js";

const malicious = advisory({ id: "MAL-2025-0001", aliases: [], malicious: true, severity: "unknown" });

describe("advisory-in-package", () => {
  it.each<[string, AdvisoryMatch[], number]>([
    ["no advisories", [], 0],
    ["an advisory in the target", [advisory({ fixed: "0.1.16" })], 1],
    ["only a dependency advisory", [depAdvisory()], 0],
    ["a malicious record is left to malicious-package", [malicious], 0],
  ])("%s", (_n, list, count) =>
    expect(findings(advisoryInPackage, withAdvisories(list))).toHaveLength(count),
  );

  it("carries the severity through and names the fixed version", () => {
    const [f] = findings(
      advisoryInPackage,
      withAdvisories([advisory({ package: "mcp-remote", version: "0.1.15", fixed: "0.1.16" })]),
    );
    expect(f).toMatchObject({ id: "advisory-in-package", severity: "critical", category: "vulnerabilities" });
    expect(f!.title).toContain("GHSA-6xpm-ggf7-wc3p");
    expect(f!.remediation).toContain("mcp-remote@0.1.16");
    expect(f!.evidence[0]?.url).toContain("GHSA-6xpm-ggf7-wc3p");
  });

  it.each([
    ["low", "low"],
    ["unknown", "medium"],
  ] as const)("maps advisory severity %s to %s", (given, expected) => {
    expect(findings(advisoryInPackage, withAdvisories([advisory({ severity: given })]))[0]?.severity).toBe(
      expected,
    );
  });

  it("says when no fix is known", () => {
    expect(findings(advisoryInPackage, withAdvisories([advisory()]))[0]?.remediation).toMatch(
      /No fixed version/,
    );
  });

  it("is unknown when OSV was unavailable, skipped when skipped", () => {
    expect(
      advisoryInPackage.evaluate(evidence({ advisories: { status: "unavailable", error: "OSV down" } }))
        .status,
    ).toBe("unknown");
    expect(advisoryInPackage.evaluate(evidence()).status).toBe("skipped");
  });
});
