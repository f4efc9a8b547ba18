import { loc } from "../code-helpers.js";
import { defineHeuristic } from "../heuristic.js";
import type { FindingDraft } from "../types.js";

export default defineHeuristic(
  {
    id: "tool-annotation-contradiction",
    category: "mcp-tools",
    title: "Tool annotations contradict what the code does",
    rationale:
      "Clients use readOnlyHint and openWorldHint to decide what to auto-approve. When every tool claims to be read-only yet the code writes files or runs programs, or claims a closed world yet calls the network, the hints would get dangerous calls approved unseen.",
    remediation: "Do not auto-approve this server's tools; ask the maintainer to correct the annotations.",
    severity: "medium",
    needs: ["code"],
  },
  (evidence) => {
    if (evidence.code.status !== "ok") return { unknown: "no code analysis" };
    const { tools, capabilities } = evidence.code.data;
    if (tools.length === 0) return [];
    const cap = (id: string) => capabilities.find((c) => c.id === id);
    const drafts: FindingDraft[] = [];
    // Per-tool handlers are not linked to their code, so only a claim made by every tool is judged.
    if (tools.every((t) => t.annotations?.readOnlyHint === true)) {
      for (const use of [cap("fs.write"), cap("process.exec")]) {
        if (!use) continue;
        drafts.push({
          title: `Every tool claims readOnlyHint, but the code uses ${use.id}`,
          detail: `${tools.length} tool(s) annotated read-only; ${use.id} seen ${use.count} time(s).`,
          evidence: use.evidence.slice(0, 3).map(loc),
        });
      }
    }
    const net = cap("net.outbound");
    if (net && tools.every((t) => t.annotations?.openWorldHint === false)) {
      drafts.push({
        severity: "low",
        title: "Every tool claims openWorldHint: false, but the code makes network requests",
        detail: `net.outbound seen ${net.count} time(s).`,
        evidence: net.evidence.slice(0, 3).map(loc),
      });
    }
    return drafts;
  },
);
