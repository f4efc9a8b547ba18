import { describe, expect, it } from "vitest";
import {
  cvss3BaseScore,
  cvss4BaseScore,
  fixedVersionFor,
  isAffected,
  isMalicious,
  severityOf,
} from "../../../src/collect/sources/osv/match.js";
import { type OsvRecord, osvRecordSchema } from "../../../src/collect/sources/osv/schema.js";

function record(partial: Record<string, unknown>): OsvRecord {
  return osvRecordSchema.parse({ id: "GHSA-test-test-test", ...partial });
}

function ranged(
  type: string,
  events: Record<string, string | undefined>[],
  extra: Record<string, unknown> = {},
): OsvRecord {
  return record({
    affected: [{ package: { ecosystem: "npm", name: "pkg" }, ranges: [{ type, events }] }],
    ...extra,
  });
}

describe("isAffected and fixedVersionFor", () => {
  const twoLines = [{ introduced: "1.0.0" }, { fixed: "1.0.2" }, { introduced: "3.0.0" }, { fixed: "3.2.5" }];
  it.each([
    ["unfixed: every version", "SEMVER", [{ introduced: "0" }], "0.0.1", true, undefined],
    ["before the fix", "ECOSYSTEM", [{ introduced: "0" }, { fixed: "6.5.4" }], "6.5.3", true, "6.5.4"],
    [
      "the fixed version itself",
      "ECOSYSTEM",
      [{ introduced: "0" }, { fixed: "6.5.4" }],
      "6.5.4",
      false,
      undefined,
    ],
    ["after the fix", "SEMVER", [{ introduced: "0" }, { fixed: "6.5.4" }], "7.0.0", false, undefined],
    [
      "before introduced",
      "SEMVER",
      [{ introduced: "0.0.5" }, { fixed: "0.1.16" }],
      "0.0.4",
      false,
      undefined,
    ],
    [
      "mcp-remote 0.1.15",
      "ECOSYSTEM",
      [{ introduced: "0.0.5" }, { fixed: "0.1.16" }],
      "0.1.15",
      true,
      "0.1.16",
    ],
    ["first line", "SEMVER", twoLines, "1.0.1", true, "1.0.2"],
    ["between lines", "SEMVER", twoLines, "2.0.0", false, undefined],
    ["second line: fix for that line", "SEMVER", twoLines, "3.1.0", true, "3.2.5"],
    [
      "last_affected includes itself",
      "ECOSYSTEM",
      [{ introduced: "0" }, { last_affected: "2.1.214" }],
      "2.1.214",
      true,
      undefined,
    ],
    [
      "above last_affected",
      "ECOSYSTEM",
      [{ introduced: "0" }, { last_affected: "2.1.214" }],
      "2.1.215",
      false,
      undefined,
    ],
    ["below limit", "SEMVER", [{ introduced: "1.0.0" }, { limit: "2.0.0" }], "1.5.0", true, undefined],
    ["at limit", "SEMVER", [{ introduced: "1.0.0" }, { limit: "2.0.0" }], "2.0.0", false, undefined],
    ["unsorted events", "SEMVER", [{ fixed: "1.0.2" }, { introduced: "1.0.0" }], "1.0.1", true, "1.0.2"],
    [
      "prerelease below fix",
      "SEMVER",
      [{ introduced: "0" }, { fixed: "2.0.0" }],
      "2.0.0-beta.1",
      true,
      "2.0.0",
    ],
    ["GIT ranges name commits, not versions", "GIT", [{ introduced: "0" }], "1.0.0", false, undefined],
    ["unreadable version", "SEMVER", [{ introduced: "0" }], "not-a-version", false, undefined],
  ])("%s", (_name, type, events, version, affected, fixed) => {
    const r = ranged(type, events);
    expect(isAffected(r, "pkg", version)).toBe(affected);
    expect(fixedVersionFor(r, "pkg", version)).toBe(fixed);
  });

  it("matches an explicit versions list", () => {
    const r = record({
      affected: [{ package: { ecosystem: "npm", name: "pkg" }, versions: ["1.2.3", "1.2.4"] }],
    });
    expect(isAffected(r, "pkg", "1.2.4")).toBe(true);
    expect(isAffected(r, "pkg", "1.2.5")).toBe(false);
  });

  it("matches only the named npm package", () => {
    const r = record({
      affected: [
        {
          package: { ecosystem: "PyPI", name: "pkg" },
          ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }] }],
        },
      ],
    });
    expect(isAffected(r, "pkg", "1.0.0")).toBe(false);
    expect(isAffected(ranged("SEMVER", [{ introduced: "0" }]), "other", "1.0.0")).toBe(false);
  });

  it("ignores withdrawn records", () => {
    const r = ranged("SEMVER", [{ introduced: "0" }], { withdrawn: "2025-01-01T00:00:00Z" });
    expect(isAffected(r, "pkg", "1.0.0")).toBe(false);
  });
});

