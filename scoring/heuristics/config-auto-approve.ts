import { defineHeuristic } from "../engine/heuristic.js";
import { at, entryLabel } from "./shared/config.js";

export default defineHeuristic(
  {
    id: "config-auto-approve",
    category: "configuration",
    title: "Tool calls run without confirmation",
    rationale:
      "Confirmation is the user's last check on what a prompt injection asks a server to do. `trust: true` (Gemini CLI) or `alwaysAllow`/`autoApprove` lists (Cline, Roo) skip it.",
    remediation: "Auto-approve only read-only tools, by name; never the whole server.",
    severity: "low",
    needs: ["config"],
  },
  (evidence) => {
    const entry = evidence.config.data;
    if (entry.autoApprove.length === 0) return [];
    const all = entry.autoApprove.includes("*");
    return [
      {
        title: all
          ? `Every tool of "${entry.name}" runs without asking`
          : `${entry.autoApprove.length} tool(s) of "${entry.name}" run without asking`,
        detail: `${entryLabel(entry)} ${all ? "trusts the whole server" : `auto-approves ${entry.autoApprove.slice(0, 20).join(", ")}`}.`,
        evidence: [at(entry)],
        ...(all ? { severity: "medium" as const } : {}),
      },
    ];
  },
);
