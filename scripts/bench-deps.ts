import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { HttpClient } from "../cache/http.js";
import { CacheStore } from "../cache/store.js";
import type { FetchContext } from "../src/collect/context.js";
import { fetchDependencyTree } from "../src/collect/sources/deps/tree.js";
import { fetchAdvisories, type OsvStats } from "../src/collect/sources/osv/index.js";

const run = promisify(execFile);

export interface DepsBenchOptions {
  /** Registry the tree and npm both resolve against (trailing slash optional). */
  registryUrl: string;
  /** What to resolve, as npm takes it. */
  spec: string;
  /** OSV API to ask about the tree; without it the OSV step is skipped. */
  osvApiUrl?: string;
  /** The npm CLI to compare with; default `npm` on PATH. */
  npmCommand?: string;
}

export interface DepsBenchResult {
  spec: string;
  /** Packages in the tree, target included. */
  nodes: number;
  /** fetchDependencyTree with empty caches, then again with the caches it filled. */
  treeColdMs: number;
  treeWarmMs: number;
  /** fetchAdvisories over the tree, cold then warm; 0 without osvApiUrl. */
  osvColdMs: number;
  osvWarmMs: number;
  /** `npm install <spec> --package-lock-only --ignore-scripts` in an empty folder, empty cache. */
  npmMs: number;
  /** (treeCold + osvCold) / npm: the target is <= 1.0. */
  ratio: number;
  /** (treeWarm + osvWarm) / (treeCold + osvCold): the target is <= 0.25. */
  warmRatio: number;
  /** OSV round trips of the cold run, and the bound: ceil(nodes/1000) batches + one per advisory. */
  osvBatchCalls: number;
  osvVulnCalls: number;
  osvBatchBound: number;
}

/**
 * Times mcp-vet's dependency tree (+ OSV) against npm's own resolution of the same package,
 * each with its own fresh cache, against the same registry. Sequential, so neither competes
 * with the other for the two cores.
 */
export async function benchDeps(options: DepsBenchOptions): Promise<DepsBenchResult> {
  const registry = options.registryUrl.endsWith("/") ? options.registryUrl : `${options.registryUrl}/`;
  const base = await mkdtemp(join(tmpdir(), "mcp-vet-bench-deps-"));
  try {
    const ctx = benchContext(base, registry, options.osvApiUrl ?? "http://127.0.0.1:9/");
    const cold = await timedVet(ctx, options);
    const warm = await timedVet(benchContext(base, registry, ctx.osvApiUrl), options);
    const npmMs = await timedNpm(base, registry, options);
    const coldMs = cold.treeMs + cold.osvMs;
    return {
      spec: options.spec,
      nodes: cold.nodes,
      treeColdMs: cold.treeMs,
      treeWarmMs: warm.treeMs,
      osvColdMs: cold.osvMs,
      osvWarmMs: warm.osvMs,
      npmMs,
      ratio: round(coldMs / npmMs),
      warmRatio: round((warm.treeMs + warm.osvMs) / coldMs),
      osvBatchCalls: cold.stats.batchCalls,
      osvVulnCalls: cold.stats.vulnCalls,
      osvBatchBound: Math.ceil(cold.nodes / 1000),
    };
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

/** A context with its caches under `base`: the second call with the same base runs warm. */
function benchContext(base: string, registry: string, osvApiUrl: string): FetchContext {
  const cacheDir = join(base, "mcp-vet-cache");
  return {
    http: new HttpClient({ cacheDir: join(cacheDir, "http") }),
    store: new CacheStore(join(cacheDir, "npm")),
    registry: { url: registry, npmOptions: { cache: join(cacheDir, "npm") } },
    now: new Date().toISOString(),
    cacheDir,
    offline: false,
    refresh: false,
    githubApiUrl: "http://127.0.0.1:9/",
    osvApiUrl,
    mcpRegistryUrl: "http://127.0.0.1:9/",
    log: { debug() {}, warn() {} },
  };
}

async function timedVet(ctx: FetchContext, options: DepsBenchOptions) {
  const t0 = performance.now();
  const tree = await fetchDependencyTree(ctx, options.spec);
  const treeMs = performance.now() - t0;
  if (tree.status !== "ok")
    throw new Error(`tree: ${tree.status === "unavailable" ? tree.error : tree.reason}`);
  const stats: OsvStats = { batchCalls: 0, vulnCalls: 0 };
  const t1 = performance.now();
  if (options.osvApiUrl) {
    const advisories = await fetchAdvisories(ctx, tree.data.nodes, { stats });
    if (advisories.status !== "ok") throw new Error(`osv: ${advisories.status}`);
  }
  return {
    treeMs: round(treeMs),
    osvMs: round(performance.now() - t1),
    nodes: tree.data.nodes.length,
    stats,
  };
}

async function timedNpm(base: string, registry: string, options: DepsBenchOptions): Promise<number> {
  const project = join(base, "npm-project");
  const userconfig = join(base, "empty-npmrc");
  await mkdir(project, { recursive: true });
  await writeFile(userconfig, "");
  const args = [
    "install",
    options.spec,
    "--package-lock-only",
    "--ignore-scripts",
    `--registry=${registry}`,
    `--cache=${join(base, "npm-cli-cache")}`,
    `--userconfig=${userconfig}`,
  ];
  const t0 = performance.now();
  await run(options.npmCommand ?? "npm", args, { cwd: project, maxBuffer: 16 * 1024 * 1024 });
  return round(performance.now() - t0);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
