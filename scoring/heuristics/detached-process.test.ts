import { describe, expect, it } from "vitest";
import { evidenceWithCode } from "../../test/support/code.js";
import { withoutPart } from "../../test/support/heuristic.js";
import { findings } from "../../test/support/run.js";
import detachedProcess from "./detached-process.js";

describe("detached-process", () => {
  it.each<[string, string, string[]]>([
    [
      "detached and silent",
      `require("child_process").spawn("x", [], { detached: true, stdio: "ignore" })`,
      ["high"],
    ],
    [
      "detached with output",
      `require("child_process").spawn("x", [], { detached: true, stdio: "inherit" })`,
      [],
    ],
  ])("%s", (_n, code, severities) => {
    const fs = findings(detachedProcess, evidenceWithCode({ "i.js": code }));
    expect(fs.map((f) => f.severity)).toEqual(severities);
    for (const f of fs) expect(f.evidence[0]?.file).toBe("i.js");
  });

  it("is unknown when the code could not be analysed, skipped when it was not", () => {
    expect(withoutPart(detachedProcess, "code")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
