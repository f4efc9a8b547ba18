import { diffDefinitions, staticDefinition } from "../../src/evidence/tool-definition.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft } from "../engine/types.js";
import { listOf } from "./shared/probe.js";

export default defineHeuristic(
  {
    id: "probe-tools-mismatch",
    category: "mcp-tools",
    title: "Tools seen live differ from what the code declares",
    rationale:
      "Static extraction reads the tool definitions written in the package's code. A tool the running server lists that the code does not declare, or a description that differs from the code's, was built at run time: fetched, generated, or assembled from pieces a reader cannot see. Such a definition escapes review of the package; only the live listing shows what the model will read. (Tools the code builds from variables are common and graded low; the live text is judged by the tool-text checks either way.)",
    remediation:
      "Review the tools as the running server lists them (the report shows both), and pin those definitions (`mcp-vet pin --probe`).",
    severity: "medium",
    needs: ["probe", "code"],
  },
  (evidence) => {
    const live = evidence.probe.data.first?.tools ?? [];
    if (!live.length) return [];
    const declared = evidence.code.data.tools;
    const byName = new Map(declared.map((t) => [t.name, t]));
    const missed = live.filter((t) => !byName.has(t.definition.name));
    const drafts: FindingDraft[] = [];
    if (missed.length) {
      const names = missed.map((t) => t.definition.name.slice(0, 60));
      drafts.push({
        // Nothing found statically is a limit of the reading (a bundle, a compiled binary); some found is a gap.
        severity: declared.length ? "medium" : "low",
        title: declared.length
          ? `${missed.length} tool(s) listed live are not declared in the code: ${listOf(names, 3)}`
          : `No tool could be read from the code; the running server lists ${live.length}`,
        detail: `Listed by the running server only: ${listOf(names, 15)}. Their text was judged as listed live.`,
        evidence: names.slice(0, 10).map((n) => ({ snippet: `[probe, tools/list] ${n}` })),
      });
    }
    for (const t of live) {
      const stat = byName.get(t.definition.name);
      if (!stat) continue;
      const changes = diffDefinitions(staticDefinition(stat), t.definition).filter(
        (c) =>
          c.path === "description" ||
          c.path === "title" ||
          c.path.startsWith("annotations") ||
          c.path === "inputSchema.properties",
      );
      // A description the code leaves out (built from variables) is not a difference in what it says.
      const real = changes.filter((c) => !(c.path === "description" && stat.description === undefined));
      if (!real.length) continue;
      drafts.push({
        severity: real.some((c) => c.path === "description") ? "medium" : "low",
        title: `Tool \`${t.definition.name.slice(0, 60).replace(/`/g, "'")}\` differs live from its code: ${listOf([...new Set(real.map((c) => c.path))], 3)}`,
        detail: real
          .slice(0, 4)
          .map(
            (c) =>
              `${c.path}: code says ${JSON.stringify(c.old ?? "(none)")}, live ${JSON.stringify(c.new ?? "(none)")}`,
          )
          .join("; "),
        evidence: [
          { file: stat.where.file, ...(stat.where.line ? { line: stat.where.line } : {}) },
          { snippet: `[probe, tools/list] ${(real[0]!.new ?? "").slice(0, 300)}` },
        ],
      });
    }
    return drafts;
  },
);
