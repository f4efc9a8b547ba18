import { describe, expect, it } from "vitest";
import type { Heuristic } from "../../scoring/engine/types.js";
import decodeToCode from "../../scoring/heuristics/decode-to-code.js";
import detachedProcess from "../../scoring/heuristics/detached-process.js";
import envExfiltration from "../../scoring/heuristics/env-exfiltration.js";
import hardcodedIp from "../../scoring/heuristics/hardcoded-ip.js";
import obfuscatedCode from "../../scoring/heuristics/obfuscated-code.js";
import { evidenceWithCode } from "../support/code.js";
import { findings } from "../support/run.js";

const b64 = (s: string) => Buffer.from(s).toString("base64");
const obf = Array.from({ length: 30 }, (_, i) => `var _0x${(0xabc0 + i).toString(16)}=${i};`).join("");

/** [heuristic, code, expected severities, blocking] — true and false positives side by side. */
const CASES: [string, Heuristic, string, string[], boolean?][] = [
  ["obfuscator output", obfuscatedCode, obf, ["high"]],
  [
    "packed code",
    obfuscatedCode,
    `eval(function(p,a,c,k,e,d){return p}("",0,0,"".split("|"),0,{}))`,
    ["high"],
  ],
  [
    "a scanner's table of packer signatures is not packed code",
    obfuscatedCode,
    `const at = source.indexOf("function(p,a,c,k,e,"); const sig = "eval(function(p,a,c,k,e,d){";`,
    [],
  ],
  ["minified code is not obfuscation", obfuscatedCode, `var a=function(b,c){return b+c},d=a(1,2);`, []],
  ["eval of base64", decodeToCode, `eval(atob("${b64("alert(1)")}"))`, ["critical"], true],
  ["base64 URL", decodeToCode, `const u = atob("${b64("https://evil.example/x")}")`, ["high"]],
  ["base64 of plain text", decodeToCode, `const u = atob("${b64("hello world, nothing here")}")`, []],
  ["embedded binary data", decodeToCode, `const wasm = "${Buffer.alloc(300, 7).toString("base64")}";`, []],
  ["public IP", hardcodedIp, `fetch("http://45.133.1.1/x")`, ["medium"]],
  ["discord webhook", hardcodedIp, `fetch("https://discord.com/api/webhooks/1/x")`, ["high"]],
  ["discord invite link", hardcodedIp, `const s = "https://discord.com/invite/abc"`, []],
  ["private IP", hardcodedIp, `fetch("http://192.168.1.10/x")`, []],
  [
    "env posted",
    envExfiltration,
    `fetch(u, { body: JSON.stringify({ e: process.env }) })`,
    ["critical"],
    true,
  ],
  [
    "env serialised in one file, sent from another",
    envExfiltration,
    `const s = Buffer.from(JSON.stringify(process.env)).toString("base64"); module.exports = s;`,
    [],
  ],
  ["env logged, no network", envExfiltration, `console.log(JSON.stringify(process.env))`, []],
  [
    "detached and silent",
    detachedProcess,
    `require("child_process").spawn("x", [], { detached: true, stdio: "ignore" })`,
    ["high"],
  ],
  [
    "detached with output",
    detachedProcess,
    `require("child_process").spawn("x", [], { detached: true, stdio: "inherit" })`,
    [],
  ],
];

describe("suspicious-code heuristics", () => {
  it.each(CASES)("%s", (_n, h, code, severities, blocking) => {
    const fs = findings(h, evidenceWithCode({ "i.js": code }));
    expect(fs.map((f) => f.severity)).toEqual(severities);
    if (blocking) expect(fs[0]?.blocking).toBe(true);
    for (const f of fs) expect(f.evidence[0]?.file).toBe("i.js");
  });

  it("env serialised in one file and sent from another is still flagged", () => {
    const e = evidenceWithCode({
      "a.js": `module.exports = JSON.stringify(process.env);`,
      "b.js": `fetch(u);`,
    });
    expect(findings(envExfiltration, e)).toHaveLength(1);
  });
});

describe("grouping", () => {
  it("reports many addresses in one file as one finding", () => {
    const e = evidenceWithCode({ "i.js": `const a = ["45.1.2.3", "45.1.2.4", "45.1.2.5"];` });
    const fs = findings(hardcodedIp, e);
    expect(fs).toHaveLength(1);
    expect(fs[0]?.evidence).toHaveLength(3);
    expect(fs[0]?.title).toContain("3 in i.js");
  });

  it("ignores documentation and link-local addresses", () => {
    const e = evidenceWithCode({
      "i.js": `const a = ["203.0.113.42", "198.51.100.7", "169.254.0.0", "192.0.2.1"];`,
    });
    expect(findings(hardcodedIp, e)).toEqual([]);
  });
});

describe("env-exfiltration across files", () => {
  it("is high and not blocking when serialising and sending are in different files", () => {
    const e = evidenceWithCode({
      "env-tool.js": `text = JSON.stringify(process.env);`,
      "api.js": `fetch(u);`,
    });
    const [f] = findings(envExfiltration, e);
    expect(f?.severity).toBe("high");
    expect(f?.blocking).toBe(false);
  });
});