describe("CVSS", () => {
  it.each([
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", 9.6],
    ["CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:N/A:N", 6.8],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1],
    ["CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 5.5],
    ["CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:N/I:N/A:L", 2.7],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0],
    ["CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8],
  ])("v3 %s = %d", (vector, score) => {
    expect(cvss3BaseScore(vector)).toBe(score);
  });

  it.each([
    ["CVSS:3.1/AV:N/AC:L"],
    ["CVSS:2.0/AV:N"],
    ["AV:N/AC:L/Au:N/C:P/I:P/A:P"],
    ["CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"],
  ])("v3 unreadable %s", (vector) => expect(cvss3BaseScore(vector)).toBeUndefined());

  it.each([
    ["CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3],
    ["CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N", 5.1],
  ])("v4 %s = %d", (vector, score) => {
    expect(cvss4BaseScore(vector)).toBe(score);
  });

  it("does not score a partial v4 vector", () => {
    expect(cvss4BaseScore("CVSS:4.0/AV:N/AC:L")).toBeUndefined();
    expect(cvss4BaseScore("garbage")).toBeUndefined();
  });
});

describe("severityOf", () => {
  it.each([
    [
      "database severity wins",
      {
        database_specific: { severity: "MODERATE" },
        severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" }],
      },
      "medium",
      "database",
    ],
    [
      "from a v3 vector",
      { severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H" }] },
      "critical",
      "cvss_v3",
    ],
    [
      "from a v4 vector",
      {
        severity: [
          { type: "CVSS_V4", score: "CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N" },
        ],
      },
      "medium",
      "cvss_v4",
    ],
    [
      "the highest of several",
      {
        severity: [
          { type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:N/I:N/A:L" },
          { type: "CVSS_V4", score: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N" },
        ],
      },
      "critical",
      "cvss_v4",
    ],
    ["nothing usable", { severity: [{ type: "Ubuntu", score: "high" }] }, "unknown", undefined],
    [
      "unknown database word falls through",
      { database_specific: { severity: "SPICY" } },
      "unknown",
      undefined,
    ],
  ])("%s", (_name, extra, severity, source) => {
    const v = severityOf(record(extra));
    expect(v.severity).toBe(severity);
    expect(v.source).toBe(source);
  });

  it("reads vectors on the package's affected entry", () => {
    const r = record({
      affected: [
        {
          package: { ecosystem: "npm", name: "pkg" },
          severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" }],
        },
      ],
    });
    expect(severityOf(r, "pkg")).toEqual({ severity: "critical", source: "cvss_v3", score: 9.8 });
  });
});

describe("isMalicious", () => {
  it.each([
    ["MAL-2025-1234", [], true],
    ["GHSA-aaaa-bbbb-cccc", ["MAL-2025-1"], true],
    ["GHSA-aaaa-bbbb-cccc", ["CVE-2025-1"], false],
  ])("%s %j", (id, aliases, expected) => {
    expect(isMalicious(record({ id, aliases }))).toBe(expected);
  });
});
