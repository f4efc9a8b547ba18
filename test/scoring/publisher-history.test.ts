import { describe, expect, it } from "vitest";
import dormant from "../../scoring/heuristics/dormant-then-published.js";
import publisherChanged from "../../scoring/heuristics/publisher-changed.js";
import type { VersionSummary } from "../../src/evidence/index.js";
import { findings, identityEvidence } from "../support/identity.js";

// NOW is 2026-11-01.
const v = (version: string, publishedAt: string, publisher?: string): VersionSummary => ({
  version,
  publishedAt,
  publisher,
});
const run = (h: typeof dormant, versions: VersionSummary[], current = versions.at(-1)!.version) =>
  findings(h.evaluate(identityEvidence({ version: current }, { facts: { versions } })));

describe("publisher-changed", () => {
  it.each([
    ["same publisher throughout", [v("1.0.0", "2025-01-01", "alice"), v("1.1.0", "2026-10-01", "alice")], []],
    [
      "new publisher on the vetted version",
      [v("1.0.0", "2025-01-01", "alice"), v("1.1.0", "2026-10-01", "mallory")],
      ["medium"],
    ],
    [
      "returning publisher",
      [v("1.0.0", "2025-01-01", "bob"), v("1.1.0", "2025-06-01", "alice"), v("1.2.0", "2026-10-01", "bob")],
      [],
    ],
    [
      "moved to trusted publishing",
      [v("1.0.0", "2025-01-01", "alice"), v("1.1.0", "2026-10-01", "GitHub Actions")],
      ["info"],
    ],
    ["first version", [v("1.0.0", "2026-10-01", "alice")], []],
  ])("%s", (_n, versions, severities) => {
    expect(run(publisherChanged, versions).map((f) => f.severity)).toEqual(severities);
  });

  it("is unknown when a partial mirror drops the publishers", () => {
    const versions = [v("1.0.0", "2025-01-01"), v("1.1.0", "2026-10-01")];
    const r = publisherChanged.evaluate(identityEvidence({ version: "1.1.0" }, { facts: { versions } }));
    expect(r.status).toBe("unknown");
  });

  it("judges the vetted version, not the newest", () => {
    const versions = [
      v("1.0.0", "2025-01-01", "alice"),
      v("1.1.0", "2025-06-01", "alice"),
      v("2.0.0", "2026-10-01", "mallory"),
    ];
    expect(run(publisherChanged, versions, "1.1.0")).toEqual([]);
  });
});

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
    expect(run(dormant, versions).map((f) => f.severity)).toEqual(severities);
  });
});
