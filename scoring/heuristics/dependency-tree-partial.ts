import { defineHeuristic } from "../engine/heuristic.js";

/**
 * A tree past mcp-vet's budget is judged on what was resolved: the rest (its advisories,
 * install scripts, capabilities) is unknown, so the verdict can be no better than warn.
 */
export default defineHeuristic(
  {
    id: "dependency-tree-partial",
    category: "supply-chain",
    title: "Dependency tree only partly resolved",
    rationale:
      "Past its budget mcp-vet stops resolving the tree: the packages it did not reach were not checked for advisories, install scripts or capabilities, and a package nobody could check must not pass.",
    remediation:
      "Resolve the tree with npm (`npm install --package-lock-only`) and review it, or prefer a server with a smaller tree.",
    severity: "high",
    needs: ["dependencies"],
  },
  (evidence) => {
    const partial = evidence.dependencies.data.partial;
    if (!partial) return [];
    return [
      {
        title: `Dependency tree cut at ${partial.resolved} packages: ${partial.reason}`,
        detail: `mcp-vet resolved ${partial.resolved} packages and stopped (${partial.reason}); ${partial.unresolved} dependency edge${partial.unresolved === 1 ? "" : "s"} and whatever they bring were not resolved or checked.`,
        evidence: partial.examples.slice(0, 10).map((e) => ({ snippet: `not resolved: ${e}` })),
      },
    ];
  },
);
