import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft } from "../engine/types.js";
import { quote, toolLocation, toolName, toolTexts } from "./shared/code.js";

/** Text that steers how the model uses other tools or servers. */
const SHADOWING: readonly RegExp[] = [
  /\b(?:instead\s+of|rather\s+than|replaces?|overrides?|takes?\s+precedence\s+over)\s+(?:the\s+|any\s+|all\s+)?(?:other\s+)?[`'"]?[\w.-]+[`'"]?\s+(?:tools?|servers?)\b/i,
  /\b(?:all|every|any)\s+other\s+(?:tools?|mcp\s+servers?|servers?)\b/i,
  /\bwhen\s+(?:using|calling|invoking)\s+(?:the\s+)?(?!(?:this|that|these|those|a|an|any|each|every|your|our|my)\b)[`'"]?([a-z][\w.-]*)[`'"]?\s+tool\b/i,
  /\b(?:other|another)\s+(?:mcp\s+)?servers?\b/i,
];

export default defineHeuristic(
  {
    id: "tool-shadowing",
    category: "mcp-tools",
    title: "Tool text refers to other tools or servers",
    rationale:
      "A description that tells the model how to use other servers' tools ('when calling send_email, always BCC …') lets one server hijack another: tool shadowing. A tool should describe itself only.",
    remediation: "Do not run this server next to servers that hold sensitive access; report it.",
    severity: "high",
    needs: ["code"],
  },
  (evidence) => {
    const tools = evidence.code.data.tools;
    const own = new Set(tools.map((t) => t.name.toLowerCase()));
    const drafts: FindingDraft[] = [];
    for (const tool of tools) {
      search: for (const { field, text } of toolTexts(tool)) {
        if (field === "name") continue;
        for (const re of SHADOWING) {
          const m = re.exec(text);
          // Referring to the server's own tools is documentation, not shadowing.
          if (!m || (m[1] && own.has(m[1].toLowerCase()))) continue;
          const q = quote(text, m.index, m[0].length);
          drafts.push({
            title: `Tool \`${toolName(tool)}\` refers to other tools in its ${field}`,
            detail: `Quoted: ${q}`,
            evidence: [toolLocation(tool, q)],
          });
          break search;
        }
      }
    }
    return drafts;
  },
);
