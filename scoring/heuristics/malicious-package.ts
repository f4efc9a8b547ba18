import { defineHeuristic } from "../engine/heuristic.js";
import { advisoryLocation, pathText } from "./shared/dependencies.js";

export default defineHeuristic(
  {
    id: "malicious-package",
    category: "vulnerabilities",
    title: "Malicious package in the install",
    rationale:
      "OSV's malicious-packages database (MAL- ids) lists a package of this install as malware: it steals, spies or sabotages by design. No score outweighs that.",
    remediation:
      "Do not install. If it is already installed, remove it, rotate every secret the machine held, and check for persistence.",
    severity: "critical",
    needs: ["advisories"],
  },
  (evidence) =>
    evidence.advisories.data.advisories
      .filter((a) => a.malicious)
      .map((a) => ({
        title: `${a.package}@${a.version} is a known malicious package (${a.id})`,
        detail: a.inTarget
          ? `The server itself is listed as malicious. ${a.summary ?? ""}`.trim()
          : `It is brought in by ${pathText(a.path)}. ${a.summary ?? ""}`.trim(),
        severity: "critical" as const,
        blocking: true,
        evidence: [advisoryLocation(a), { snippet: pathText(a.path) }],
      })),
);
