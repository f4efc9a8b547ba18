import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft } from "../engine/types.js";
import { quote, toolLocation, toolName, toolTexts } from "./shared/code.js";

const HIDDEN =
  /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|[\u{E0000}-\u{E007F}]|\u001b\[/u;

export default defineHeuristic(
  {
    id: "tool-invisible-unicode",
    category: "mcp-tools",
    title: "Tool text contains invisible or bidirectional characters",
    rationale:
      "Zero-width, Unicode tag and bidi-override characters, and terminal escapes, make the text the model reads differ from what a user reviewing the tool sees; they are used to hide injected instructions.",
    remediation: "Do not install the server; the quoted text shows the hidden characters as \\u escapes.",
    severity: "high",
    needs: ["code"],
  },
  (evidence) => {
    const drafts: FindingDraft[] = [];
    for (const tool of evidence.code.data.tools) {
      if (tool.hiddenChars === 0) continue;
      let q = `${tool.hiddenChars} hidden character(s) past the stored part of the description`;
      for (const { field, text } of toolTexts(tool)) {
        const m = HIDDEN.exec(text);
        if (m) {
          q = `${field}: ${quote(text, m.index, m[0].length)}`;
          break;
        }
      }
      drafts.push({
        title: `Tool \`${toolName(tool)}\` has ${tool.hiddenChars} invisible character(s)`,
        detail: q,
        evidence: [toolLocation(tool, q)],
      });
    }
    return drafts;
  },
);
