import { describe, expect, it } from "vitest";
import deprecated from "../../../scoring/heuristics/deprecated.js";
import releaseCadence from "../../../scoring/heuristics/release-cadence.js";
import releaseRecency from "../../../scoring/heuristics/release-recency.js";
import versionMaturity from "../../../scoring/heuristics/version-maturity.js";
import { evidence, evidenceWith, manifest, NOW, npmFacts } from "../../support/evidence.js";
import { findingsOf } from "../../support/heuristic.js";

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
});

describe("release-cadence", () => {
  it.each([
    ["steady releases", [500, 300, 200, 100, 20], 0],
    ["one release in an old package's year", [900, 600, 100], 1],
    ["young package with one release is not 'rare'", [100], 0],
    ["burst of 12 releases today", [400, ...Array(12).fill(0)], 1],
  ])("%s", (_n, times, count) => {
    expect(findingsOf(releaseCadence, withVersions(times))).toHaveLength(count);
  });

  it("names the versions released today by date, not by their place in the list", () => {
    const e = withVersions([400, ...Array(10).fill(0)]);
    if (e.npm.status !== "ok") throw new Error("fixture");
    e.npm.data.versions.push({ version: "0.0.1-undated" });
    const [f] = findingsOf(releaseCadence, e);
    expect(f?.evidence[0]?.snippet).toBe(Array.from({ length: 10 }, (_, i) => `1.0.${i + 1}`).join(", "));
  });
});

describe("deprecated", () => {
  it("flags a deprecated version with its message", () => {
    const f = findingsOf(deprecated, evidenceWith({ deprecated: "use @x/y instead" }));
    expect(f).toHaveLength(1);
    expect(f[0]!.evidence[0]!.snippet).toBe("use @x/y instead");
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
});

describe("version-maturity", () => {
  it.each([
    ["stable", "1.2.0", 3, []],
    ["0.x is fine", "0.4.1", 3, []],
    ["0.0.x", "0.0.3", 3, ["0.0.x"]],
    ["prerelease", "2.0.0-beta.1", 3, ["prerelease"]],
    ["single release", "1.0.0", 1, ["one version"]],
  ])("%s", (_n, version, count, expected) => {
    const m = manifest({ version });
    const versions = Array.from({ length: count }, (_, i) => ({
      version: i === count - 1 ? version : `0.${i}.0`,
      publishedAt: NOW,
    }));
    const f = findingsOf(
      versionMaturity,
      evidence({ npm: { status: "ok", data: npmFacts({ manifest: m, versions }) } }),
    );
    expect(f.map((x) => x.title)).toEqual(expected.map((e) => expect.stringContaining(e)));
  });
  it("is unknown for a non-semver version", () => {
    expect(versionMaturity.evaluate(evidenceWith({ version: "latest-ish" })).status).toBe("unknown");
  });
});
