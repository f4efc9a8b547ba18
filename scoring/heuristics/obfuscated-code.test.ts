import { describe, expect, it } from "vitest";
import { evidenceWithCode } from "../../test/support/code.js";
import { withoutPart } from "../../test/support/heuristic.js";
import { findings } from "../../test/support/run.js";
import obfuscatedCode from "./obfuscated-code.js";

const obf = Array.from({ length: 30 }, (_, i) => `var _0x${(0xabc0 + i).toString(16)}=${i};`).join("");

describe("obfuscated-code", () => {
  it.each<[string, string, string[]]>([
    ["obfuscator output", obf, ["high"]],
    ["packed code", `eval(function(p,a,c,k,e,d){return p}("",0,0,"".split("|"),0,{}))`, ["high"]],
    [
      "a scanner's table of packer signatures is not packed code",
      `const at = source.indexOf("function(p,a,c,k,e,"); const sig = "eval(function(p,a,c,k,e,d){";`,
      [],
    ],
    ["minified code is not obfuscation", `var a=function(b,c){return b+c},d=a(1,2);`, []],
    ["a few _0x names are not obfuscation", `var _0x1a2b=1,_0x1a2c=2,_0x1a2d=3,_0x1a2e=4,_0x1a2f=5;`, []],
  ])("%s", (_n, code, severities) => {
    const fs = findings(obfuscatedCode, evidenceWithCode({ "i.js": code }));
    expect(fs.map((f) => f.severity)).toEqual(severities);
    for (const f of fs) expect(f.evidence[0]?.file).toBe("i.js");
  });

  it("is unknown when the code could not be analysed, skipped when it was not", () => {
    expect(withoutPart(obfuscatedCode, "code")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
