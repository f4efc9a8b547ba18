import type { ConfigEntryEvidence } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft } from "../engine/types.js";
import { at, entryLabel } from "./shared/config.js";

/**
 * Servers documented to have a read-only switch. Each: how to recognise the server, the
 * flags or env vars that turn read-only on. Sources: each server's README.
 */
const READ_ONLY_SWITCHES: { target: RegExp; flags: string[]; env: string[] }[] = [
  { target: /^npm:@supabase\/mcp-server-supabase$/, flags: ["--read-only"], env: [] },
  {
    target: /^docker:ghcr\.io\/github\/github-mcp-server$/,
    flags: ["--read-only"],
    env: ["GITHUB_READ_ONLY"],
  },
  { target: /^npm:mongodb-mcp-server$/, flags: ["--readOnly"], env: ["MDB_MCP_READ_ONLY"] },
];

function target(entry: ConfigEntryEvidence): string | undefined {
  const l = entry.launch;
  if (l.kind === "npm") return `npm:${l.name}`;
  if (l.kind === "docker") return `docker:${l.image}`;
  return undefined;
}

export default defineHeuristic(
  {
    id: "config-write-where-readonly-exists",
    category: "configuration",
    title: "Write access where a read-only mode exists",
    rationale:
      "When a server or mount can be read-only, giving it write access only adds what a prompt injection can destroy. Least privilege is free here.",
    remediation: "Turn on the read-only mode unless the server must write.",
    severity: "medium",
    needs: ["config"],
  },
  (evidence) => {
    const entry = evidence.config.data;
    const drafts: FindingDraft[] = [];
    if (entry.launch.kind === "docker") {
      for (const m of entry.launch.mounts.filter((x) => !x.readOnly)) {
        drafts.push({
          title: `"${entry.name}" mounts ${m.source} writable`,
          detail: `${entryLabel(entry)} bind-mounts ${m.source}${m.target ? ` at ${m.target}` : ""} without \`:ro\`.`,
          evidence: [at(entry, undefined, `mount: ${m.source}${m.target ? `:${m.target}` : ""}`)],
          remediation: `Mount it read-only: \`-v ${m.source}:${m.target ?? "/data"}:ro\` (or \`--mount …,readonly\`).`,
        });
      }
    }
    const t = target(entry);
    const known = t ? READ_ONLY_SWITCHES.find((s) => s.target.test(t)) : undefined;
    if (known) {
      const args = entry.args.map((a) => a.masked);
      const on =
        known.flags.some((f) =>
          args.some((a) => a === f || (a.startsWith(`${f}=`) && !/=(false|0)$/i.test(a))),
        ) ||
        known.env.some((k) => entry.env.some((e) => e.key === k && /^(1|true|yes)$/i.test(e.masked))) ||
        // docker passes env through `-e KEY=value`.
        known.env.some((k) => args.some((a) => new RegExp(`^${k}=(1|true|yes)$`, "i").test(a)));
      if (!on) {
        const how = [...known.flags.map((f) => `\`${f}\``), ...known.env.map((k) => `\`${k}=true\``)].join(
          " or ",
        );
        drafts.push({
          title: `"${entry.name}" runs with write access; it has a read-only mode`,
          detail: `${entryLabel(entry)} does not pass ${how}.`,
          evidence: [at(entry)],
          remediation: `Add ${how} unless the server must write.`,
        });
      }
    }
    return drafts;
  },
);
