import { defineHeuristic } from "../engine/heuristic.js";
import { at, entryLabel } from "./shared/config.js";

/**
 * A server started through a shell string (`bash -lc "…"`, `cmd /c "…"`) can run anything
 * beside it: `curl … | sh; npx -y a-good-server` vets as the good server. The launch is
 * unwrapped to the package it starts, and every other command of the string is reported.
 */
export default defineHeuristic(
  {
    id: "config-shell-wrapper",
    category: "configuration",
    title: "The launch runs other commands beside the server",
    rationale:
      "A shell string in a client config runs every command in it each time the client starts. Vetting the server it names says nothing about the other commands, which run with the same rights.",
    remediation:
      "Start the server directly (`command`: the runner, `args`: its arguments) and move any set-up into the environment the client starts from.",
    severity: "high",
    needs: ["config"],
  },
  (evidence) => {
    const entry = evidence.config.data;
    const others = entry.alsoRuns ?? [];
    if (others.length === 0) return [];
    return [
      {
        title: `"${entry.name}" also runs ${others.length === 1 ? "another command" : `${others.length} other commands`}`,
        detail: `${entryLabel(entry)} starts the server through ${entry.wrappers?.join(" → ") ?? "a shell"}, which also runs: ${others.join("; ").slice(0, 500)}.`,
        evidence: others.map((o) => at(entry, undefined, o)),
      },
    ];
  },
);
