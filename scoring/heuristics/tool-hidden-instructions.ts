import { defineHeuristic } from "../engine/heuristic.js";
import { matchTool, quote, toolLocation, toolName } from "./shared/code.js";

/** Phrases that address the model rather than describe the tool. */
export const HIDDEN_INSTRUCTION: readonly RegExp[] = [
  /<\s*\/?\s*(?:important|system|instructions?|secret|hidden|admin|critical|note_to_assistant)\b[^>]*>/i,
  /\b(?:ignore|disregard|forget)\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier|other)\s+(?:instructions|prompts?|rules|directions)/i,
  /\b(?:do\s+not|don't|never)\s+(?:tell|mention|inform|reveal|show|disclose|notify)\b[^.\n]{0,60}\b(?:user|human)/i,
  /\bwithout\s+(?:telling|informing|notifying|alerting|asking)\s+(?:the\s+)?(?:user|human)/i,
  /\b(?:the\s+)?user\s+(?:must|should)\s+not\s+(?:know|see|be\s+told)/i,
  /<!--[\s\S]*?-->/,
  /\byou\s+are\s+now\b|\bnew\s+instructions\s*:/i,
];

export default defineHeuristic(
  {
    id: "tool-hidden-instructions",
    category: "mcp-tools",
    title: "Tool text carries instructions to the model",
    rationale:
      "Tool descriptions are read by the model, not by the user. Tags like <IMPORTANT>, 'ignore previous instructions' or 'do not tell the user' are prompt injection: the tool-poisoning attack that makes an assistant leak files or misuse other tools.",
    remediation: "Do not install the server; report it to the registry.",
    severity: "critical",
    needs: ["code"],
  },
  (evidence) => {
    const drafts = [];
    for (const tool of evidence.code.data.tools) {
      const hit = matchTool(tool, HIDDEN_INSTRUCTION);
      if (!hit) continue;
      const q = quote(hit.text, hit.match.index, hit.match[0].length);
      drafts.push({
        title: `Tool \`${toolName(tool)}\` instructs the model in its ${hit.field}`,
        detail: `Quoted: ${q}`,
        evidence: [toolLocation(tool, q)],
        blocking: true,
      });
    }
    return drafts;
  },
);
