import { describe, expect, it } from "vitest";
import { evidence, evidenceWith, manifest, NOW, npmFacts } from "../../test/support/evidence.js";
import { findingsOf, withoutPart } from "../../test/support/heuristic.js";
import versionMaturity from "./version-maturity.js";

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
  it("is unknown when the registry was unavailable, skipped when not asked", () => {
    expect(withoutPart(versionMaturity, "npm")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
