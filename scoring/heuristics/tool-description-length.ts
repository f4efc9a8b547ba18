import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft } from "../engine/types.js";
import { toolLocation, toolName } from "./shared/code.js";

/** Long descriptions exist (a few hundred words); past these they hide more than they explain. */
const LONG = 2000;
const VERY_LONG = 8000;

export default defineHeuristic(
  {
    id: "tool-description-length",
    category: "mcp-tools",
    title: "Tool description is unusually long",
    rationale:
      "Clients show a line or two of a tool's description; the model reads all of it. Very long descriptions are where injected instructions hide, and they cost context on every request.",
    remediation: "Read the whole description (the report keeps its hash) before enabling the tool.",
    severity: "low",
    needs: ["code"],
  },
  (evidence) => {
    const drafts: FindingDraft[] = [];
    for (const tool of evidence.code.data.tools) {
      if (tool.descriptionLength <= LONG) continue;
      drafts.push({
        severity: tool.descriptionLength > VERY_LONG ? "medium" : "low",
        title: `Tool \`${toolName(tool)}\` has a ${tool.descriptionLength}-character description`,
        detail: `Descriptions over ${LONG} characters are rare; this one would fill ${Math.ceil(tool.descriptionLength / 80)} lines.`,
        evidence: [toolLocation(tool, (tool.description ?? "").slice(0, 120))],
      });
    }
    return drafts;
  },
);
