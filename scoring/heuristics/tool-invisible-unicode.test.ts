import { describe, expect, it } from "vitest";
import { toolPackage } from "../../test/support/code.js";
import { withoutPart } from "../../test/support/heuristic.js";
import { findings } from "../../test/support/run.js";
import invisibleUnicode from "./tool-invisible-unicode.js";

describe("tool-invisible-unicode", () => {
  it.each<[string, string, string[]]>([
    ["zero-width space", "Looks up\u200b a word.", ["high"]],
    ["tag characters", "Looks up\u{E0041}\u{E0042} a word.", ["high"]],
    ["bidi override", "Looks up \u202Edrow a", ["high"]],
    ["accents are fine", "Cherche un mot en français, ça marche.", []],
  ])("%s", (_n, description, severities) => {
    expect(findings(invisibleUnicode, toolPackage(description)).map((f) => f.severity)).toEqual(severities);
  });

  it("quotes the offending text with hidden characters escaped", () => {
    const [f] = findings(invisibleUnicode, toolPackage("Looks up\u200b a word."));
    expect(f?.detail).toContain("\\u{200b}");
    expect(f?.detail).not.toContain("\u200b");
  });

  it("is unknown when the code could not be analysed, skipped when it was not", () => {
    expect(withoutPart(invisibleUnicode, "code")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
