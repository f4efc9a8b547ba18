import type { Evidence } from "../src/evidence/index.js";
import type { Finding, FindingDraft, Heuristic, HeuristicDefinition, HeuristicResult } from "./types.js";

/**
 * Builds a heuristic from its definition and a check that returns drafts. The wrapper fills
 * each finding's id, category, severity and remediation from the definition, and answers
 * "unknown" (source unavailable) or "skipped" (not applicable) when an evidence part the
 * definition needs is missing, so no check has to.
 */
export function defineHeuristic(
  definition: HeuristicDefinition,
  check: (evidence: Evidence) => FindingDraft[] | { unknown: string },
): Heuristic {
  return {
    definition,
    evaluate(evidence: Evidence): HeuristicResult {
      for (const part of definition.needs) {
        const p = evidence[part];
        if (p.status === "skipped") return { status: "skipped", reason: `${part}: ${p.reason}` };
        if (p.status === "unavailable") return { status: "unknown", reason: `${part}: ${p.error}` };
      }
      const out = check(evidence);
      if ("unknown" in out) return { status: "unknown", reason: out.unknown };
      return { status: "evaluated", findings: out.map((d) => toFinding(definition, d)) };
    },
  };
}

function toFinding(def: HeuristicDefinition, draft: FindingDraft): Finding {
  return {
    ...draft,
    id: def.id,
    category: def.category,
    severity: draft.severity ?? def.severity,
    remediation: draft.remediation ?? def.remediation,
  };
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
