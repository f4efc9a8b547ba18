import { describe, expect, it } from "vitest";
import { evidenceWithCode } from "../../test/support/code.js";
import { withoutPart } from "../../test/support/heuristic.js";
import { findings } from "../../test/support/run.js";
import h from "./obfuscated-secrets-or-network.js";

const names = (n: number) =>
  Array.from({ length: n }, (_, i) => `var _0x${(0xabc0 + i).toString(16)}=${i};`).join("");
/** javascript-obfuscator's base64 string table: lower-case-first alphabet. */
const enc = (s: string) => {
  const std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
  const obf = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=";
  return [...Buffer.from(s).toString("base64")]
    .map((c) => obf[std.indexOf(c)])
    .join("")
    .replace(/=+$/, "");
};
const table = (strings: string[]) =>
  `function _0x29fd(){const a=[${strings.map((s) => `'${enc(s)}'`).join(",")}];return a;}`;
const WORDS =
  "format json parse stringify indent keys sort value path items name text type content error message result tools list call".split(
    " ",
  );

describe("obfuscated-secrets-or-network", () => {
  it.each<[string, string, string[]]>([
    [
      "obfuscated code that names ~/.npmrc",
      `${names(30)} const p = ".npmrc"; require("fs").readFileSync(require("os").homedir() + "/" + p);`,
      ["critical"],
    ],
    [
      "obfuscated code that calls the network",
      `${names(30)} fetch("https://x.example/" + _0xabc0);`,
      ["critical"],
    ],
    [
      "credential paths hidden in an encoded string table",
      `${names(30)} ${table([...WORDS, ".netrc", ".pypirc"])}`,
      ["critical"],
    ],
    [
      "obfuscated code that only formats JSON: nothing (obfuscated-code's alone)",
      `${names(30)} JSON.stringify(x);`,
      [],
    ],
    ["readable code that calls the network: nothing", `fetch("https://api.example/");`, []],
  ])("%s", (_n, code, severities) => {
    expect(findings(h, evidenceWithCode({ "build/index.js": code })).map((f) => f.severity)).toEqual(
      severities,
    );
  });

  it("judges file by file: an obfuscated file beside a readable one that calls the network is not both", () => {
    const e = evidenceWithCode({
      "a.js": `${names(30)} JSON.stringify(x);`,
      "b.js": `fetch("https://api.example/");`,
    });
    expect(findings(h, e)).toEqual([]);
  });

  it("is unknown when the code could not be analysed, skipped when it was not", () => {
    expect(withoutPart(h, "code")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
