import { homedir } from "node:os";
import pLimit from "p-limit";
import {
  type AuditIndex,
  type AuditResult,
  INDEX_SCHEMA_VERSION,
  type IndexEntry,
} from "../../reports/index-model.js";
import type { Report } from "../../reports/model.js";
import { notChecked, worstFinding } from "../../reports/model.js";
import type { Policy } from "../../scoring/engine/policy.js";
import { auditConfigs } from "../clientconfig/audit-configs.js";
import { preferCodeWorkers } from "../collect/code-pool.js";
import type { FetchContext } from "../collect/context.js";
import type { CollectOptions } from "../collect/index.js";
import { errorLine } from "../errors.js";
import type { Evidence } from "../evidence/index.js";
import { definitionsOf } from "../pin/lock.js";
import { vet } from "../pipeline.js";
import { TOOL } from "../version.js";
import { type BaselineIndex, diffIndex } from "./diff.js";
import { type AuditTarget, AuditUsageError } from "./inventory.js";
import { inShard, reportFileName, type Shard } from "./shard.js";

export interface AuditOptions extends CollectOptions {
  concurrency?: number;
  shard?: Shard;
  inventory?: string;
  baseline?: BaselineIndex;
  scoreThreshold?: number;
  onProgress?: (done: number, total: number, key: string) => void;
  /** Filled as targets finish, so an interrupted run can still write them (partialAudit). */
  soFar?: AuditSoFar;
}

/** What an audit has finished so far. */
export interface AuditSoFar {
  entries: IndexEntry[];
  reports: Map<string, Report>;
  /** Targets this run (or shard) means to audit, and how many of them are done. */
  planned: number;
  finished: number;
}

export function newAuditSoFar(): AuditSoFar {
  return { entries: [], reports: new Map(), planned: 0, finished: 0 };
}

/**
 * Vets every target of the inventory (or of this shard) concurrently over ONE FetchContext:
 * one HTTP client, so concurrent targets share in-flight requests and the cache. A target
 * that cannot be vetted is recorded with its error and the run goes on.
 */
export async function runAudit(
  ctx: FetchContext,
  targets: readonly AuditTarget[],
  policy: Policy,
  options: AuditOptions = {},
): Promise<AuditResult> {
  const mine = options.shard ? targets.filter((t) => inShard(t.key, options.shard!)) : [...targets];
  // Many targets: code is read off the main thread whatever its size (see preferCodeWorkers).
  if (mine.length > 1) preferCodeWorkers();
  const limit = pLimit(Math.max(1, options.concurrency ?? 8));
  const reports = options.soFar?.reports ?? new Map<string, Report>();
  if (options.soFar) options.soFar.planned = mine.length;
  let done = 0;
  const nested = await Promise.all(
    mine.map((t) =>
      limit(async (): Promise<IndexEntry | IndexEntry[]> => {
        let entries: IndexEntry | IndexEntry[] = [];
        try {
          entries = await auditOne(ctx, t, policy, options, reports);
          return entries;
        } finally {
          if (options.soFar) {
            for (const e of [entries].flat()) options.soFar.entries.push(e);
            options.soFar.finished++;
          }
          options.onProgress?.(++done, mine.length, t.key);
        }
      }),
    ),
  );
  const entries = nested.flat();
  const index = buildIndex(entries, {
    inventory: options.inventory ?? null,
    shard: options.shard ?? null,
    generatedAt: ctx.now,
  });
  if (options.baseline) index.diff = diffIndex(options.baseline, index, options.scoreThreshold ?? 5);
  return { index, reports };
}

async function auditOne(
  ctx: FetchContext,
  t: AuditTarget,
  policy: Policy,
  options: CollectOptions,
  reports: Map<string, Report>,
): Promise<IndexEntry | IndexEntry[]> {
  if (t.kind === "config") return auditConfigFile(ctx, t, policy, reports, options);
  try {
    const { report, evidence } = await vet(ctx, t.spec, policy, {
      noDeps: options.noDeps,
      includeDev: options.includeDev,
      ...(options.probe ? { probe: options.probe } : {}),
    });
    reports.set(t.key, report);
    return entryFor(t, report, evidence);
  } catch (err) {
    return errorEntry(t, "error", errorLine(err));
  }
}

