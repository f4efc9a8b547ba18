import { describe, expect, it } from "vitest";
import { evidence, evidenceWith, manifest, NOW, npmFacts } from "../../test/support/evidence.js";
import { findingsOf, withoutPart } from "../../test/support/heuristic.js";
import deprecated from "./deprecated.js";

describe("deprecated", () => {
  it("flags a deprecated version with its message", () => {
    const f = findingsOf(deprecated, evidenceWith({ deprecated: "use @x/y instead" }));
    expect(f).toHaveLength(1);
    expect(f[0]!.evidence[0]!.snippet).toBe("use @x/y instead");
    expect(f[0]!.severity).toBe("high");
  });
  it("flags a deprecated latest when vetting an older version", () => {
    const m = manifest({ version: "1.0.0" });
    const e = evidence({
      npm: {
        status: "ok",
        data: npmFacts({
          manifest: m,
          distTags: { latest: "2.0.0" },
          versions: [
            { version: "1.0.0", publishedAt: NOW },
            { version: "2.0.0", publishedAt: NOW, deprecated: true },
          ],
        }),
      },
    });
    expect(findingsOf(deprecated, e).map((f) => f.severity)).toEqual(["medium"]);
  });
  it("passes a live package", () => {
    expect(findingsOf(deprecated, evidence())).toEqual([]);
  });
  it("is unknown when the registry was unavailable, skipped when not asked", () => {
    expect(withoutPart(deprecated, "npm")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
