import { defineHeuristic } from "../engine/heuristic.js";
import { at, entryLabel } from "./shared/config.js";

export default defineHeuristic(
  {
    id: "config-docker-privileged",
    category: "configuration",
    title: "Container runs privileged or on the host network",
    rationale:
      "Running a server in Docker only isolates it if the container is confined: `--privileged` gives it the host's devices and kernel capabilities, `--network host` the host's local services.",
    remediation: "Drop `--privileged` and `--network host`; publish only the ports the server needs.",
    severity: "high",
    needs: ["config"],
  },
  (evidence) => {
    const entry = evidence.config.data;
    const l = entry?.launch;
    if (l?.kind !== "docker" || (!l.privileged && !l.hostNetwork)) return [];
    const what = [l.privileged ? "--privileged" : "", l.hostNetwork ? "--network host" : ""].filter(Boolean);
    return [
      {
        title: `"${entry.name}" container runs with ${what.join(" and ")}`,
        detail: `${entryLabel(entry)} runs ${l.image} with ${what.join(" and ")}.`,
        evidence: [at(entry, undefined, what.join(" "))],
        ...(l.privileged ? {} : { severity: "medium" as const }),
      },
    ];
  },
);
