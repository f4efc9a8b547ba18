import { describe, expect, it } from "vitest";
import { withoutPart } from "../../test/support/heuristic.js";
import { event, probeFacts, withProbe } from "../../test/support/probe-evidence.js";
import { findings } from "../../test/support/run.js";
import h from "./probe-needs-network.js";

describe("probe-needs-network", () => {
  it("a server that exits after failing to connect would not start without the network", () => {
    const fs = findings(
      h,
      withProbe(
        probeFacts({
          started: false,
          failure: "exited (code 1) before it answered initialize",
          exit: { phase: "run", code: 1 },
          stderr: "cannot reach the licence server\n",
          events: [event({ kind: "connect", address: "198.51.100.9:443", result: "ENETUNREACH" })],
        }),
      ),
    );
    expect(fs.map((f) => f.title)).toEqual([
      "The server exited (code 1) before it answered initialize after trying to reach 198.51.100.9:443",
    ]);
    expect(fs[0]!.detail).toContain("licence server");
  });

  it("a server that started, or failed without trying the network, is not this", () => {
    const net = [event({ kind: "connect", address: "198.51.100.9:443" })];
    expect(findings(h, withProbe(probeFacts({ events: net })))).toEqual([]);
    expect(findings(h, withProbe(probeFacts({ started: false, failure: "exited (code 1)" })))).toEqual([]);
  });

  it("is skipped without --probe", () => {
    expect(withoutPart(h, "probe")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
