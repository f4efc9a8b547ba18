import { describe, expect, it } from "vitest";
import { evidenceWithCode } from "../../test/support/code.js";
import { evidence } from "../../test/support/evidence.js";
import { findings } from "../../test/support/run.js";
import dynamicCode from "./dynamic-code.js";

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

  it("is unknown when the code could not be analysed, skipped when it was not", () => {
    expect(dynamicCode.evaluate(evidence({ code: { status: "unavailable", error: "x" } })).status).toBe(
      "unknown",
    );
    expect(dynamicCode.evaluate(evidence()).status).toBe("skipped");
  });
});
