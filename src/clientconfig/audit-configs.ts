import { existsSync } from "node:fs";
import { isAbsolute, join, resolve as resolvePath } from "node:path";
import pLimit from "p-limit";
import type { ConfigRun, ConfigServerResult } from "../../reports/model.js";
import type { Policy } from "../../scoring/engine/policy.js";
import type { FetchContext } from "../collect/context.js";
import type { ProbeOptions } from "../collect/sources/probe/index.js";
import { downloadTarball, tarballUrlRefusal } from "../collect/sources/tarball.js";
import { TargetError } from "../collect/target.js";
import { errorLine } from "../errors.js";
import type { ConfigEntryEvidence, Launch } from "../evidence/index.js";
import { exitCodeFor, vet, vetConfigOnly, vetUnvetted } from "../pipeline.js";
import { makeTempDir, removeTempDir } from "../temp.js";
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
  const l = entry.launch;
  if (l.kind === "npm-url") return { ...base, ...(await vetNonRegistry(ctx, policy, entry, l)) };
  if (l.kind === "npm" && l.registry !== undefined && !sameRegistry(l.registry, ctx.registry.url)) {
    // What runs comes from that registry; vetting the package of the same name elsewhere would vouch for something else.
    const why = `installs from ${l.registry}, not the registry mcp-vet vets against`;
    return { ...base, vetted: "config-only", report: vetUnvetted(entry, ctx.now, why, policy) };
  }
  if (l.kind === "unknown" && !entry.disabled && l.reason !== NOTHING_STARTED) {
    // The client starts something mcp-vet cannot name: never a pass.
    const why = `could not tell what this entry starts: ${l.reason}`;
    return { ...base, vetted: "config-only", report: vetUnvetted(entry, ctx.now, why, policy) };
  }
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

function sameRegistry(a: string, b: string): boolean {
  const norm = (u: string) => u.replace(/\/+$/, "").toLowerCase();
  return norm(a) === norm(b);
}

/** The reason mapLaunch gives an entry with neither a command nor a url: the client starts nothing. */
const NOTHING_STARTED = "neither `command` nor a url";

/**
 * npx given a url, a git repository or a path. The config-non-registry-package finding says
 * what that means; the code is vetted where it can be read without running anything: an
 * https tarball (or http from the configured registry) is downloaded within the tarball caps
 * and vetted as a local tarball, a path the client will resolve the same way is vetted in
 * place. A git repository is not cloned (that would run git, and npm would run its
 * `prepare`): that entry, and any other that cannot be read, is `could not vet`.
 */
async function vetNonRegistry(
  ctx: FetchContext,
  policy: Policy,
  entry: ConfigEntryEvidence,
  l: Extract<Launch, { kind: "npm-url" }>,
): Promise<Pick<ConfigServerResult, "vetted" | "report" | "error">> {
  const unvetted = (why: string) => ({
    vetted: "config-only" as const,
    report: vetUnvetted(entry, ctx.now, why, policy),
  });
  if (l.source === "git") return unvetted("a git repository: mcp-vet does not clone and build repositories");
  if (l.source === "remote") {
    const refused = tarballUrlRefusal(l.spec, [ctx.registry.url]);
    if (refused) return unvetted(`the tarball url was not fetched (${refused})`);
    const dir = await makeTempDir("mcp-vet-remote-");
    try {
      const file = join(dir, "package.tgz");
      const got = await downloadTarball(ctx, l.spec, file);
      if (got) return unvetted(`the tarball could not be downloaded: ${got}`);
      const { report } = await vet(ctx, file, policy, { config: entry });
      return { vetted: "package", report: { ...report, target: { ...report.target, spec: l.spec } } };
    } catch (err) {
      return unvetted(`the tarball could not be vetted: ${errorLine(err)}`);
    } finally {
      await removeTempDir(dir);
    }
  }
  const path = l.path ?? l.spec;
  const cwd = entry.cwd?.masked;
  const where = isAbsolute(path) ? path : cwd && isAbsolute(cwd) ? resolvePath(cwd, path) : undefined;
  if (!where) return unvetted("a relative path, and the folder the client starts in is not known");
  if (!existsSync(where)) return unvetted(`${where} does not exist here`);
  try {
    const { report } = await vet(ctx, where, policy, { config: entry });
    return { vetted: "package", report };
  } catch (err) {
    return unvetted(`${where} could not be vetted: ${errorLine(err)}`);
  }
}

/**
 * Any failing server fails the run; otherwise any server that could not be vetted, or any
 * file that could not be read whole (the client may still start servers in what was not
 * read), makes it incomplete: never a pass.
 */
export function configExitCode(run: ConfigRun): 0 | 1 | 3 {
  const codes = run.servers.map((s) => (s.report ? exitCodeFor(s.report) : 3));
  if (codes.includes(1)) return 1;
  return codes.includes(3) || run.files.some((f) => f.errors.length > 0) ? 3 : 0;
}

export function describeLaunch(l: Launch): string {
  switch (l.kind) {
    case "npm":
      return `${l.runner} ${l.spec}`;
    case "npm-url":
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
