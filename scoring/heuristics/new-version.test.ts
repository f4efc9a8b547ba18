import { describe, expect, it } from "vitest";
import { evidence, NOW, npmFacts } from "../../test/support/evidence.js";
import { findingsOf, withoutPart } from "../../test/support/heuristic.js";
import newVersion from "./new-version.js";

const daysAgo = (d: number) => new Date(Date.parse(NOW) - d * 86_400_000).toISOString();

describe("new-version", () => {
  const at = (days: number, count = 3) =>
    evidence({
      npm: {
        status: "ok",
        data: npmFacts({
          versions: Array.from({ length: count }, (_, i) => ({
            version: i === count - 1 ? "1.2.0" : `1.0.${i}`,
            publishedAt: i === count - 1 ? daysAgo(days) : daysAgo(300),
          })),
        }),
      },
    });
  it.each([
    [30, 3, 0],
    [3, 3, 0],
    [1, 3, 1],
    [0, 3, 1],
    [0, 1, 0], // a brand-new package is new-package's finding, not this one's
  ])("published %i days ago with %i versions", (days, count, findings) => {
    expect(findingsOf(newVersion, at(days, count))).toHaveLength(findings);
  });

  it("is medium and says when", () => {
    const [f] = findingsOf(newVersion, at(0));
    expect(f?.severity).toBe("medium");
    expect(f?.title).toBe("1.2.0 was published today");
  });

  it("is unknown without the vetted version's publish time", () => {
    const e = evidence({
      npm: { status: "ok", data: npmFacts({ versions: [{ version: "1.0.0" }, { version: "1.2.0" }] }) },
    });
    expect(newVersion.evaluate(e).status).toBe("unknown");
  });

  it("is unknown when the registry was unavailable, skipped when not asked", () => {
    expect(withoutPart(newVersion, "npm")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
