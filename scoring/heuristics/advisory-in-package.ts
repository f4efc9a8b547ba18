import { defineHeuristic } from "../engine/heuristic.js";
import { advisoryLocation, findingSeverity } from "./shared/dependencies.js";

export default defineHeuristic(
  {
    id: "advisory-in-package",
    category: "vulnerabilities",
    title: "Known vulnerability in this version",
    rationale:
      "An OSV advisory names this exact version of the server as vulnerable. MCP servers run with the user's rights and talk to models that can be steered, so a known hole is reachable.",
    remediation:
      "Move to a version the advisory lists as fixed, or do not install the server until one exists.",
    severity: "high",
    needs: ["advisories"],
  },
  (evidence) =>
    evidence.advisories.data.advisories
      .filter((a) => a.inTarget && !a.malicious)
      .map((a) => ({
        title: `${a.id}${a.aliases[0] ? ` (${a.aliases[0]})` : ""} affects ${a.package}@${a.version}`,
        detail: `${a.summary ?? "No summary given."} Severity ${a.severity}${a.score !== undefined ? ` (CVSS ${a.score})` : ""}.`,
        severity: findingSeverity(a.severity),
        evidence: [advisoryLocation(a)],
        remediation: a.fixed
          ? `Use ${a.package}@${a.fixed} or later: the advisory lists ${a.fixed} as fixed for this line.`
          : `No fixed version is known for ${a.package}@${a.version}: do not install it, or pick a release line the advisory does not cover.`,
      })),
);
