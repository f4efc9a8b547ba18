import { describe, expect, it } from "vitest";
import binEntries from "../../../scoring/heuristics/bin-entries.js";
import license from "../../../scoring/heuristics/license.js";
import manifestMismatch from "../../../scoring/heuristics/manifest-mismatch.js";
import newVersion from "../../../scoring/heuristics/new-version.js";
import { license as parseLicense } from "../../../src/collect/manifest.js";
import type { Manifest } from "../../../src/evidence/index.js";
import { evidence, evidenceWith, manifest, NOW, npmFacts } from "../../support/evidence.js";
import { findingsOf } from "../../support/heuristic.js";

const daysAgo = (d: number) => new Date(Date.parse(NOW) - d * 86_400_000).toISOString();

describe("license", () => {
  it.each([
    ["MIT", "MIT", []],
    ["an SPDX expression", "(MIT OR Apache-2.0)", []],
    ["none", undefined, ["medium"]],
    ["SEE LICENSE IN", "SEE LICENSE IN LICENSE", ["low"]],
    ["free text", "do what you like", ["low"]],
  ])("%s", (_n, raw, severities) => {
    expect(findingsOf(license, evidenceWith({ license: parseLicense(raw) })).map((f) => f.severity)).toEqual(
      severities,
    );
  });
  it("reads legacy `licenses` arrays", () => {
    expect(parseLicense([{ type: "MIT" }, { type: "Apache-2.0" }])).toEqual({
      raw: "MIT OR Apache-2.0",
      spdx: true,
    });
  });
});

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
});

describe("bin-entries", () => {
  it.each([
    ["no bin", {}, []],
    ["its own command", { "mcp-server-x": "dist/index.js" }, ["info"]],
    ["shadows git", { git: "evil.js" }, ["high"]],
  ])("%s", (_n, bin, severities) => {
    expect(findingsOf(binEntries, evidenceWith({ bin })).map((f) => f.severity)).toEqual(severities);
  });

  it("a package's text is bounded in what any heuristic reports: findings, titles, snippets", async () => {
    const { FINDING_LIMITS } = await import("../../../scoring/engine/heuristic.js");
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
});

describe("manifest-mismatch", () => {
  const both = (registry: Partial<Manifest>, tarball: Partial<Manifest>) => {
    const e = evidenceWith(registry);
    return evidence({
      ...e,
      package: { status: "ok", data: { files: [], totalSize: 0, manifest: manifest(tarball) } },
    });
  };
  it("passes when they agree", () => {
    expect(findingsOf(manifestMismatch, both({}, {}))).toEqual([]);
  });
  it("catches an install script hidden from the registry's metadata", () => {
    const f = findingsOf(manifestMismatch, both({ scripts: {} }, { scripts: { postinstall: "node x.js" } }));
    expect(f).toHaveLength(1);
    expect(f[0]!.evidence[0]!.snippet).toContain("postinstall");
  });
  it("catches a different dependency set and version", () => {
    const f = findingsOf(
      manifestMismatch,
      both({ dependencies: { a: "1" } }, { version: "9.9.9", dependencies: { a: "1", evil: "1" } }),
    );
    expect(f.map((x) => x.title)).toEqual([
      expect.stringContaining("version"),
      expect.stringContaining("dependencies"),
    ]);
  });
});