export function entryFor(t: AuditTarget, report: Report, evidence?: Evidence): IndexEntry {
  const worst = worstFinding(report);
  const npm = evidence?.npm.status === "ok" ? evidence.npm.data : undefined;
  const person = (p: { name?: string; email?: string }) => p.name ?? p.email ?? "";
  return {
    key: t.key,
    kind: t.kind,
    spec: t.spec,
    status: "ok",
    name: report.target.name,
    version: report.target.version,
    grade: report.score.grade,
    score: report.score.value,
    verdict: report.score.verdict,
    worstFinding: worst ? { id: worst.id, severity: worst.severity, title: worst.title } : null,
    findings: report.findings
      .filter((f) => !f.credit)
      .map((f) => ({ id: f.id, severity: f.severity, title: f.title })),
    // The code's tools by their hash (as baselines have always held them); a probe's are in definitions.
    tools: Object.fromEntries(
      report.tools.filter((tool) => tool.source !== "probe").map((tool) => [tool.name, tool.hash]),
    ),
    // No analysis is not "no capabilities": the diff must not read it as all of them lost.
    capabilities: codeAnalysed(report, evidence) ? report.capabilities.map((c) => c.id) : null,
    publisher: npm?.manifest.publisher ? person(npm.manifest.publisher) || null : null,
    maintainers: npm?.maintainers ? npm.maintainers.map(person).filter(Boolean) : null,
    notChecked: notChecked(report).map((n) => n.source),
    report: reportFileName(t.key),
    ...definitionsEntry(evidence),
  };
}

/** Whole tool definitions for the next run's diff, by where they came from; none when nothing was read. */
function definitionsEntry(evidence: Evidence | undefined): Pick<IndexEntry, "definitions"> {
  if (!evidence) return {};
  const defs = definitionsOf(evidence);
  const kept = {
    ...(defs.static ? { static: defs.static } : {}),
    ...(defs.probe ? { probe: defs.probe } : {}),
  };
  return Object.keys(kept).length ? { definitions: kept } : {};
}

/** The evidence says; a config server's report alone tells by its tarball source. */
function codeAnalysed(report: Report, evidence?: Evidence): boolean {
  if (evidence) return evidence.code.status === "ok";
  return report.sources.some((s) => s.id === "tarball" && s.status === "ok");
}

/**
 * A client config file: every server it starts becomes its own entry (`config:<file>#<name>`),
 * vetted as `mcp-vet config` vets it, so the diff follows each server across runs.
 */
async function auditConfigFile(
  ctx: FetchContext,
  t: AuditTarget,
  policy: Policy,
  reports: Map<string, Report>,
  options: CollectOptions,
): Promise<IndexEntry[]> {
  const run = await auditConfigs(ctx, policy, {
    paths: [t.spec],
    home: homedir(),
    cwd: process.cwd(),
    env: {},
    ...(options.probe ? { probe: options.probe } : {}),
  });
  const file = run.files[0];
  if (!file) return [errorEntry(t, "error", run.missing[0]?.reason ?? "not a readable file")];
  // A file not read whole is an error of its own, beside whatever servers were read: the
  // client may start more than mcp-vet saw.
  const fileError = file.errors.length
    ? [
        errorEntry(
          t,
          "error",
          `${file.errors[0]!.message}${file.errors[0]!.line ? ` (line ${file.errors[0]!.line})` : ""}`,
        ),
      ]
    : [];
  if (run.servers.length === 0) return fileError;
  const ids = configServerIds(run.servers);
  const servers = run.servers.map((s, i) => {
    const server: AuditTarget = { key: `${t.key}#${ids[i]}`, kind: "config", spec: `${t.spec}#${ids[i]}` };
    if (!s.report) return errorEntry(server, "error", s.error ?? "could not be vetted");
    reports.set(server.key, s.report);
    return entryFor(server, s.report);
  });
  return [...fileError, ...servers];
}

/**
 * Each server's identity within its file: its name, unless the file uses the name twice
 * (Claude Code's user and project scopes, `mcpServers` beside `servers`); then where the
 * entry sits tells them apart, so no two targets share a key or a report file.
 */
export function configServerIds(servers: readonly { name: string; entryPath: string }[]): string[] {
  const uses = new Map<string, number>();
  for (const s of servers) uses.set(s.name, (uses.get(s.name) ?? 0) + 1);
  return servers.map((s) => (uses.get(s.name)! > 1 ? s.entryPath : s.name));
}

