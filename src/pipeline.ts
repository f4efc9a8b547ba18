import { buildReport, type Report } from "../reports/model.js";
import type { Policy } from "../scoring/engine/policy.js";
import { runHeuristics } from "../scoring/engine/run-heuristics.js";
import { score } from "../scoring/engine/score.js";
import type { Heuristic } from "../scoring/engine/types.js";
import { HEURISTICS, withPolicyPublishers } from "../scoring/heuristics/index.js";
import type { FetchContext } from "./collect/context.js";
import { type CollectOptions, collectEvidence, configOnlyEvidence } from "./collect/index.js";
import { withLiveTools } from "./collect/live-tools.js";
import { parseTarget } from "./collect/target.js";
import type { ConfigEntryEvidence, Evidence } from "./evidence/index.js";
import { TOOL } from "./version.js";

export interface VetResult {
  report: Report;
  evidence: Evidence;
}

/** The whole pipeline for one target: resolve, collect, judge, score, assemble the report. */
export async function vet(
  ctx: FetchContext,
  spec: string,
  policy: Policy,
  options: CollectOptions & { heuristics?: readonly Heuristic[] } = {},
): Promise<VetResult> {
  const target = parseTarget(spec);
  const evidence = await collectEvidence(ctx, target, options);
  return { report: judge(evidence, policy, options.heuristics), evidence };
}

/**
 * A configured server mcp-vet cannot fetch (Python, Docker, a remote url, a local binary):
 * judged on its config entry alone.
 */
export function vetConfigOnly(entry: ConfigEntryEvidence, now: string, why: string, policy: Policy): Report {
  return judge(configOnlyEvidence(entry, now, why), policy);
}

/** Judging alone: evidence in, report out. Re-scoring a stored evidence file needs only this. */
export function judge(evidence: Evidence, policy: Policy, heuristics?: readonly Heuristic[]): Report {
  // The policy's own publishers widen what counts as official (and as an impostor of it).
  const list = heuristics ?? withPolicyPublishers(HEURISTICS, policy.publishers);
  // Tools a probe saw live are judged by the same tool-text checks as those the code declares.
  const outcomes = runHeuristics(withLiveTools(evidence), list, new Set(policy.disabled));
  const result = score(
    {
      outcomes,
      sources: evidence.sources,
      packageName: evidence.target.name,
      version: evidence.target.version,
      now: evidence.collectedAt,
    },
    policy,
  );
  return buildReport({
    evidence,
    outcomes,
    result,
    definitions: list.map((h) => h.definition),
    policy,
    tool: TOOL,
    generatedAt: evidence.collectedAt,
  });
}

/** Exit codes of shared/DESIGN.md: 0 pass/warn, 1 fail, 3 could not vet. (2 is raised for usage errors.) */
export function exitCodeFor(report: Report): 0 | 1 | 3 {
  switch (report.score.verdict) {
    case "fail":
      return 1;
    case "incomplete":
      return 3;
    default:
      return 0;
  }
}
