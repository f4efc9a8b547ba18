import type { Report } from "../scoring/report.js";
import { SEVERITIES } from "../scoring/types.js";
import type { AuditDiff } from "../src/audit/types.js";

/**
 * What every view derives from a report the same way. Package text stays raw here: each
 * renderer escapes it for its own format.
 */

export function worstFinding(r: Report): Report["findings"][number] | undefined {
  return r.findings
    .filter((f) => !f.credit)
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity))[0];
}

/** "gained process.exec, net.outbound; lost fs.write", each id escaped for the format. */
export function capabilityChange(
  c: AuditDiff["capabilityChanges"][number],
  esc: (text: string) => string,
): string {
  const parts = [];
  if (c.gained.length) parts.push(`gained ${c.gained.map((x) => esc(x)).join(", ")}`);
  if (c.lost.length) parts.push(`lost ${c.lost.map((x) => esc(x)).join(", ")}`);
  return parts.join("; ");
}

/** What a tool's linked handler reaches ("nothing" when linked and empty); undefined when not linked. */
export function toolReach(t: Report["tools"][number]): { text: string; partial: boolean } | undefined {
  if (t.capabilities === undefined) return undefined;
  return { text: t.capabilities.join(", ") || "nothing", partial: t.handler?.complete === false };
}

/** `file:line` of a piece of evidence (raw: a package's file name is hostile text). */
export function evidenceWhere(e: { file?: string; line?: number }): string {
  return e.file ? `${e.file}${e.line !== undefined ? `:${e.line}` : ""}` : "";
}
