import { describe, expect, it } from "vitest";
import { withoutPart } from "../../test/support/heuristic.js";
import { event, probeFacts, withProbe } from "../../test/support/probe-evidence.js";
import { findings } from "../../test/support/run.js";
import h from "./probe-write-outside.js";

describe("probe-write-outside", () => {
  it.each([
    ["a shell start-up file: high", "~/.bashrc", "high"],
    ["ssh's folder: high", "~/.ssh/authorized_keys", "high"],
    ["its own installed code: medium", "/opt/mcp-server/node_modules/x/index.js", "medium"],
    ["a cache in HOME: low", "~/.cache/x/db.json", "low"],
    ["the working folder: info", "~/project/log.txt", "info"],
  ])("%s", (_n, path, severity) => {
    const fs = findings(h, withProbe(probeFacts({ events: [event({ kind: "write", op: "create", path })] })));
    expect(fs.map((f) => f.severity)).toEqual([severity]);
  });

  it("leaves canary writes to probe-canary-access", () => {
    const fs = findings(
      h,
      withProbe(probeFacts({ events: [event({ kind: "write", path: "~/.npmrc", canary: "npm-token" })] })),
    );
    expect(fs).toEqual([]);
  });

  it("is skipped without --probe", () => {
    expect(withoutPart(h, "probe")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
