import type { ConfigPathFact } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import { at, entryLabel } from "./shared/config.js";

/** The file system root, a drive root, or a home folder (as written or spelled by a variable). */
const BROAD =
  /^(?:\/|~\/?|\$HOME\/?|\$\{HOME\}\/?|\$\{env:(?:HOME|USERPROFILE)\}[\\/]?|%USERPROFILE%[\\/]?|%HOMEDRIVE%[\\/]?|[A-Za-z]:[\\/]?|\/mnt\/[a-z]\/?|\/root\/?|\/home\/[^/]+\/?|\/Users\/[^/]+\/?|[A-Za-z]:[\\/]Users(?:[\\/][^\\/]+)?[\\/]?|\/home\/?|\/Users\/?)$/;

export function isBroadRoot(p: string): boolean {
  return BROAD.test(p.trim());
}

export default defineHeuristic(
  {
    id: "config-broad-filesystem-root",
    category: "configuration",
    title: "Server given the whole disk or home folder",
    rationale:
      "A server (and any prompt injection steering it) can read and often write everything under the folders it is given. The home folder holds SSH keys, cloud credentials, browser profiles and tokens.",
    remediation: "Give the server only the project folders it needs, e.g. `~/projects/app` rather than `~`.",
    severity: "high",
    needs: ["config"],
  },
  (evidence) => {
    const entry = evidence.config.data;
    const broad = entry.paths.filter((p: ConfigPathFact) => p.source !== "cwd" && isBroadRoot(p.value));
    return broad.map((p) => ({
      title: `"${entry.name}" can reach ${p.value}`,
      detail: `${entryLabel(entry)} passes ${p.source === "mount" ? `a docker mount of ${p.value}${p.readOnly ? " (read-only)" : ""}` : `the path ${p.value}`}: the whole disk or a home folder.`,
      evidence: [at(entry, undefined, `${p.source}: ${p.value}`)],
      ...(p.readOnly ? { severity: "medium" as const } : {}),
    }));
  },
);
