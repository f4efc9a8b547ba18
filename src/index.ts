/**
 * mcp-vet as a library: the three jobs of the CLI (vet one package, audit client configs,
 * audit an inventory) as functions that take one options object and return the documented
 * report types. Nothing here prints or exits: errors are thrown (TargetError for a target
 * that does not exist, PolicyError for a bad policy, AuditUsageError for bad audit inputs);
 * a source that cannot be reached is recorded in the report, as on the command line.
 *
 * A thin layer over the pipeline's own functions, so the internals can move without the
 * public surface changing.
 */
import { homedir } from "node:os";
import { dirname, resolve } from "node:path";
import type { AuditResult } from "../reports/index-model.js";
import type { ConfigRun, Report } from "../reports/model.js";
import { defaultPolicy, type Policy, registryFreshnessMs, resolvePolicy } from "../scoring/engine/policy.js";
import { loadBaseline } from "./audit/diff.js";
import { writeAuditOutput } from "./audit/files.js";
import {
  AuditUsageError,
  expandConfigTargets,
  type Inventory,
  inventoryTargets,
  loadInventory,
} from "./audit/inventory.js";
import { runAudit as runAuditTargets } from "./audit/run.js";
import { parseShard, type Shard } from "./audit/shard.js";
import { auditConfigs as auditConfigFiles } from "./clientconfig/audit-configs.js";
import { createContext, type RunOptions } from "./collect/context.js";
import { vet as vetTarget } from "./pipeline.js";

export type { AuditDiff, AuditIndex, DiffFinding, IndexEntry } from "../reports/index-model.js";
export type { ConfigRun, ConfigServerResult, Report } from "../reports/model.js";
export { PolicyError } from "../scoring/engine/policy.js";
export type { CategoryId, Finding, Location, Severity } from "../scoring/engine/types.js";
export type { Logger } from "./collect/context.js";
export { TargetError } from "./collect/target.js";
export type { AuditResult, Inventory, Policy, Shard };
export { AuditUsageError };

/** A policy as a policy file holds it: any subset of the default's keys (objects merge, arrays replace). */
export type PolicyInput = Overlay<Policy>;
type Overlay<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: Overlay<T[K]> }
    : T;

/**
 * Where evidence comes from and how it is cached, as the CLI's flags say it: `registry`
 * (default: the user's npm config), `cacheDir`, `offline`, `refresh`, `githubApiUrl`,
 * `osvApiUrl`, `osvDb`, `mcpRegistryUrl`, `env` (tokens are read from it: GITHUB_TOKEN,
 * GH_TOKEN), `log` (default: silent), `now` (the run's clock, an ISO date) and `timeout`
 * (seconds one target may take, default 60; past it the vet is incomplete; 0: no deadline).
 */
export type SourceOptions = RunOptions;

export interface VetOptions extends SourceOptions {
  /** Laid over the default policy, as `--policy` does; default: the default policy. */
  policy?: PolicyInput;
  /** Resolve the dependency tree (default true; false is `--no-deps`). */
  deps?: boolean;
  /** Include devDependencies in the tree. */
  includeDev?: boolean;
}

export interface ConfigAuditOptions extends VetOptions {
  /** Config files to read; none: discover the usual clients' config files, as `mcp-vet config` does. */
  paths?: string[];
  /** Where relative paths and project-level configs are found (default: process.cwd()). */
  cwd?: string;
  /** The home folder whose user-level configs are discovered (default: the user's). */
  home?: string;
  /** Servers vetted at once (default 4). */
  concurrency?: number;
}

export interface AuditOptions extends VetOptions {
  /** An inventory file (YAML or JSON), as `mcp-vet audit <inventory>` reads it. */
  inventory?: string;
  /** Targets given inline, in the inventory file's shape; added to the file's. */
  packages?: Inventory["packages"];
  repos?: Inventory["repos"];
  /** Client config files or globs (relative to the inventory's folder, or to `cwd`). */
  configs?: Inventory["configs"];
  /** Also audit every client config under this folder tree (`--from-configs`). */
  fromConfigs?: string;
  /** A previous index.json, or its folder: the result's `index.diff` compares with it. */
  baseline?: string;
  /** Score changes larger than this are listed in the diff (default 5). */
  scoreThreshold?: number;
  /** Targets vetted at once (default 8). */
  concurrency?: number;
  /** Only shard `i/n` of the targets. */
  shard?: string | Shard;
  /** Write the report set here, as the CLI does (one JSON per target, index.json, HTML, Markdown, SARIF). */
  outDir?: string;
  /** Base folder for inline config paths (default: process.cwd()). */
  cwd?: string;
  onProgress?: (done: number, total: number, key: string) => void;
}

