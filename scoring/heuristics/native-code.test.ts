import { describe, expect, it } from "vitest";
import { evidenceWithCode } from "../../test/support/code.js";
import { evidence } from "../../test/support/evidence.js";
import { findings } from "../../test/support/run.js";
import nativeCode from "./native-code.js";

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

  it("is unknown when the code could not be analysed, skipped when it was not", () => {
    expect(nativeCode.evaluate(evidence({ code: { status: "unavailable", error: "x" } })).status).toBe(
      "unknown",
    );
    expect(nativeCode.evaluate(evidence()).status).toBe("skipped");
  });
});
