import type { Evidence, SuspiciousKind } from "../src/evidence/index.js";
import { loc } from "./code-helpers.js";
import type { FindingDraft, Severity } from "./types.js";

/** Findings, one per fact, for heuristics that report suspicious-code facts of given kinds. */
export function suspiciousFindings(
  evidence: Evidence,
  kinds: Partial<Record<SuspiciousKind, { title: string; severity?: Severity; blocking?: boolean }>>,
): FindingDraft[] | { unknown: string } {
  if (evidence.code.status !== "ok") return { unknown: "no code analysis" };
  const drafts: FindingDraft[] = [];
  for (const fact of evidence.code.data.suspicious) {
    const how = kinds[fact.kind];
    if (!how) continue;
    const draft: FindingDraft = { title: how.title, detail: fact.detail, evidence: [loc(fact.where)] };
    if (how.severity) draft.severity = how.severity;
    if (how.blocking) draft.blocking = true;
    drafts.push(draft);
  }
  return drafts;
}
