import { describe, expect, it } from "vitest";
import { evidence, manifest, NOW, npmFacts } from "../../test/support/evidence.js";
import { findingsOf, withoutPart } from "../../test/support/heuristic.js";
import releaseRecency from "./release-recency.js";

const daysAgo = (d: number) => new Date(Date.parse(NOW) - d * 86_400_000).toISOString();
const withVersions = (times: number[], m = manifest({ version: `1.0.${times.length - 1}` })) =>
  evidence({
    npm: {
      status: "ok",
      data: npmFacts({
        manifest: m,
        createdAt: daysAgo(Math.max(...times)),
        versions: times.map((d, i) => ({ version: `1.0.${i}`, publishedAt: daysAgo(d) })),
      }),
    },
  });

describe("release-recency", () => {
  it.each([
    ["released last month", [400, 30], []],
    ["just under six months", [400, 179], []],
    ["seven months", [400, 210], ["low"]],
    ["two years", [900, 730], ["medium"]],
  ])("%s", (_n, times, severities) => {
    expect(findingsOf(releaseRecency, withVersions(times)).map((f) => f.severity)).toEqual(severities);
  });
  it("is unknown without publish times", () => {
    const e = evidence({ npm: { status: "ok", data: npmFacts({ versions: [{ version: "1.2.0" }] }) } });
    expect(releaseRecency.evaluate(e).status).toBe("unknown");
  });
  it("is unknown when the registry was unavailable, skipped when not asked", () => {
    expect(withoutPart(releaseRecency, "npm")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
