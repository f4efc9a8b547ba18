import { describe, expect, it } from "vitest";
import { toolPackage } from "../../test/support/code.js";
import { withoutPart } from "../../test/support/heuristic.js";
import { findings } from "../../test/support/run.js";
import descriptionLength from "./tool-description-length.js";

describe("tool-description-length", () => {
  it.each<[string, number, string[]]>([
    ["500 characters", 500, []],
    ["2000 characters is still ordinary", 2000, []],
    ["3000 characters", 3000, ["low"]],
    ["9000 characters", 9000, ["medium"]],
  ])("%s", (_n, length, severities) => {
    expect(findings(descriptionLength, toolPackage("x".repeat(length))).map((f) => f.severity)).toEqual(
      severities,
    );
  });

  it("is unknown when the code could not be analysed, skipped when it was not", () => {
    expect(withoutPart(descriptionLength, "code")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
