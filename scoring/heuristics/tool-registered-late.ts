import type { CapabilityId, McpTool } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft } from "../engine/types.js";
import { loc, toolName } from "./shared/code.js";

/** What a tool added after approval may bring that the approved list did not have. */
const POWERFUL: readonly CapabilityId[] = [
  "process.exec",
  "net.outbound",
  "secrets.paths",
  "code.dynamic",
  "fs.write",
];

export default defineHeuristic(
  {
    id: "tool-registered-late",
    category: "mcp-tools",
    title: "Tool appears only after the first tools/list",
    rationale:
      "A client shows the user the tools a server lists when it starts, and many approve them once. A tool registered later (in a timer, after connect(), inside another tool's handler, or listed only once a counter or flag the handlers change allows it; the SDK announces it with tools/list_changed) was never in the list the user approved: the server can add, or swap in, what it likes after it is trusted (a rug pull). Critical when the late tool reaches exec, network, credential paths, dynamic code or file writes that no tool listed from the start reaches.",
    remediation:
      "Treat the server's tool list as unstable: review each tool when the client reports a list change, or do not use the server. Ask the maintainer to list every tool at start.",
    severity: "high",
    needs: ["code"],
  },
  (evidence) => {
    const tools = evidence.code.data.tools;
    const early = new Set(
      tools.filter((t) => !t.late).flatMap((t) => t.handler?.capabilities.map((c) => c.id) ?? []),
    );
    const drafts: FindingDraft[] = [];
    for (const tool of tools) {
      if (!tool.late) continue;
      const gains = gained(tool, early);
      drafts.push({
        severity: gains.length > 0 ? "critical" : "high",
        title: `Tool \`${toolName(tool)}\` is ${tool.late.how}${gains.length > 0 ? `, and reaches ${gains.join(", ")}` : ""}`,
        detail: `It is not in the list the client shows at start${gains.length > 0 ? `; its handler reaches ${gains.join(", ")}, which no tool listed from the start reaches` : ""}.`,
        evidence: [loc(tool.late.where), loc(tool.where)],
      });
    }
    return drafts;
  },
);

function gained(tool: McpTool, early: ReadonlySet<CapabilityId>): CapabilityId[] {
  const reached = new Set(tool.handler?.capabilities.map((c) => c.id) ?? []);
  return POWERFUL.filter((c) => reached.has(c) && !early.has(c));
}
