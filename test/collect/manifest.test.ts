import { describe, expect, it } from "vitest";
import { license as parseLicense } from "../../src/collect/manifest.js";

describe("license", () => {
  it("reads legacy `licenses` arrays", () => {
    expect(parseLicense([{ type: "MIT" }, { type: "Apache-2.0" }])).toEqual({
      raw: "MIT OR Apache-2.0",
      spdx: true,
    });
  });
});
