import { defineHeuristic } from "../engine/heuristic.js";

/**
 * An MCP server is a thin adapter: the official reference servers install roughly 100–150
 * packages (the SDK brings most of them). Past these counts the tree is the attack surface.
 */
export const LARGE_TREE = 250;
export const VERY_LARGE_TREE = 600;

export default defineHeuristic(
  {
    id: "large-dependency-tree",
    category: "supply-chain",
    title: "Unusually large dependency tree",
    rationale:
      "Every package in the tree is code from another maintainer that runs with the server's rights. An MCP server rarely needs more than the SDK and a few libraries; a very large tree multiplies who can ship code into it.",
    remediation:
      "Prefer a leaner server, or check that the heavy dependencies are needed at run time (not build tools shipped as dependencies).",
    severity: "low",
    needs: ["dependencies"],
  },
  (evidence) => {
    const { total, direct, maxDepth } = evidence.dependencies.data.counts;
    if (total <= LARGE_TREE) return [];
    return [
      {
        title: `${total} packages in the dependency tree`,
        detail: `Installing the server brings ${total} packages (${direct} direct, up to ${maxDepth} levels deep); more than ${LARGE_TREE} is unusual for an MCP server.`,
        severity: total > VERY_LARGE_TREE ? ("medium" as const) : ("low" as const),
        evidence: [{ snippet: `${total} packages, ${direct} direct, depth ${maxDepth}` }],
      },
    ];
  },
);