/** Seconds one target may take, as the CLI's `--timeout` default; `timeout: 0` turns it off. */
const DEFAULT_TIMEOUT_SECONDS = 60;

/** The policy a call judges by: the default, with the caller's overlay if any. */
function policyOf(options: { policy?: PolicyInput }): Policy {
  return options.policy === undefined ? defaultPolicy() : resolvePolicy(options.policy, "policy");
}

/**
 * Vets one package: `name`, `name@version|range|tag`, `@scope/name`, a local folder, a
 * `.tgz`, or `github:owner/repo`. Resolves with the JSON report (reports/report.schema.json);
 * its `score.verdict` is pass, warn, fail or incomplete.
 */
export async function vet(spec: string, options: VetOptions = {}): Promise<Report> {
  const policy = policyOf(options);
  const ctx = await createContext({
    timeout: DEFAULT_TIMEOUT_SECONDS,
    registryFreshnessMs: registryFreshnessMs(policy),
    ...options,
  });
  const { report } = await vetTarget(ctx, spec, policy, {
    noDeps: options.deps === false,
    includeDev: options.includeDev === true,
  });
  return report;
}

/**
 * Reads MCP client config files (or discovers them) and vets every server they start: npm
 * servers with the whole pipeline, the rest on the configuration checks alone.
 */
export async function auditConfigs(options: ConfigAuditOptions = {}): Promise<ConfigRun> {
  const policy = policyOf(options);
  const ctx = await createContext({
    timeout: DEFAULT_TIMEOUT_SECONDS,
    registryFreshnessMs: registryFreshnessMs(policy),
    ...options,
  });
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  return auditConfigFiles(ctx, policy, {
    paths: (options.paths ?? []).map((p) => resolve(cwd, p)),
    home: options.home ?? (env.HOME || env.USERPROFILE || homedir()),
    cwd,
    env,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  });
}

/**
 * Audits an inventory: every target vetted over one shared cache and HTTP client, a target
 * that fails recorded with its error. Resolves with the index (reports/index.schema.json,
 * with the diff when a baseline is given) and each vetted target's report by key.
 */
export async function runAudit(options: AuditOptions): Promise<AuditResult> {
  const inline = [options.packages, options.repos, options.configs].some((list) => list?.length);
  if (!options.inventory && !inline && !options.fromConfigs) {
    throw new AuditUsageError("runAudit needs an inventory, packages, repos, configs or fromConfigs");
  }
  const cwd = options.cwd ?? process.cwd();
  const listed = options.inventory ? await loadInventory(resolve(cwd, options.inventory)) : [];
  const inlineTargets = inventoryTargets({
    packages: options.packages ?? [],
    repos: options.repos ?? [],
    configs: options.configs ?? [],
  });
  for (const t of inlineTargets) listed.push(t);
  const base = options.inventory ? dirname(resolve(cwd, options.inventory)) : cwd;
  const targets = await expandConfigTargets(listed, base, options.fromConfigs);
  const shard = typeof options.shard === "string" ? parseShard(options.shard) : options.shard;
  const baseline = options.baseline ? await loadBaseline(options.baseline) : undefined;
  const policy = policyOf(options);
  const ctx = await createContext({
    timeout: DEFAULT_TIMEOUT_SECONDS,
    registryFreshnessMs: registryFreshnessMs(policy),
    ...options,
  });
  const result = await runAuditTargets(ctx, targets, policy, {
    concurrency: options.concurrency,
    shard,
    inventory: options.inventory,
    baseline,
    scoreThreshold: options.scoreThreshold,
    noDeps: options.deps === false,
    includeDev: options.includeDev === true,
    onProgress: options.onProgress,
  });
  if (options.outDir) await writeAuditOutput(options.outDir, result);
  return result;
}
