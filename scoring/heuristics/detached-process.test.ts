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
    [
      "detached and unref'd",
      `const c = require("child_process").spawn("x", [], { detached: true }); c.unref();`,
      ["high"],
    ],
    [
      "detached, with an unrelated .unref() in the file (xcodebuildmcp)",
      `require("child_process").spawn("x", [], { detached: true }); const t = setTimeout(f, 10); t.unref();`,
      [],
    ],
    [
      "its own script run with process.execPath (chrome-devtools-mcp, next-devtools-mcp): low",
      `import { spawn } from "node:child_process"; import path from "node:path";
       const child = spawn(process.execPath, [path.join(import.meta.dirname, "watchdog.js")], { detached: true, stdio: ["ignore", "ignore", "ignore"] });
       child.unref();`,
      ["low"],
    ],
    [
      "its own update check, with process imported from node:process (chrome-devtools-mcp check-for-updates)",
      `import child_process from "node:child_process"; import path from "node:path"; import process from "node:process";
       const scriptPath = path.join(import.meta.dirname, "..", "bin", "check-latest-version.js");
       const child = child_process.spawn(process.execPath, [scriptPath], { detached: true, stdio: "ignore", windowsHide: true });
       child.unref();`,
      ["low"],
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
