import { describe, expect, it } from "vitest";
import { license as parseLicense } from "../../src/collect/manifest.js";
import { evidenceWith } from "../../test/support/evidence.js";
import { findingsOf, withoutPart } from "../../test/support/heuristic.js";
import license from "./license.js";

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

  it("is unknown when the tarball could not be read, skipped when not fetched", () => {
    expect(withoutPart(license, "package")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
