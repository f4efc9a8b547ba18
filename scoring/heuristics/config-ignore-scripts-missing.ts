import { INSTALL_HOOKS, installedManifest } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import { at, entryLabel } from "./shared/config.js";

export default defineHeuristic(
  {
    id: "config-ignore-scripts-missing",
    category: "configuration",
    title: "Launch lets install scripts run",
    rationale:
      "npx installs the package before starting it; without --ignore-scripts its install scripts (and its dependencies') run with your rights every time the cache is cold.",
    remediation:
      "Add `npm_config_ignore_scripts` = `true` to the entry's env (or `--ignore-scripts` before the package for npx/npm exec), and check the server still starts.",
    severity: "medium",
    needs: ["config"],
  },
  (evidence) => {
    const entry = evidence.config.data;
    const l = entry?.launch;
    if (l?.kind !== "npm" || l.ignoreScripts) return [];
    // Only where it matters: the vetted package has install hooks, or we could not tell.
    const manifest = evidence.target.name === l.name ? installedManifest(evidence) : undefined;
    const hooks = manifest ? INSTALL_HOOKS.filter((h) => manifest.scripts[h] !== undefined) : [];
    // npx installs the dependencies too, and runs theirs.
    const deps =
      evidence.dependencies.status === "ok"
        ? evidence.dependencies.data.nodes.filter((n) => n.depth > 0 && n.hasInstallScript === true)
        : [];
    const own = [...hooks, ...(manifest?.gypfile ? ["node-gyp"] : [])];
    if (manifest && own.length === 0 && deps.length === 0) return [];
    const what = [
      ...own,
      ...(deps.length
        ? [`the install scripts of ${deps.length} ${deps.length === 1 ? "dependency" : "dependencies"}`]
        : []),
    ];
    const arg = entry.args.find((a) => a.index === l.specIndex);
    return [
      {
        title: manifest
          ? `"${entry.name}" would run ${what.join(", ")} on install`
          : `"${entry.name}" does not turn off install scripts`,
        detail: `${entryLabel(entry)} starts ${l.spec} with ${l.runner} and no --ignore-scripts${
          manifest
            ? `; ${
                own.length
                  ? "the package declares install-time code"
                  : `install-time code comes from ${deps
                      .slice(0, 5)
                      .map((n) => `${n.name}@${n.version}`)
                      .join(", ")}${deps.length > 5 ? ", …" : ""}`
              }`
            : "; whether the package has install scripts is unknown"
        }.`,
        evidence: [at(entry, arg)],
        ...(manifest ? {} : { severity: "low" as const }),
      },
    ];
  },
);
