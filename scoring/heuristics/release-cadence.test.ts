import { describe, expect, it } from "vitest";
import { evidence, manifest, NOW, npmFacts } from "../../test/support/evidence.js";
import { findingsOf, withoutPart } from "../../test/support/heuristic.js";
import releaseCadence from "./release-cadence.js";

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

describe("release-cadence", () => {
  it.each([
    ["steady releases", [500, 300, 200, 100, 20], []],
    ["one release in an old package's year", [900, 600, 100], ["low"]],
    ["young package with one release is not 'rare'", [100], []],
    ["burst of 12 releases today", [400, ...Array(12).fill(0)], ["medium"]],
    ["nine releases today is not a burst", [400, ...Array(9).fill(0)], []],
  ])("%s", (_n, times, severities) => {
    expect(findingsOf(releaseCadence, withVersions(times)).map((f) => f.severity)).toEqual(severities);
  });

  it("names the versions released today by date, not by their place in the list", () => {
    const e = withVersions([400, ...Array(10).fill(0)]);
    if (e.npm.status !== "ok") throw new Error("fixture");
    e.npm.data.versions.push({ version: "0.0.1-undated" });
    const [f] = findingsOf(releaseCadence, e);
    expect(f?.evidence[0]?.snippet).toBe(Array.from({ length: 10 }, (_, i) => `1.0.${i + 1}`).join(", "));
  });

  it("is unknown without publish times", () => {
    const e = evidence({ npm: { status: "ok", data: npmFacts({ versions: [{ version: "1.2.0" }] }) } });
    expect(releaseCadence.evaluate(e).status).toBe("unknown");
  });

  it("is unknown when the registry was unavailable, skipped when not asked", () => {
    expect(withoutPart(releaseCadence, "npm")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
