import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft } from "../engine/types.js";
import { matchTool, quote, toolLocation, toolName } from "./shared/code.js";

const SECRET = String.raw`(?:~?\/?\.ssh\b|id_rsa|id_ed25519|\.aws\/credentials|\.npmrc|\.netrc|\.env\b|mcp\.json|claude_desktop_config|private\s+keys?|api[\s_-]?keys?|passwords?|access\s+tokens?|credentials|secrets?|cookies|seed\s+phrase|mnemonic)`;

/** A request to read, send or include a secret or a sensitive file. */
const SECRET_REQUEST: readonly RegExp[] = [
  new RegExp(
    String.raw`\b(?:read|cat|open|load|include|send|pass|provide|attach|upload|forward|copy|paste|add|put)\b[^.\n]{0,60}${SECRET}`,
    "i",
  ),
  new RegExp(String.raw`\bcontents?\s+of\b[^.\n]{0,40}${SECRET}`, "i"),
];

/** Parameter names that ask the model to hand over a credential or a side channel. */
const SECRET_PARAM =
  /^(?:password|passwd|secret|private_?key|ssh_?key|api_?key|access_?token|token|credentials?|cookie|sidenote|side_note|mnemonic|seed)$/i;

export default defineHeuristic(
  {
    id: "tool-secret-request",
    category: "mcp-tools",
    title: "Tool asks the model for files or secrets",
    rationale:
      "A tool whose description asks the model to read ~/.ssh, an MCP config or API keys and pass them as an argument turns the assistant into the thief. Parameters named for credentials invite the model to send them.",
    remediation:
      "Do not install the server if a description asks for secrets; credentials belong in the server's environment, not in tool arguments.",
    severity: "critical",
    needs: ["code"],
  },
  (evidence) => {
    const drafts: FindingDraft[] = [];
    for (const tool of evidence.code.data.tools) {
      const hit = matchTool(tool, SECRET_REQUEST);
      if (hit) {
        const q = quote(hit.text, hit.match.index, hit.match[0].length);
        drafts.push({
          title: `Tool \`${toolName(tool)}\` asks for secrets in its ${hit.field}`,
          detail: `Quoted: ${q}`,
          evidence: [toolLocation(tool, q)],
        });
      }
      const params = tool.inputKeys.filter((k) => SECRET_PARAM.test(k));
      if (params.length > 0) {
        drafts.push({
          severity: "low",
          title: `Tool \`${toolName(tool)}\` takes credential-like arguments: ${params.join(", ")}`,
          detail: "The model is asked to supply these values; anything it knows may end up in them.",
          evidence: [toolLocation(tool, params.join(", "))],
        });
      }
    }
    return drafts;
  },
);
