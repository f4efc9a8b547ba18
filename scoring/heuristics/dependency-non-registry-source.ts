import { defineHeuristic } from "../engine/heuristic.js";
import type { Severity } from "../engine/types.js";
import { pathText } from "./shared/dependencies.js";

/** `name@version`; a dependency that was not fetched has no version. */
function nameAt(n: { name: string; version: string }): string {
  return n.version ? `${n.name}@${n.version}` : n.name;
}

/** git and http sources can change under the same name; a local file only matters for local targets. */
const SEVERITY: Record<string, Severity> = { git: "high", http: "high", file: "low" };

export default defineHeuristic(
  {
    id: "dependency-non-registry-source",
    category: "supply-chain",
    title: "Dependencies fetched from outside the registry",
    rationale:
      "A dependency from a git repository or a plain url skips the registry's immutability, signatures and malware takedowns: what is fetched can change from one install to the next, and no advisory database tracks it.",
    remediation:
      "Ask the maintainer to depend on a published registry version instead of a git, url or file source.",
    severity: "high",
    needs: ["dependencies"],
  },
  (evidence) =>
    evidence.dependencies.data.nodes
      .filter((n) => n.depth > 0 && SEVERITY[n.source])
      .map((n) => ({
        title: `${n.name} comes from ${n.source === "file" ? "a local file" : `a ${n.source} source`}`,
        detail: `${nameAt(n)} (${pathText(n.path)}) is fetched from ${n.resolved ?? n.source}, not the registry.${
          n.refused || n.spec !== undefined
            ? " mcp-vet did not fetch it, so what it contains and depends on is unknown."
            : ""
        }`,
        severity: SEVERITY[n.source],
        evidence: [{ snippet: `${nameAt(n)}${n.resolved ? ` from ${n.resolved}` : ""}` }],
      })),
);
