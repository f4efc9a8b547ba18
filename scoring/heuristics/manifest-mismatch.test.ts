import pickManifest from "npm-pick-manifest";
import { describe, expect, it } from "vitest";
import { toManifest } from "../../src/collect/manifest.js";
import type { Manifest } from "../../src/evidence/index.js";
import { evidence, evidenceWith, manifest } from "../../test/support/evidence.js";
import { findingsOf, withoutPart } from "../../test/support/heuristic.js";
import manifestMismatch from "./manifest-mismatch.js";

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
    expect(f[0]!.severity).toBe("high");
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

  // @sentry/mcp-server@0.39.0 (and 33 more of the 100 most-downloaded servers): the registry's
  // document and the tarball's package.json both say "./dist/index.js"; npm-pick-manifest
  // normalises the registry's copy to "dist/index.js" as it picks the version.
  const real = (registryBin: unknown, tarballBin: unknown) => {
    const doc = (bin: unknown) => ({ name: "@sentry/mcp-server", version: "0.39.0", bin });
    const packument = {
      name: "@sentry/mcp-server",
      "dist-tags": { latest: "0.39.0" },
      versions: { "0.39.0": doc(registryBin) },
    };
    const registry = toManifest(pickManifest(packument, "latest"), [], "registry")!;
    const tarball = toManifest(doc(tarballBin), [], "tarball")!;
    return findingsOf(manifestMismatch, both(registry, tarball));
  };
  it("reads `./dist/index.js` and `dist/index.js` as the same bin, as npm installs them", () => {
    expect(real({ "sentry-mcp": "./dist/index.js" }, { "sentry-mcp": "./dist/index.js" })).toEqual([]);
    expect(real("./dist/index.js", { "mcp-server": "dist/index.js" })).toEqual([]);
  });
  it("still catches a bin that runs another file or another command", () => {
    const other = real({ "sentry-mcp": "./dist/index.js" }, { "sentry-mcp": "./dist/postinstall.js" });
    expect(other.map((f) => f.evidence[0]!.snippet)).toEqual([
      'bin.sentry-mcp: registry "dist/index.js", tarball "dist/postinstall.js"',
    ]);
    expect(
      real({ "sentry-mcp": "./dist/index.js" }, { "sentry-mcp": "./dist/index.js", git: "x.js" }),
    ).toHaveLength(1);
  });

  it("is unknown when the tarball has no readable package.json", () => {
    const e = evidence({ package: { status: "ok", data: { files: [], totalSize: 0 } } });
    expect(manifestMismatch.evaluate(e).status).toBe("unknown");
  });

  it("is unknown when either side could not be read, skipped when not fetched", () => {
    expect(withoutPart(manifestMismatch, "npm")).toEqual({ unavailable: "unknown", skipped: "skipped" });
    expect(withoutPart(manifestMismatch, "package")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
