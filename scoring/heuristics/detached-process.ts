import { defineHeuristic } from "../engine/heuristic.js";
import { groupedFindings } from "../knowledge/suspicious.js";

export default defineHeuristic(
  {
    id: "detached-process",
    category: "permissions",
    title: "Starts a detached, silent child process",
    rationale:
      "A detached child with its output ignored (or unref'd) keeps running after the server (and the client) exit, unseen: a common way to leave a backdoor or miner behind. A child that is Node running a script (the package's own daemon, telemetry flush or update check) is noted at low.",
    remediation: "Find out what the child runs; do not install the server if it is not explained.",
    severity: "high",
    needs: ["code"],
  },
  (evidence) =>
    groupedFindings(
      // The flags are read off the call that starts the child, and `.unref()` off that child.
      evidence.code.data.execs.filter((e) => e.detached && (e.silent || e.unref)),
      (e) => `${e.node}\u0000${e.where.file}`,
      (group) => {
        const node = group[0]!.node;
        return {
          title: node ? "Detached Node child process running a script" : "Detached, silent child process",
          severity: node ? "low" : "high",
          detail: group
            .map(
              (e) =>
                `${e.where.detail ?? "spawn"}${e.programs.length ? ` of ${e.programs.join(" or ")}` : ""}${e.unref ? ", unref'd" : ""}${e.silent ? ", output ignored" : ""}`,
            )
            .join("; "),
        };
      },
    ),
);
