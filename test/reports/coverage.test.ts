import { describe, expect, it } from "vitest";
import { coverageOf, notChecked, type Report } from "../../reports/model.js";
import { coverageCounts, coverageSentence, notCheckedLine } from "../../reports/render/view.js";

describe("coverage", () => {
  const sources = [
    { id: "npm", status: "ok" },
    { id: "github", status: "unavailable", error: "GitHub answered HTTP 503" },
    { id: "dependencies", status: "skipped", error: "--no-deps" },
    { id: "osv", status: "unavailable", error: "OSV unreachable: connection refused" },
  ] as const;

  it("lists what could not be checked, required sources first, with the reason", () => {
    const c = coverageOf([...sources], ["npm", "tarball", "osv"]);
    expect(c).toEqual({
      complete: false,
      checked: ["npm"],
      notChecked: [
        { source: "osv", what: "advisories", reason: "OSV unreachable: connection refused", required: true },
        { source: "github", what: "repository history", reason: "GitHub answered HTTP 503", required: false },
      ],
      skipped: [{ source: "dependencies", reason: "--no-deps" }],
    });
    expect(notCheckedLine(c.notChecked[0]!)).toBe(
      "advisories NOT checked: OSV unreachable: connection refused",
    );
    expect(coverageOf([{ id: "npm", status: "ok" }], ["npm"]).complete).toBe(true);
  });

  it("counts a report set, and reads reports written before coverage from their sources", () => {
    const withCoverage = { sources: [], coverage: coverageOf([...sources], ["osv"]) } as unknown as Report;
    const old = { sources: [...sources] } as unknown as Report;
    const complete = { sources: [], coverage: coverageOf([], []) } as unknown as Report;
    expect(notChecked(old).map((n) => n.source)).toEqual(["github", "osv"]);
    const counts = coverageCounts([withCoverage, old, complete]);
    expect(counts).toEqual({
      targets: 3,
      complete: 1,
      missing: [
        { source: "github", what: "repository history", targets: 2 },
        { source: "osv", what: "advisories", targets: 2 },
      ],
    });
    expect(coverageSentence(counts)).toBe(
      "1 of 3 targets checked against every source; not checked: repository history for 2, advisories for 2",
    );
  });
});
