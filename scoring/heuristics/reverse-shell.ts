import type { CodeFlow } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft } from "../engine/types.js";
import { distinctFlows, inTools, loc } from "./shared/code.js";

export default defineHeuristic(
  {
    id: "reverse-shell",
    category: "permissions",
    title: "Wires a network connection to a shell (reverse shell)",
    rationale:
      "A socket piped into a spawned shell's stdin, or a shell's output written to a socket, hands whoever is on the other end a command line on the user's machine. Whatever the server says it is for (support sessions, network diagnostics), this is remote control.",
    remediation: "Do not install it; if it ran, treat the machine as compromised.",
    severity: "critical",
    needs: ["code"],
  },
  (evidence) => {
    const drafts: FindingDraft[] = [];
    for (const f of distinctFlows(
      evidence.code.data.flows,
      (f) => shellInbound(f) || (f.source.kind === "shell-output" && f.sink.kind === "network"),
      // One finding per shell: its stdin and its stdout wired to the same connection are one attack.
      (f) => (shellInbound(f) ? f.sink.where.file : f.source.where.file),
    )) {
      const inbound = shellInbound(f);
      drafts.push({
        severity: "critical",
        blocking: true,
        title: inbound
          ? "A network connection feeds a shell's input"
          : "A shell's output is sent over the network",
        detail: `${f.source.where.detail ?? f.source.kind} (${f.source.where.file}:${f.source.where.line ?? "?"}) → ${f.sink.where.detail ?? f.sink.kind} (${f.sink.where.file}:${f.sink.where.line ?? "?"})${inTools(f)}.`,
        evidence: [loc(f.source.where), loc(f.sink.where)],
      });
    }
    return drafts;
  },
);

function shellInbound(f: CodeFlow): boolean {
  return f.source.kind === "network" && f.sink.kind === "shell-input";
}
