import { defineHeuristic } from "../engine/heuristic.js";
import { advisoryLocation, findingSeverity, pathText } from "./shared/dependencies.js";

export default defineHeuristic(
  {
    id: "advisory-in-dependency",
    category: "vulnerabilities",
    title: "Known vulnerability in a dependency",
    rationale:
      "A package the server installs has an OSV advisory for the resolved version. Its code runs inside the server's process with the same rights.",
    remediation:
      "Move the dependency to a fixed version (ask the maintainer to bump it, or pin it with npm `overrides` in the project that installs the server).",
    severity: "high",
    needs: ["advisories"],
  },
  (evidence) =>
    evidence.advisories.data.advisories
      .filter((a) => !a.inTarget && !a.malicious)
      .map((a) => {
        const how = a.direct ? "a direct dependency" : `a transitive dependency (${pathText(a.path)})`;
        return {
          title: `${a.id}${a.aliases[0] ? ` (${a.aliases[0]})` : ""} in ${a.package}@${a.version}`,
          detail: `${a.package}@${a.version} is ${how}. ${a.summary ?? ""}`.trim(),
          severity: findingSeverity(a.severity),
          evidence: [advisoryLocation(a), { snippet: pathText(a.path) }],
          remediation: a.fixed
            ? `Move ${a.package} to ${a.fixed} or later${
                a.direct
                  ? ": the server names it directly, so a release of the server with the bump fixes it."
                  : `: it comes in through ${pathText(a.path.slice(0, -1))}; an npm override \`"${a.package}": "^${a.fixed}"\` pins it until the chain is updated.`
              }`
            : `No fixed version of ${a.package} is known: check whether the server uses the affected code, or replace the dependency.`,
        };
      }),
);
