import { defineHeuristic } from "../engine/heuristic.js";
import { suspiciousFindings } from "../knowledge/suspicious.js";

export default defineHeuristic(
  {
    id: "detached-process",
    category: "permissions",
    title: "Starts a detached, silent child process",
    rationale:
      "A detached child with its output ignored keeps running after the server (and the client) exit, unseen: a common way to leave a backdoor or miner behind.",
    remediation: "Find out what the child runs; do not install the server if it is not explained.",
    severity: "high",
    needs: ["code"],
  },
  (evidence) =>
    suspiciousFindings(evidence, { "detached-process": { title: "Detached, silent child process" } }),
);
