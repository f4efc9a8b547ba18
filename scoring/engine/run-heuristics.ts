import type { Evidence } from "../../src/evidence/index.js";
import type { HeuristicOutcome } from "./score.js";
import type { Heuristic } from "./types.js";

/**
 * Runs every heuristic over the evidence. A heuristic that throws is a bug in mcp-vet, not a
 * fact about the package: it is reported as unknown, and the rest still run.
 */
export function runHeuristics(
  evidence: Evidence,
  heuristics: readonly Heuristic[],
  /** Ids the policy turns off: not run at all, and listed as skipped in the report's checks. */
  disabled: ReadonlySet<string> = new Set(),
): HeuristicOutcome[] {
  return heuristics.map((h) => {
    let result: HeuristicOutcome["result"];
    if (disabled.has(h.definition.id)) {
      result = { status: "skipped", reason: "disabled by policy" };
      return { id: h.definition.id, category: h.definition.category, result };
    }
    try {
      result = h.evaluate(evidence);
    } catch (err) {
      result = {
        status: "unknown",
        reason: `internal error in ${h.definition.id}: ${(err as Error).message}`,
      };
    }
    return { id: h.definition.id, category: h.definition.category, result };
  });
}
