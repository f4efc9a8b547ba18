import pLimit from "p-limit";
import type { ConfigRun, ConfigServerResult } from "../../reports/model.js";
import type { Policy } from "../../scoring/engine/policy.js";
import type { FetchContext } from "../collect/context.js";
import type { ProbeOptions } from "../collect/sources/probe/index.js";
import { TargetError } from "../collect/target.js";
import type { ConfigEntryEvidence, Launch } from "../evidence/index.js";
import { vet, vetConfigOnly } from "../pipeline.js";
import { type ConfigCandidate, clientForPath, discoverConfigFiles, findConfigFiles } from "./discover.js";
import { collectConfigs, vetTargets } from "./read.js";

export interface ConfigRunOptions {
  /** Files to read; none: discover the common clients' config files. */
  paths: string[];
  home: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  concurrency?: number;
  /** Probe each npm server in a sandbox, started with its config's arguments (`--probe`). */
  probe?: ProbeOptions;
}

/**
 * `mcp-vet config`: finds and parses client config files, then vets every server they
 * start — npm packages through the whole pipeline with their config entry attached, the
 * rest (Python, Docker, remote, binaries) on the config checks alone.
 */
export async function auditConfigs(
  ctx: FetchContext,
  policy: Policy,
  options: ConfigRunOptions,
): Promise<ConfigRun> {
  const candidates: ConfigCandidate[] = options.paths.length
    ? options.paths.map((p) => clientForPath(p, options.home))
    : discoverConfigFiles({
        home: options.home,
        cwd: options.cwd,
        platform: process.platform,
        env: options.env,
      });
  const { found, missing } = await findConfigFiles(candidates);
  const files = await collectConfigs(found);
  const limit = pLimit(options.concurrency ?? 4);
  const servers = await Promise.all(
    vetTargets(files).map(({ entry, npmSpec }) =>
      limit(() => vetEntry(ctx, policy, entry, npmSpec, options.probe)),
    ),
  );
  return {
    files: files.map((f) => ({
      client: f.client,
      path: f.path,
      scope: f.scope,
      errors: f.errors,
      servers: f.entries.length,
    })),
    missing: missing.map((m) => ({ client: m.client, path: m.path, reason: m.reason })),
    servers,
  };
}

async function vetEntry(
  ctx: FetchContext,
  policy: Policy,
  entry: ConfigEntryEvidence,
  npmSpec: string | undefined,
  probe?: ProbeOptions,
): Promise<ConfigServerResult> {
  const base = {
    client: entry.client,
    file: entry.file,
    ...(entry.line ? { line: entry.line } : {}),
    name: entry.name,
    entryPath: entry.path.join("/"),
    launch: describeLaunch(entry.launch),
  };
  if (!npmSpec) {
    const why = `${entry.launch.kind} server: only its configuration is checked`;
    return { ...base, vetted: "config-only", report: vetConfigOnly(entry, ctx.now, why, policy) };
  }
  try {
    const { report } = await vet(ctx, npmSpec, policy, { config: entry, ...(probe ? { probe } : {}) });
    return { ...base, vetted: "package", report };
  } catch (err) {
    if (err instanceof TargetError) return { ...base, vetted: "package", error: err.message };
    throw err;
  }
}

export function describeLaunch(l: Launch): string {
  switch (l.kind) {
    case "npm":
      return `${l.runner} ${l.spec}`;
    case "node":
      return `node ${l.script ?? ""}`.trim();
    case "python":
      return `${l.runner} ${l.package ?? ""}`.trim();
    case "docker":
      return `docker ${l.image}${l.digest ? `@${l.digest}` : l.tag ? `:${l.tag}` : ""}`;
    case "binary":
      return l.command;
    case "remote":
      return l.url;
    default:
      return l.kind;
  }
}
