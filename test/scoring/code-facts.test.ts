import { describe, expect, it } from "vitest";
import dynamicCode from "../../scoring/heuristics/dynamic-code.js";
import installTime from "../../scoring/heuristics/install-time-capabilities.js";
import nativeCode from "../../scoring/heuristics/native-code.js";
import { evidenceWithCode } from "../support/code.js";
import { findings } from "../support/run.js";

describe("dynamic-code", () => {
  it.each([
    ["eval in a calculator", `eval(expr)`, { name: "calc-mcp" }, ["low"]],
    ["eval in a code sandbox", `eval(expr)`, { name: "js-sandbox-mcp" }, ["info"]],
    ["no dynamic code", `JSON.parse(s)`, {}, []],
  ])("%s", (_n, code, m, severities) => {
    expect(findings(dynamicCode, evidenceWithCode({ "i.js": code }, m)).map((f) => f.severity)).toEqual(
      severities,
    );
  });
});

describe("native-code", () => {
  it("reports prebuilt addons", () => {
    const fs = findings(
      nativeCode,
      evidenceWithCode({ "prebuilds/linux-x64/a.node": "x", "i.js": `require("node-gyp-build")(__dirname)` }),
    );
    expect(fs).toHaveLength(1);
    expect(fs[0]?.detail).toContain("prebuilds/linux-x64/a.node");
  });
  it("is quiet for pure JavaScript", () => {
    expect(findings(nativeCode, evidenceWithCode({ "i.js": "1" }))).toEqual([]);
  });
});

describe("install-time-capabilities", () => {
  it.each([
    [
      "script that posts data and spawns",
      `require("https").request(o); require("child_process").exec("x");`,
      ["critical"],
    ],
    ["script that fetches", `fetch(u)`, ["high"]],
    ["script that only reads files", `require("fs").readFileSync("a")`, []],
  ])("%s", (_n, code, severities) => {
    const e = evidenceWithCode({ "setup.js": code }, { scripts: { postinstall: "node setup.js" } });
    expect(findings(installTime, e).map((f) => f.severity)).toEqual(severities);
  });
  it("is quiet without install scripts", () => {
    expect(
      findings(
        installTime,
        evidenceWithCode({ "setup.js": "fetch(u)" }, { scripts: { build: "node setup.js" } }),
      ),
    ).toEqual([]);
  });
});
