import { defineHeuristic } from "../engine/heuristic.js";
import { packageList, pathText } from "./shared/dependencies.js";

/** Packages listed one by one in the evidence; the rest are counted. */
const LISTED = 20;

export default defineHeuristic(
  {
    id: "dependency-install-scripts",
    category: "supply-chain",
    title: "Dependencies run scripts at install time",
    rationale:
      "npm runs a dependency's preinstall/install/postinstall scripts (and node-gyp builds) with the user's rights during install, before the server is ever started. Most npm malware arrives this way, often deep in the tree.",
    remediation:
      "Install with `--ignore-scripts` and check the server still works; where a script is needed (native builds), review it and allow only that package.",
    severity: "medium",
    needs: ["dependencies"],
  },
  (evidence) => {
    const withScripts = evidence.dependencies.data.nodes.filter(
      (n) => n.depth > 0 && n.hasInstallScript === true,
    );
    if (withScripts.length === 0) return [];
    return [
      {
        title: `${withScripts.length} ${withScripts.length === 1 ? "dependency runs" : "dependencies run"} install scripts`,
        detail: `${packageList(withScripts)} run code when npm installs them.`,
        evidence: withScripts
          .slice(0, LISTED)
          .map((n) => ({ snippet: `${n.name}@${n.version} (${pathText(n.path)})` })),
      },
    ];
  },
);
