import { describe, expect, it } from "vitest";
import { withoutPart } from "../../test/support/heuristic.js";
import { event, probeFacts, withProbe } from "../../test/support/probe-evidence.js";
import { findings } from "../../test/support/run.js";
import h from "./probe-outbound-connection.js";

describe("probe-outbound-connection", () => {
  it("lists the address a server tried at start-up", () => {
    const fs = findings(
      h,
      withProbe(
        probeFacts({
          events: [event({ kind: "connect", address: "203.0.113.7:443", result: "ENETUNREACH" })],
        }),
      ),
    );
    expect(fs.map((f) => [f.severity, f.title])).toEqual([
      ["medium", "The server tried to reach 203.0.113.7:443 (start-up)"],
    ]);
  });

  it("is high for an install script, and names the host it looked up", () => {
    const fs = findings(
      h,
      withProbe(
        probeFacts({
          events: [
            event({
              kind: "dns",
              phase: "install",
              address: "collector.example.org",
              script: "x postinstall",
            }),
          ],
        }),
      ),
    );
    expect(fs[0]).toMatchObject({
      severity: "high",
      title: "An install script tried to reach collector.example.org (install: x postinstall)",
    });
  });

  it("grades a local service low, and leaves calls made inside a tool call alone", () => {
    const fs = findings(
      h,
      withProbe(
        probeFacts({
          events: [
            event({ kind: "connect", address: "127.0.0.1:5432", result: "ECONNREFUSED" }),
            event({ kind: "connect", phase: "call", address: "198.51.100.1:443" }),
          ],
        }),
      ),
    );
    expect(fs.map((f) => f.severity)).toEqual(["low"]);
  });

  it("is skipped without --probe", () => {
    expect(withoutPart(h, "probe")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
