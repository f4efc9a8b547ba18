import { defineHeuristic } from "../engine/heuristic.js";
import { pathText } from "./shared/dependencies.js";

const LISTED = 20;
const MESSAGE_CHARS = 200;

export default defineHeuristic(
  {
    id: "deprecated-dependencies",
    category: "supply-chain",
    title: "Deprecated dependencies",
    rationale:
      "A deprecated package is one its maintainers have stopped fixing; it will not get security updates, and a tree full of them says the server is not kept up.",
    remediation:
      "Ask the maintainer to move off the deprecated packages (the deprecation message usually names the replacement).",
    severity: "low",
    needs: ["dependencies"],
  },
  (evidence) => {
    const deprecated = evidence.dependencies.data.nodes.filter((n) => n.depth > 0 && n.deprecated);
    if (deprecated.length === 0) return [];
    const direct = deprecated.filter((n) => n.depth === 1).length;
    return [
      {
        title: `${deprecated.length} deprecated ${deprecated.length === 1 ? "dependency" : "dependencies"}`,
        detail: `${deprecated.length} installed ${deprecated.length === 1 ? "package is" : "packages are"} deprecated, ${direct} of them named by the server directly.`,
        // A deprecated package the server picked itself is on the maintainer; deep ones are the ecosystem's.
        severity: direct > 0 ? ("medium" as const) : ("low" as const),
        evidence: deprecated.slice(0, LISTED).map((n) => ({
          snippet: `${n.name}@${n.version} (${pathText(n.path)}): ${n.deprecated!.slice(0, MESSAGE_CHARS)}`,
        })),
      },
    ];
  },
);
