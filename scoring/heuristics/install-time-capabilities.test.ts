import { describe, expect, it } from "vitest";
import { evidenceWithCode } from "../../test/support/code.js";
import { evidence } from "../../test/support/evidence.js";
import { findings } from "../../test/support/run.js";
import installTime from "./install-time-capabilities.js";

describe("install-time-capabilities", () => {
  it.each([
    [
      // @wonderwhy-er/desktop-commander's postinstall sends install telemetry: high, not critical.
      "script that posts data and spawns",
      `require("https").request(o); require("child_process").exec("x");`,
      ["high"],
    ],
    ["script that reads ssh keys", `require("fs").readFileSync(home + "/.ssh/id_rsa")`, ["critical"]],
    ["script that fetches", `fetch(u)`, ["high"]],
    ["script that spawns", `require("child_process").execSync("make")`, ["high"]],
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

  it("is unknown when the code could not be analysed, skipped when it was not", () => {
    expect(installTime.evaluate(evidence({ code: { status: "unavailable", error: "x" } })).status).toBe(
      "unknown",
    );
    expect(installTime.evaluate(evidence()).status).toBe("skipped");
  });
});
