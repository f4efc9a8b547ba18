import type { Evidence, SuspiciousFact, SuspiciousKind } from "../../src/evidence/index.js";
import type { FindingDraft, Severity } from "../engine/types.js";
import { loc } from "../heuristics/shared/code.js";

/**
 * Findings for heuristics that report suspicious-code facts of given kinds: one per kind and
 * file, so that a bundle with twenty addresses in it is one finding with twenty quotes.
 */
export function suspiciousFindings(
  evidence: Evidence,
  kinds: Partial<Record<SuspiciousKind, { title: string; severity?: Severity; blocking?: boolean }>>,
): FindingDraft[] | { unknown: string } {
  if (evidence.code.status !== "ok") return { unknown: "no code analysis" };
  const groups = new Map<string, SuspiciousFact[]>();
  for (const fact of evidence.code.data.suspicious) {
    if (!kinds[fact.kind]) continue;
    const key = `${fact.kind}\u0000${fact.where.file}`;
    groups.set(key, [...(groups.get(key) ?? []), fact]);
  }
  const drafts: FindingDraft[] = [];
  for (const facts of groups.values()) {
    const first = facts[0]!;
    const how = kinds[first.kind]!;
    const details = [...new Set(facts.map((f) => f.detail))];
    const draft: FindingDraft = {
      title: facts.length > 1 ? `${how.title} (${facts.length} in ${first.where.file})` : how.title,
      detail: details.slice(0, 5).join("; ") + (details.length > 5 ? `; and ${details.length - 5} more` : ""),
      evidence: facts.slice(0, 10).map((f) => loc(f.where)),
    };
    if (how.severity) draft.severity = how.severity;
    if (how.blocking !== undefined) draft.blocking = how.blocking;
    drafts.push(draft);
  }
  return drafts;
}
