import { describe, expect, it } from "vitest";
import type { VersionSummary } from "../../src/evidence/index.js";
import { withoutPart } from "../../test/support/heuristic.js";
import { findings, identityEvidence } from "../../test/support/identity.js";
import publisherChanged from "./publisher-changed.js";

// NOW is 2026-11-01.
const v = (version: string, publishedAt: string, publisher?: string): VersionSummary => ({
  version,
  publishedAt,
  publisher,
});
const run = (versions: VersionSummary[], current = versions.at(-1)!.version) =>
  findings(publisherChanged.evaluate(identityEvidence({ version: current }, { facts: { versions } })));

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
    expect(run(versions).map((f) => f.severity)).toEqual(severities);
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
    expect(run(versions, "1.1.0")).toEqual([]);
  });

  it("is unknown when the registry was unavailable, skipped when not asked", () => {
    expect(withoutPart(publisherChanged, "npm")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
