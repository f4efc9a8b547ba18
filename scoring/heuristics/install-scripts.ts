import { INSTALL_HOOKS, installedManifest } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";

/** Lifecycle scripts npm runs on `npm install`; `prepare` runs only for git and folder installs. */

export default defineHeuristic(
  {
    id: "install-scripts",
    category: "supply-chain",
    title: "Runs scripts at install time",
    rationale:
      "Install scripts run with the user's rights before anyone has looked at the server; most npm malware lives in them. An MCP server has no need to run code at install.",
    remediation:
      "Install with `--ignore-scripts` (npx: `npm_config_ignore_scripts=true`) and check the server still works, or ask the maintainer to drop the script.",
    severity: "high",
    needs: ["npm"],
  },
  (evidence) => {
    const manifest = installedManifest(evidence);
    if (!manifest) return { unknown: "no manifest" };
    const drafts = [];
    for (const hook of INSTALL_HOOKS) {
      const script = manifest.scripts[hook];
      if (script === undefined) continue;
      drafts.push({
        title: `\`${hook}\` script runs on install`,
        detail: `npm runs \`${hook}\` when the package is installed.`,
        evidence: [{ file: "package.json", snippet: `"${hook}": ${JSON.stringify(script)}` }],
      });
    }
    if (manifest.gypfile) {
      drafts.push({
        title: "Builds native code on install (node-gyp)",
        detail: "A binding.gyp makes npm run node-gyp, which compiles and runs build steps at install.",
        evidence: [{ file: "binding.gyp" }],
        severity: "medium" as const,
      });
    }
    return drafts;
  },
);
