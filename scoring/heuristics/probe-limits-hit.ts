import type { ProbeLimitKind } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { Severity } from "../engine/types.js";

/** Limits a server meets only by misbehaving (a fork bomb, a flood), and those a slow one may. */
const SEVERITY: Record<ProbeLimitKind, Severity> = {
  processes: "high",
  output: "high",
  trace: "high",
  memory: "medium",
  cpu: "medium",
  "wall-clock": "low",
};

export default defineHeuristic(
  {
    id: "probe-limits-hit",
    category: "permissions",
    title: "The server was stopped by the sandbox's limits",
    rationale:
      "The probe gives the install scripts and the server bounded CPU time, memory, output, processes and wall-clock time. Starting hundreds of processes (a fork bomb), flooding its output, or burning CPU or memory while doing nothing asked of it is how a package takes a machine down, or hides what it does in noise. A server that merely takes too long to answer is graded low.",
    remediation:
      "Do not run this server unattended. If the limit was the wall clock, it may be slow to start: try a longer `--probe-timeout`.",
    severity: "high",
    needs: ["probe"],
  },
  (evidence) =>
    evidence.probe.data.limitsHit.map((l) => ({
      severity: SEVERITY[l.limit],
      title: `${l.phase === "install" ? "An install script" : "The server"} hit the ${l.limit} limit`,
      detail: l.detail,
      evidence: [
        { snippet: `[probe, ${l.phase === "install" ? "install" : "start-up"}] ${l.detail}`.slice(0, 300) },
      ],
    })),
);
