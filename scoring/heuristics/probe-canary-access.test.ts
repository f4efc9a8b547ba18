import { describe, expect, it } from "vitest";
import { withoutPart } from "../../test/support/heuristic.js";
import { event, probeFacts, withProbe } from "../../test/support/probe-evidence.js";
import { findings } from "../../test/support/run.js";
import h from "./probe-canary-access.js";

describe("probe-canary-access", () => {
  it("names the exact canary read at start-up, critical for an SSH key", () => {
    const fs = findings(
      h,
      withProbe(
        probeFacts({ events: [event({ kind: "open", path: "~/.ssh/id_rsa", canary: "ssh-key", t: 270 })] }),
      ),
    );
    expect(fs.map((f) => [f.severity, f.title])).toEqual([
      ["critical", "The server read ~/.ssh/id_rsa (start-up)"],
    ]);
    expect(fs[0]!.evidence[0]!.snippet).toContain("~/.ssh/id_rsa → ok at 0.27 s");
  });

  it("grades cloud credentials read at run time high, and critical at install", () => {
    const read = (phase: "run" | "install") =>
      findings(
        h,
        withProbe(
          probeFacts({
            events: [event({ kind: "open", phase, path: "~/.aws/credentials", canary: "aws-credentials" })],
          }),
        ),
      )[0]!.severity;
    expect(read("run")).toBe("high");
    expect(read("install")).toBe("critical");
  });

  it("a canary value leaving in a name lookup is critical", () => {
    const fs = findings(
      h,
      withProbe(
        probeFacts({
          events: [
            event({ kind: "dns", address: "mcpvetcanaryab12.evil.example", canary: "env:GITHUB_TOKEN" }),
          ],
        }),
      ),
    );
    expect(fs[0]).toMatchObject({
      severity: "critical",
      title: "The server sent the canary value of GITHUB_TOKEN (start-up)",
    });
  });

  it("says nothing when no canary was touched", () => {
    expect(
      findings(h, withProbe(probeFacts({ events: [event({ kind: "open", path: "~/project/notes.md" })] }))),
    ).toEqual([]);
  });

  it("is skipped without --probe and unknown when the sandbox could not be made", () => {
    expect(withoutPart(h, "probe")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
