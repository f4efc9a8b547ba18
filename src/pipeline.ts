import { setMaxListeners } from "node:events";
import { buildReport, type Report } from "../reports/model.js";
import type { Policy } from "../scoring/engine/policy.js";
import { runHeuristics } from "../scoring/engine/run-heuristics.js";
import { score } from "../scoring/engine/score.js";
import type { Heuristic } from "../scoring/engine/types.js";
import { HEURISTICS, withPolicyPublishers } from "../scoring/heuristics/index.js";
import type { FetchContext } from "./collect/context.js";
import {
  type CollectOptions,
  collectEvidence,
  configOnlyEvidence,
  unvettedEvidence,
} from "./collect/index.js";
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
  const deadline = startDeadline(ctx);
  try {
    const evidence = await collectEvidence(deadline.ctx, target, options);
    return { report: judge(evidence, policy, options.heuristics), evidence };
  } finally {
    deadline.stop();
  }
}

/**
 * One deadline per target (`--timeout`): a context whose signal fires at ctx.timeoutMs, handed
 * to every request of this target (HTTP client, npm's libraries, Octokit, the analysis
 * worker); collectEvidence cuts whatever has not answered by then. In an audit each target
 * has its own, from when its vet starts.
 */
function startDeadline(ctx: FetchContext): { ctx: FetchContext; stop: () => void } {
  if (!ctx.timeoutMs || ctx.timeoutMs <= 0) return { ctx, stop() {} };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ctx.timeoutMs);
  const signal = controller.signal;
  // Every request of the target listens to it (the layer's waits, pacote, undici, the analysis
  // jobs): past Node's default of 10 is expected, not a leak.
  setMaxListeners(64, signal);
  return {
    ctx: {
      ...ctx,
      signal,
      http: ctx.http.withSignal(signal),
      registry: { ...ctx.registry, npmOptions: { ...ctx.registry.npmOptions, signal } },
    },
    // The vet is over: stop the clock, and stop whatever of it is still running.
    stop() {
      clearTimeout(timer);
      controller.abort();
    },
  };
}

/**
 * A configured server mcp-vet cannot fetch (Python, Docker, a remote url, a local binary):
 * judged on its config entry alone.
 */
export function vetConfigOnly(entry: ConfigEntryEvidence, now: string, why: string, policy: Policy): Report {
  return judge(configOnlyEvidence(entry, now, why), policy);
}

/**
 * A configured server mcp-vet should vet but could not read (a git repository, a path it
 * cannot resolve, a launch it cannot tell): the config checks, and the package sources
 * unavailable, so the verdict is incomplete, never a pass.
 */
export function vetUnvetted(entry: ConfigEntryEvidence, now: string, why: string, policy: Policy): Report {
  return judge(unvettedEvidence(entry, now, why), policy);
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
