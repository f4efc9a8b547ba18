import { diffDefinitions } from "../../src/evidence/tool-definition.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft } from "../engine/types.js";
import { listOf } from "./shared/probe.js";

export default defineHeuristic(
  {
    id: "probe-tools-changed",
    category: "mcp-tools",
    title: "The server's tools changed between two listings",
    rationale:
      "The probe lists the tools twice, a short wait apart, without calling any. A server whose tools change in between — a tool that appears only after the first look, a description rewritten once the client has seen the first one — shows one definition to whoever reviews it and uses another. That is a rug pull in miniature, and a client that approved the first list will not ask again.",
    remediation:
      "Do not auto-approve this server's tools. Pin the definitions you reviewed (`mcp-vet pin`) and check them before each use (`mcp-vet pin --check`).",
    severity: "high",
    needs: ["probe"],
  },
  (evidence) => {
    const { first, second, listChanged } = evidence.probe.data;
    if (!first || !second || second.error) return [];
    const before = new Map(first.tools.map((t) => [t.definition.name, t]));
    const after = new Map(second.tools.map((t) => [t.definition.name, t]));
    const added = [...after.keys()].filter((n) => !before.has(n));
    const removed = [...before.keys()].filter((n) => !after.has(n));
    const drafts: FindingDraft[] = [];
    for (const [name, now] of after) {
      const was = before.get(name);
      if (!was || was.hash === now.hash) continue;
      const changes = diffDefinitions(was.definition, now.definition);
      drafts.push({
        title: `Tool \`${name.slice(0, 60).replace(/`/g, "'")}\` changed its ${listOf([...new Set(changes.map((c) => c.path.split(".")[0]!))], 3) || "definition"} after the first listing`,
        detail: changes.length
          ? changes
              .slice(0, 5)
              .map(
                (c) =>
                  `${c.path}: was ${JSON.stringify(c.old ?? "(none)")}, now ${JSON.stringify(c.new ?? "(none)")}`,
              )
              .join("; ")
          : "The definition's hash changed past the part that is stored.",
        evidence: changes.slice(0, 5).map((c) => ({
          snippet: `[probe, second tools/list] ${c.path}: ${c.old ?? "(none)"} → ${c.new ?? "(none)"}`.slice(
            0,
            500,
          ),
        })),
      });
    }
    if (added.length || removed.length) {
      drafts.push({
        severity: "medium",
        title: `${added.length ? `${added.length} tool(s) appeared` : ""}${added.length && removed.length ? " and " : ""}${removed.length ? `${removed.length} tool(s) disappeared` : ""} after the first listing`,
        detail: `${added.length ? `Added: ${listOf(added, 10)}. ` : ""}${removed.length ? `Removed: ${listOf(removed, 10)}. ` : ""}${listChanged ? "The server announced the change (tools/list_changed)." : "The server did not announce the change."}`,
        evidence: [
          ...added
            .slice(0, 5)
            .map((n) => ({ snippet: `[probe, second tools/list] added ${n}`.slice(0, 300) })),
          ...removed
            .slice(0, 5)
            .map((n) => ({ snippet: `[probe, second tools/list] removed ${n}`.slice(0, 300) })),
        ],
      });
    }
    return drafts;
  },
);
