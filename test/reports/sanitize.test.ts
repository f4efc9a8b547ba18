import { describe, expect, it } from "vitest";
import { sanitizeForTerminal, sanitizeLine } from "../../reports/render/sanitize.js";

describe("sanitizeForTerminal", () => {
  it.each([
    ["plain text", "hello world", "hello world"],
    ["CSI colour", "\u001b[31mred\u001b[0m", "red"],
    ["clear screen", "a\u001b[2Jb", "ab"],
    ["OSC title with BEL", "x\u001b]0;owned\u0007y", "xy"],
    ["OSC 8 hyperlink", "\u001b]8;;http://evil\u001b\\click\u001b]8;;\u001b\\", "click"],
    ["8-bit CSI", "a\u009b31mb", "ab"],
    ["backspace and bell", "ab\u0008\u0007c", "abc"],
    ["carriage return overwrite", "safe\rEVIL", "safeEVIL"],
    ["bidi override", "abc\u202edef", "abc<U+202E>def"],
    ["zero-width space", "pay\u200bpal", "pay<U+200B>pal"],
    ["tag characters", "a\u{e0041}b", "a<U+E0041>b"],
  ])("%s", (_n, input, output) => {
    expect(sanitizeForTerminal(input)).toBe(output);
  });
  it("caps length", () => {
    expect(sanitizeForTerminal("x".repeat(1000), 10)).toBe(`${"x".repeat(10)}…`);
  });
  it("folds newlines in one-line mode", () => {
    expect(sanitizeLine("a\nb\r\nc")).toBe("a ⏎ b ⏎ c");
  });
});
