import { describe, expect, it } from "vitest";
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

  it("is unknown when the tarball has no readable package.json", () => {
    const e = evidence({ package: { status: "ok", data: { files: [], totalSize: 0 } } });
    expect(manifestMismatch.evaluate(e).status).toBe("unknown");
  });

  it("is unknown when either side could not be read, skipped when not fetched", () => {
    expect(withoutPart(manifestMismatch, "npm")).toEqual({ unavailable: "unknown", skipped: "skipped" });
    expect(withoutPart(manifestMismatch, "package")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