function errorEntry(t: AuditTarget, status: "error" | "unsupported", error: string): IndexEntry {
  return {
    key: t.key,
    kind: t.kind,
    spec: t.spec,
    status,
    name: null,
    version: null,
    grade: null,
    score: null,
    verdict: null,
    worstFinding: null,
    findings: [],
    tools: {},
    capabilities: null,
    publisher: null,
    maintainers: null,
    report: null,
    error,
  };
}

export function buildIndex(
  entries: readonly IndexEntry[],
  meta: { inventory: string | null; shard: Shard | null; generatedAt: string },
): AuditIndex {
  const targets = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const count = (v: string) => targets.filter((t) => t.verdict === v).length;
  const vetted = targets.filter((t) => t.status === "ok" && t.notChecked);
  const notCheckedBySource: Record<string, number> = {};
  for (const t of vetted)
    for (const s of t.notChecked!) notCheckedBySource[s] = (notCheckedBySource[s] ?? 0) + 1;
  return {
    schemaVersion: INDEX_SCHEMA_VERSION,
    tool: { name: TOOL.name, version: TOOL.version },
    generatedAt: meta.generatedAt,
    inventory: meta.inventory,
    shard: meta.shard,
    summary: {
      targets: targets.length,
      pass: count("pass"),
      warn: count("warn"),
      fail: count("fail"),
      incomplete: count("incomplete"),
      errors: targets.filter((t) => t.status !== "ok").length,
      coverage: {
        complete: vetted.filter((t) => t.notChecked!.length === 0).length,
        notChecked: notCheckedBySource,
      },
    },
    targets,
  };
}

/**
 * The report set of an interrupted run: what finished before the signal, marked partial.
 * No diff: the targets that did not finish would read as removed.
 */
export function partialAudit(
  soFar: AuditSoFar,
  meta: { inventory: string | null; shard: Shard | null; generatedAt: string },
  signal: string,
): AuditResult {
  const index = buildIndex(soFar.entries, meta);
  index.partial = { reason: "interrupted", signal, finished: soFar.finished, planned: soFar.planned };
  return { index, reports: soFar.reports };
}

/** Joins shard outputs into one report set; the diff is recomputed over the whole when a baseline is given. */
export function mergeAudits(
  parts: readonly AuditResult[],
  options: { baseline?: BaselineIndex; scoreThreshold?: number; generatedAt?: string } = {},
): AuditResult {
  const entries = new Map<string, IndexEntry>();
  const reports = new Map<string, Report>();
  for (const p of parts) {
    for (const t of p.index.targets) {
      if (entries.has(t.key)) throw new AuditUsageError(`target ${t.key} appears in more than one shard`);
      entries.set(t.key, t);
      const r = p.reports.get(t.key);
      if (r) reports.set(t.key, r);
    }
  }
  const generatedAt =
    options.generatedAt ?? parts.map((p) => p.index.generatedAt).sort()[0] ?? new Date(0).toISOString();
  const index = buildIndex([...entries.values()], {
    inventory: parts[0]?.index.inventory ?? null,
    shard: null,
    generatedAt,
  });
  // A merge of an interrupted shard is itself incomplete, and gets no diff for the same reason.
  const interrupted = parts.map((p) => p.index.partial).filter((p) => p !== undefined);
  if (interrupted.length) {
    index.partial = {
      reason: "interrupted",
      signal: interrupted[0]!.signal,
      finished: parts.reduce((n, p) => n + (p.index.partial?.finished ?? p.index.targets.length), 0),
      planned: parts.reduce((n, p) => n + (p.index.partial?.planned ?? p.index.targets.length), 0),
    };
  } else if (options.baseline) {
    index.diff = diffIndex(options.baseline, index, options.scoreThreshold ?? 5);
  }
  return { index, reports };
}

/**
 * Exit code: 1 when a target fails (`new`: only a failing target with findings absent from
 * the baseline) or a tool definition changed within a version; else 3 when a target could
 * not be audited, or only incompletely (a required source such as OSV did not answer: that
 * is never a pass); else 0.
 */
export function auditExitCode(index: AuditIndex, failOn: "any" | "new"): 0 | 1 | 3 {
  if (index.diff?.toolChanges.some((c) => c.rugPull)) return 1;
  const failing = index.targets.filter((t) => t.verdict === "fail");
  if (failOn === "new" && index.diff) {
    const withNew = new Set(index.diff.newFindings.map((f) => f.key));
    if (failing.some((t) => withNew.has(t.key))) return 1;
  } else if (failing.length) {
    return 1;
  }
  return index.targets.some((t) => t.status === "error" || t.verdict === "incomplete") ? 3 : 0;
}
