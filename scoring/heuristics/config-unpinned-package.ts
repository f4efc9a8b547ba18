import { defineHeuristic } from "../engine/heuristic.js";
import { at, entryLabel } from "./shared/config.js";

export default defineHeuristic(
  {
    id: "config-unpinned-package",
    category: "configuration",
    title: "Server package not pinned to a version",
    rationale:
      "`npx -y pkg` or `pkg@latest` fetches whatever was published last each time the client starts: a hijacked maintainer account or a malicious release runs on the next launch, unreviewed.",
    remediation: "Pin the exact version you vetted, e.g. `npx -y pkg@1.2.3`, and update it deliberately.",
    severity: "medium",
    needs: ["config"],
  },
  (evidence) => {
    const entry = evidence.config.data;
    const launch = entry?.launch;
    if (!launch) return [];
    if (launch.kind === "npm" && !launch.pinned) {
      const vetted = evidence.target.name === launch.name ? evidence.target.version : undefined;
      const arg = entry.args.find((a) => a.index === launch.specIndex);
      return [
        {
          title: `"${entry.name}" runs ${launch.spec}, not a fixed version`,
          detail: `${entryLabel(entry)} starts ${launch.runner} ${launch.spec}${launch.requested ? ` (${launch.requested} is not an exact version)` : " with no version"}.`,
          evidence: [at(entry, arg)],
          ...(vetted
            ? { remediation: `Pin the version mcp-vet vetted: \`${launch.name}@${vetted}\` in args.` }
            : {}),
        },
      ];
    }
    if (launch.kind === "python" && !launch.pinned && launch.package) {
      return [
        {
          title: `"${entry.name}" runs Python package ${launch.package} unpinned`,
          detail: `${entryLabel(entry)} starts ${launch.runner} ${launch.package} with no version.`,
          evidence: [at(entry)],
          severity: "low",
          remediation: `Pin it: \`${launch.runner} ${launch.package}==<version>\` (uvx also takes \`pkg@<version>\`).`,
        },
      ];
    }
    return [];
  },
);
