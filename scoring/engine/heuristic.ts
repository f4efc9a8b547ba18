import type { Evidence, EvidenceWith, PartKey } from "../../src/evidence/index.js";
import type { Finding, FindingDraft, Heuristic, HeuristicDefinition, HeuristicResult } from "./types.js";

/**
 * Builds a heuristic from its definition and a check that returns drafts. The wrapper fills
 * each finding's id, category, severity and remediation from the definition, and answers
 * "unknown" (source unavailable) or "skipped" (not applicable) when an evidence part the
 * definition needs is missing, so no check has to.
 */
export function defineHeuristic<const K extends PartKey>(
  definition: HeuristicDefinition<K>,
  check: (evidence: EvidenceWith<K>) => FindingDraft[] | { unknown: string },
): Heuristic {
  return {
    definition,
    evaluate(evidence: Evidence): HeuristicResult {
      for (const part of definition.needs) {
        const p = evidence[part];
        if (p.status === "skipped") return { status: "skipped", reason: `${part}: ${p.reason}` };
        if (p.status === "unavailable") return { status: "unknown", reason: `${part}: ${p.error}` };
      }
      // Every part in `needs` was just seen present: that is what EvidenceWith<K> states.
      const out = check(evidence as unknown as EvidenceWith<K>);
      if ("unknown" in out) return { status: "unknown", reason: out.unknown };
      return {
        status: "evaluated",
        findings: out.slice(0, FINDING_LIMITS.perHeuristic).map((d) => toFinding(definition, d)),
      };
    },
  };
}

/**
 * Bounds on what one heuristic puts in a report. Findings quote package text (scripts, bin
 * names, deprecation messages, tool names); renderers cut it for display, but the JSON report
 * carries it as is, so it is bounded here, once, for every heuristic.
 */
export const FINDING_LIMITS = {
  perHeuristic: 50,
  titleChars: 300,
  detailChars: 2000,
  remediationChars: 2000,
  evidencePerFinding: 20,
  snippetChars: 500,
} as const;

function toFinding(def: HeuristicDefinition, draft: FindingDraft): Finding {
  const L = FINDING_LIMITS;
  return {
    ...draft,
    id: def.id,
    category: def.category,
    severity: draft.severity ?? def.severity,
    title: clip(draft.title, L.titleChars),
    detail: clip(draft.detail, L.detailChars),
    remediation: clip(draft.remediation ?? def.remediation, L.remediationChars),
    evidence: draft.evidence
      .slice(0, L.evidencePerFinding)
      .map((e) => (e.snippet === undefined ? e : { ...e, snippet: clip(e.snippet, L.snippetChars) })),
  };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (ISO strings); undefined when either is missing or invalid. */
export function daysBetween(from: string | undefined, to: string): number | undefined {
  if (!from) return undefined;
  const a = Date.parse(from);
  const b = Date.parse(to);
  if (Number.isNaN(a) || Number.isNaN(b)) return undefined;
  return Math.floor((b - a) / DAY_MS);
}
