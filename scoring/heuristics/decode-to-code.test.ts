import { describe, expect, it } from "vitest";
import { evidenceWithCode } from "../../test/support/code.js";
import { withoutPart } from "../../test/support/heuristic.js";
import { findings } from "../../test/support/run.js";
import decodeToCode from "./decode-to-code.js";

const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("decode-to-code", () => {
  it.each<[string, string, string[], boolean?]>([
    ["eval of base64", `eval(atob("${b64("alert(1)")}"))`, ["critical"], true],
    ["base64 URL", `const u = atob("${b64("https://evil.example/x")}")`, ["high"]],
    ["base64 of plain text", `const u = atob("${b64("hello world, nothing here")}")`, []],
    ["embedded binary data", `const wasm = "${Buffer.alloc(300, 7).toString("base64")}";`, []],
    ["base64 of a credential path", `const p = atob("${b64("/home/u/.aws/credentials")}")`, ["high"]],
    [
      "a base64 script run through new Function, decoded in another statement",
      `const src = Buffer.from("${b64("console.log(1)")}", "base64").toString(); const f = new Function(src); f();`,
      ["critical"],
      true,
    ],
  ])("%s", (_n, code, severities, blocking) => {
    const fs = findings(decodeToCode, evidenceWithCode({ "i.js": code }));
    expect(fs.map((f) => f.severity)).toEqual(severities);
    if (blocking) expect(fs[0]?.blocking).toBe(true);
    for (const f of fs) expect(f.evidence[0]?.file).toBe("i.js");
  });

  it("is unknown when the code could not be analysed, skipped when it was not", () => {
    expect(withoutPart(decodeToCode, "code")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
