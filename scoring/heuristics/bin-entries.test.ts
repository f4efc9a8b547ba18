import { describe, expect, it } from "vitest";
import { evidenceWith } from "../../test/support/evidence.js";
import { findingsOf, withoutPart } from "../../test/support/heuristic.js";
import { FINDING_LIMITS } from "../engine/heuristic.js";
import binEntries from "./bin-entries.js";

describe("bin-entries", () => {
  it.each([
    ["no bin", {}, []],
    ["its own command", { "mcp-server-x": "dist/index.js" }, ["info"]],
    ["shadows git", { git: "evil.js" }, ["high"]],
  ])("%s", (_n, bin, severities) => {
    expect(findingsOf(binEntries, evidenceWith({ bin })).map((f) => f.severity)).toEqual(severities);
  });

  // bin-entries quotes package text (command names and paths) one finding per entry, so it is
  // the heuristic where the engine's bounds on a report show.
  it("a package's text is bounded in what any heuristic reports: findings, titles, snippets", () => {
    const bin = Object.fromEntries(
      Array.from({ length: 200 }, (_, i) => [`cmd-${i}-${"x".repeat(2000)}`, `${"p".repeat(5000)}.js`]),
    );
    const list = findingsOf(binEntries, evidenceWith({ bin }));
    expect(list).toHaveLength(FINDING_LIMITS.perHeuristic);
    for (const f of list) {
      expect(f.title.length).toBeLessThanOrEqual(FINDING_LIMITS.titleChars);
      expect(f.detail.length).toBeLessThanOrEqual(FINDING_LIMITS.detailChars);
      for (const e of f.evidence)
        expect(e.snippet?.length ?? 0).toBeLessThanOrEqual(FINDING_LIMITS.snippetChars);
    }
  });

  it("is unknown when the tarball could not be read, skipped when not fetched", () => {
    expect(withoutPart(binEntries, "package")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
