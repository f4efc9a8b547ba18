import { describe, expect, it } from "vitest";
import { evidence, NOW, npmFacts } from "../../test/support/evidence.js";
import { findingsOf, withoutPart } from "../../test/support/heuristic.js";
import newPackage from "./new-package.js";

const daysAgo = (d: number) => new Date(Date.parse(NOW) - d * 86_400_000).toISOString();

describe("new-package", () => {
  it.each([
    [400, []],
    [30, []],
    [20, ["medium"]],
    [7, ["medium"]],
    [2, ["high"]],
  ])("first published %i days ago", (days, severities) => {
    const e = evidence({ npm: { status: "ok", data: npmFacts({ createdAt: daysAgo(days) }) } });
    expect(findingsOf(newPackage, e).map((f) => f.severity)).toEqual(severities);
  });

  it("falls back to the first publish time when the registry gives no creation time", () => {
    const versions = [{ version: "1.2.0", publishedAt: daysAgo(3) }];
    const e = evidence({ npm: { status: "ok", data: npmFacts({ createdAt: undefined, versions }) } });
    expect(findingsOf(newPackage, e).map((f) => f.severity)).toEqual(["high"]);
  });

  it("is unknown when the registry gives no creation or publish time", () => {
    const versions = [{ version: "1.2.0" }];
    const e = evidence({ npm: { status: "ok", data: npmFacts({ createdAt: undefined, versions }) } });
    expect(newPackage.evaluate(e).status).toBe("unknown");
  });

  it("is unknown when the registry was unavailable, skipped when not asked", () => {
    expect(withoutPart(newPackage, "npm")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
