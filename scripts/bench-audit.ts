import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { HttpStats } from "../cache/http.js";
import { defaultPolicy } from "../scoring/engine/policy.js";
import type { AuditTarget } from "../src/audit/inventory.js";
import { runAudit } from "../src/audit/run.js";
import { createContext } from "../src/collect/context.js";

export interface AuditBenchOptions {
  registryUrl: string;
  githubApiUrl: string;
  osvApiUrl: string;
  mcpRegistryUrl: string;
  /** Package names (or specs) to audit. */
  specs: readonly string[];
  /** Default 16. */
  concurrency?: number;
  /**
   * Round trips the server has seen so far (the fixture server counts them); without it the
   * per-host numbers are left out and only the client's own stats are reported.
   */
  countRequests?: () => { total: number; github: number };
}

export interface AuditPhase {
  ms: number;
  targetsPerSecond: number;
  /** The shared client's counters: network round trips, cache hits, revalidations, joined in-flight requests. */
  http: HttpStats;
  /** Round trips the server saw, per target, and GitHub's per repository. */
  requestsPerTarget?: number;
  githubRequestsPerRepo?: number;
  errors: number;
}

export interface AuditBenchResult {
  targets: number;
  concurrency: number;
  cold: AuditPhase;
  /** The same audit again over the cache the cold run filled (a new context, as a re-run would). */
  warm: AuditPhase;
  /** Peak resident set size of this process, MB. */
  peakRssMb: number;
}

/**
 * Audits `specs` twice against the given servers: cold (empty cache) and warm (the same cache,
 * a fresh context). Every target is assumed to have one GitHub repository.
 */
export async function benchAudit(options: AuditBenchOptions): Promise<AuditBenchResult> {
  const concurrency = options.concurrency ?? 16;
  const targets: AuditTarget[] = options.specs.map((spec) => ({ key: `npm:${spec}`, kind: "package", spec }));
  const cacheDir = await mkdtemp(join(tmpdir(), "mcp-vet-bench-audit-"));
  try {
    const phase = async (): Promise<AuditPhase> => {
      const ctx = await createContext({
        cacheDir,
        registry: options.registryUrl,
        useNpmConfig: false,
        githubApiUrl: options.githubApiUrl,
        osvApiUrl: options.osvApiUrl,
        mcpRegistryUrl: options.mcpRegistryUrl,
        env: {},
      });
      const before = options.countRequests?.();
      const start = performance.now();
      const { index } = await runAudit(ctx, targets, defaultPolicy(), { concurrency });
      const ms = performance.now() - start;
      const after = options.countRequests?.();
      return {
        ms: Math.round(ms),
        targetsPerSecond: round(targets.length / (ms / 1000)),
        http: { ...ctx.http.stats },
        ...(before && after
          ? {
              requestsPerTarget: round((after.total - before.total) / targets.length),
              githubRequestsPerRepo: round((after.github - before.github) / targets.length),
            }
          : {}),
        errors: index.summary.errors,
      };
    };
    const cold = await phase();
    const warm = await phase();
    return {
      targets: targets.length,
      concurrency,
      cold,
      warm,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
