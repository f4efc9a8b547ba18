import { describe, expect, it } from "vitest";
import { withoutPart } from "../../test/support/heuristic.js";
import { probeFacts, withProbe } from "../../test/support/probe-evidence.js";
import { findings } from "../../test/support/run.js";
import h from "./probe-limits-hit.js";

describe("probe-limits-hit", () => {
  it("a fork bomb and a flood are high; a slow start is low", () => {
    const fs = findings(
      h,
      withProbe(
        probeFacts({
          limitsHit: [
            {
              limit: "processes",
              phase: "run",
              detail: "started more than 200 processes: stopped (a fork bomb?)",
            },
            { limit: "output", phase: "install", detail: "wrote more than 8 MB to stdout: stopped" },
            { limit: "wall-clock", phase: "run", detail: "still running after 20 s: stopped" },
          ],
        }),
      ),
    );
    expect(fs.map((f) => [f.severity, f.title])).toEqual([
      ["high", "The server hit the processes limit"],
      ["high", "An install script hit the output limit"],
      ["low", "The server hit the wall-clock limit"],
    ]);
  });

  it("is skipped without --probe", () => {
    expect(withoutPart(h, "probe")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
