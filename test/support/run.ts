import type { Finding, Heuristic } from "../../scoring/engine/types.js";
import type { Evidence } from "../../src/evidence/index.js";

/** The findings of a heuristic that must evaluate (not unknown, not skipped). */
export function findings(h: Heuristic, e: Evidence): Finding[] {
  const r = h.evaluate(e);
  if (r.status !== "evaluated") throw new Error(`${h.definition.id}: ${r.status}: ${r.reason}`);
  return r.findings;
}
