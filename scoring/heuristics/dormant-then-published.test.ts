import { describe, expect, it } from "vitest";
import type { VersionSummary } from "../../src/evidence/index.js";
import { withoutPart } from "../../test/support/heuristic.js";
import { findings, identityEvidence } from "../../test/support/identity.js";
import dormant from "./dormant-then-published.js";

// NOW is 2026-11-01.
const v = (version: string, publishedAt: string, publisher?: string): VersionSummary => ({
  version,
  publishedAt,
  publisher,
});
const run = (versions: VersionSummary[], current = versions.at(-1)!.version) =>
  findings(dormant.evaluate(identityEvidence({ version: current }, { facts: { versions } })));

describe("dormant-then-published", () => {
  it.each([
    ["steady releases", [v("1.0.0", "2025-01-01"), v("1.1.0", "2025-12-01"), v("1.2.0", "2026-10-01")], []],
    [
      "two years dormant, recent release",
      [v("1.0.0", "2023-06-01", "alice"), v("1.0.1", "2026-10-15", "alice")],
      ["medium"],
    ],
    [
      "dormant, then a stranger publishes",
      [v("1.0.0", "2023-06-01", "alice"), v("1.0.1", "2026-10-15", "mallory")],
      ["high"],
    ],
    [
      "dormant, then moved to trusted publishing: not raised",
      [v("1.0.0", "2023-06-01", "alice"), v("1.0.1", "2026-10-15", "GitHub Actions")],
      ["medium"],
    ],
    [
      "dormant, earlier publishers unknown (partial mirror): not raised",
      [v("1.0.0", "2023-06-01"), v("1.0.1", "2026-10-15", "mallory")],
      ["medium"],
    ],
    ["revival long ago", [v("1.0.0", "2020-01-01"), v("1.0.1", "2022-01-01")], []],
    ["single version", [v("1.0.0", "2026-10-15")], []],
  ])("%s", (_n, versions, severities) => {
    expect(run(versions).map((f) => f.severity)).toEqual(severities);
  });

  it("is unknown when the registry was unavailable, skipped when not asked", () => {
    expect(withoutPart(dormant, "npm")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
