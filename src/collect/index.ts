import { redactUrl } from "../../cache/http.js";
import {
  type ConfigEntryEvidence,
  EVIDENCE_VERSION,
  type Evidence,
  INSTALL_HOOKS,
  type Manifest,
  type NpmFacts,
  type Part,
  type SourceId,
  type SourceStatus,
} from "../evidence/index.js";
import { TOOL } from "../version.js";
import { analyzePackage } from "./analysis/index.js";
import type { FetchContext } from "./context.js";
import { fetchDependencyEvidence } from "./sources/deps/index.js";
import { fetchGitHub } from "./sources/github/index.js";
import { githubTarget } from "./sources/github/repository.js";
import { fetchMcpRegistry } from "./sources/mcp-registry.js";
import { fetchPackument } from "./sources/npm.js";
import { fetchProvenance } from "./sources/provenance.js";
import { fetchTarball } from "./sources/tarball.js";
import { TargetError, type TargetSpec } from "./target.js";

/** Where a vet is, in the order a single vet passes through it. */
export type ProgressEvent =
  | { phase: "resolving"; spec: string }
  | { phase: "tarball"; name: string; version?: string }
  | { phase: "analysing"; files: number }
  | { phase: "tree"; packages?: number }
  | { phase: "advisories"; packages: number };

/**
 * The primary source did not answer and there is nothing to vet without it (GitHub, for a
 * `github:` target, whose package.json names the package): could not vet, exit 3.
 */
export class SourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SourceError";
  }
}

interface Primary {
  name: string;
  version?: string;
  requested?: string;
  integrity?: string;
  npm: Part<NpmFacts>;
  pkg: Evidence["package"];
  code: Evidence["code"];
  /** The registry's manifest of the version published before this one. */
  previous?: Manifest;
}

/**
 * Collects the evidence for one target: the only stage that does I/O. The primary sources
 * (packument, tarball) come first because every other source needs what they say (the
 * repository, the version); the rest then run concurrently. Each source either answers or is
 * recorded as unavailable; none aborts the run. A target that does not exist is the
 * exception: that is the user's error, thrown as a TargetError (exit 2).
 */
export interface CollectOptions {
  /** Told where the collection is, for a progress line; never does I/O of its own here. */
  progress?: (event: ProgressEvent) => void;
  /** The client-config entry that starts this server, when vetting from a config file. */
  config?: ConfigEntryEvidence;
  /** Skip the dependency tree (OSV then checks the package alone). */
  noDeps?: boolean;
  /** Widen the tree to devDependencies. */
  includeDev?: boolean;
}

export async function collectEvidence(
  ctx: FetchContext,
  target: TargetSpec,
  options: CollectOptions = {},
): Promise<Evidence> {
  const sources: SourceStatus[] = [];
  const notes: string[] = [];
  let github: Evidence["github"] | undefined;
  const progress = options.progress;
  progress?.({ phase: "resolving", spec: target.spec });

  let primary: Primary;
  if (target.kind === "github") {
    // A repository as the target: its package.json names the npm package to vet.
    const ref =
      githubTarget(target.spec, ctx.githubApiUrl) ?? githubTarget(`github:${target.owner}/${target.repo}`);
    github = await fetchGitHub(ctx, ref, "");
    const facts = github.status === "ok" && github.data.found ? github.data : undefined;
    const name = facts?.packageJson?.name;
    if (!name) {
      // GitHub down is a source failure (exit 3); a repository that is not there is the user's (exit 2).
      if (github.status === "unavailable")
        throw new SourceError(`could not read ${target.spec} from GitHub: ${github.error}`);
      if (github.status === "ok" && !github.data.found)
        throw new TargetError(`${target.spec} does not exist on GitHub (or is private to this token)`);
      throw new TargetError(`${target.spec} has no package.json naming an npm package to vet`);
    }
    primary = await collectRegistry(ctx, name, "latest", sources, notes, progress);
  } else if (target.kind === "registry") {
    primary = await collectRegistry(ctx, target.name, target.requested, sources, notes, progress);
  } else {
    primary = await collectLocal(ctx, target, sources, notes, progress);
  }

  const manifest = installedManifestOf(primary);
  const registryManifest = primary.npm.status === "ok" ? primary.npm.data.manifest : undefined;
  const publishedAt =
    primary.npm.status === "ok"
      ? primary.npm.data.versions.find((v) => v.version === registryManifest?.version)?.publishedAt
      : undefined;
  const [githubPart, deps, provenance, mcpRegistry, previous] = await Promise.all([
    github ?? fetchGitHub(ctx, manifest?.repository, primary.name),
    collectDependencies(ctx, target, primary, options),
    registryManifest
      ? fetchProvenance(ctx, registryManifest, { publishedAt })
      : Promise.resolve(notApplicable<Evidence["provenance"]>(primary.npm, "not a registry package")),
    manifest
      ? fetchMcpRegistry(ctx, manifest)
      : Promise.resolve<Evidence["mcpRegistry"]>({
          status: "unavailable",
          error: "no package.json to search by",
        }),
    registryManifest
      ? collectPrevious(ctx, primary.previous)
      : Promise.resolve(notApplicable<Evidence["previous"]>(primary.npm, "not a registry package")),
  ]);
  sources.push(
    sourceOf("github", githubPart, ctx.githubApiUrl),
    sourceOf("dependencies", deps.dependencies, ctx.registry.url),
    sourceOf("osv", deps.advisories, ctx.osvDb ?? ctx.osvApiUrl),
    sourceOf("provenance", provenance, ctx.registry.url),
    sourceOf("mcp-registry", mcpRegistry, ctx.mcpRegistryUrl),
  );

  return {
    evidenceVersion: EVIDENCE_VERSION,
    collectedAt: ctx.now,
    target: {
      kind: target.kind,
      spec: target.spec,
      name: primary.name,
      version: primary.version,
      ...(primary.requested ? { requested: primary.requested } : {}),
      ...(primary.integrity ? { integrity: primary.integrity } : {}),
    },
    npm: primary.npm,
    package: primary.pkg,
    code: primary.code,
    github: githubPart,
    provenance,
    mcpRegistry,
    dependencies: deps.dependencies,
    advisories: deps.advisories,
    config: configPart(options.config),
    previous,
    sources,
    notes: notes.slice(0, 200),
  };
}

async function collectRegistry(
  ctx: FetchContext,
  name: string,
  requested: string,
  sources: SourceStatus[],
  notes: string[],
  progress?: CollectOptions["progress"],
): Promise<Primary> {
  const res = await fetchPackument(ctx, name, requested);
  if (res.status === "not-found") throw new TargetError(res.message);
  if (res.status === "unavailable") {
    sources.push({ id: "npm", status: "unavailable", url: res.url, error: res.error });
    sources.push({ id: "tarball", status: "unavailable", error: "the registry did not answer" });
    return {
      name,
      requested,
      npm: { status: "unavailable", error: res.error },
      pkg: { status: "unavailable", error: "the registry did not answer" },
      code: { status: "unavailable", error: "the registry did not answer" },
    };
  }
  notes.push(...res.notes);
  sources.push({ id: "npm", status: "ok", url: res.url, fetchedAt: stamp(), cached: res.cached });
  const m = res.part.status === "ok" ? res.part.data.manifest : undefined;
  const primary: Primary = {
    name,
    version: m?.version,
    requested,
    previous: res.previous,
    npm: res.part,
    pkg: { status: "unavailable", error: "no tarball url in the registry's manifest" },
    code: { status: "unavailable", error: "no tarball url in the registry's manifest" },
  };
  if (!m?.dist?.tarball) {
    sources.push({
      id: "tarball",
      status: "unavailable",
      error: "no tarball url in the registry's manifest",
    });
    return primary;
  }
  progress?.({ phase: "tarball", name, version: m.version });
  return readPackage(
    ctx,
    primary,
    { spec: m.dist.tarball, integrity: m.dist.integrity, where: m.dist.tarball },
    sources,
    notes,
    progress,
  );
}

async function collectLocal(
  ctx: FetchContext,
  target: Extract<TargetSpec, { kind: "directory" | "tarball" }>,
  sources: SourceStatus[],
  notes: string[],
  progress?: CollectOptions["progress"],
): Promise<Primary> {
  sources.push({ id: "npm", status: "skipped", error: "local target" });
  const primary: Primary = {
    name: target.path.split(/[\\/]/).filter(Boolean).at(-1) ?? target.spec,
    npm: { status: "skipped", reason: "local target: not looked up in the registry" },
    pkg: { status: "unavailable", error: "not read" },
    code: { status: "unavailable", error: "not read" },
  };
  const read = await readPackage(
    ctx,
    primary,
    { spec: `file:${target.path}`, where: target.path, directory: target.kind === "directory" },
    sources,
    notes,
    progress,
  );
  const m = read.pkg.status === "ok" ? read.pkg.data.manifest : undefined;
  return { ...read, name: m?.name || read.name, version: m?.version || undefined };
}

async function readPackage(
  ctx: FetchContext,
  primary: Primary,
  source: TarballSource,
  sources: SourceStatus[],
  notes: string[],
  progress?: CollectOptions["progress"],
): Promise<Primary> {
  const read = await readAndAnalyse(ctx, source, progress);
  notes.push(...read.notes);
  sources.push(
    read.pkg.status === "ok"
      ? {
          id: "tarball",
          status: "ok",
          url: displayLocation(source.where),
          fetchedAt: stamp(),
          ...(read.cached ? { cached: true } : {}),
        }
      : {
          id: "tarball",
          status: "unavailable",
          url: displayLocation(source.where),
          error: read.pkg.status === "unavailable" ? read.pkg.error : "",
        },
  );
  return { ...primary, pkg: read.pkg, code: read.code, integrity: read.integrity };
}

type TarballSource = { spec: string; integrity?: string; where: string; directory?: boolean };

interface Analysed {
  pkg: Evidence["package"];
  code: Evidence["code"];
  integrity?: string;
  notes: string[];
  cached: boolean;
}

/**
 * Fetches a tarball and analyses its files. Registry tarballs are named by their integrity,
 * so their analysis is stored by it and reused as is; the files' contents live only for
 * this call and never enter the evidence.
 */
async function readAndAnalyse(
  ctx: FetchContext,
  source: TarballSource,
  progress?: CollectOptions["progress"],
): Promise<Analysed> {
  const key = source.integrity ? `${TOOL.version}:${EVIDENCE_VERSION}:${source.integrity}` : undefined;
  if (key && !ctx.refresh) {
    const hit = await ctx.store.get<Omit<Analysed, "cached" | "integrity">>("evidence", key);
    if (hit) return { ...hit, integrity: source.integrity, cached: true };
  }
  const res = await fetchTarball(ctx, source);
  if (res.part.status !== "ok") {
    const code = { status: "unavailable" as const, error: "the tarball could not be read" };
    return { pkg: res.part, code, notes: res.notes, cached: false };
  }
  let code: Evidence["code"];
  const notes = [...res.notes];
  progress?.({ phase: "analysing", files: res.contents.length });
  try {
    const analysis = analyzePackage(res.contents, res.part.data.manifest);
    notes.push(...analysis.notes.slice(0, 50));
    code = { status: "ok", data: analysis };
  } catch (err) {
    code = { status: "unavailable", error: `code analysis failed: ${(err as Error).message.split("\n")[0]}` };
  }
  if (key && code.status === "ok") await ctx.store.put("evidence", key, { pkg: res.part, code, notes });
  return { pkg: res.part, code, integrity: res.integrity, notes, cached: false };
}

/**
 * The version published before the one under vet, analysed the same way and summarised,
 * so a heuristic can see what a release added: the shape of an account takeover is a
 * quiet release that suddenly runs install scripts or reaches for the shell and the network.
 */
async function collectPrevious(
  ctx: FetchContext,
  previous: Manifest | undefined,
): Promise<Evidence["previous"]> {
  if (!previous) return { status: "skipped", reason: "no earlier version" };
  const dist = previous.dist;
  if (!dist?.tarball) return { status: "unavailable", error: `no tarball url for ${previous.version}` };
  const read = await readAndAnalyse(ctx, {
    spec: dist.tarball,
    integrity: dist.integrity,
    where: dist.tarball,
  });
  if (read.pkg.status !== "ok" || read.code.status !== "ok") {
    return {
      status: "unavailable",
      error: `${previous.version}: ${read.pkg.status === "unavailable" ? read.pkg.error : "not analysed"}`,
    };
  }
  const manifest = read.pkg.data.manifest ?? previous;
  return {
    status: "ok",
    data: {
      version: previous.version,
      installScripts: INSTALL_HOOKS.filter((h) => manifest.scripts[h] !== undefined),
      capabilities: read.code.data.capabilities.map((c) => ({ id: c.id, count: c.count })),
      tools: read.code.data.tools.map((t) => ({ name: t.name, hash: t.hash })),
      dependencies: Object.keys(manifest.dependencies).sort(),
    },
  };
}

/** The dependency tree and the advisories for it (or, without a tree, for the package alone). */
function collectDependencies(
  ctx: FetchContext,
  target: TargetSpec,
  primary: Primary,
  options: CollectOptions,
): Promise<Pick<Evidence, "dependencies" | "advisories">> {
  if (!primary.version) {
    const why = { status: "unavailable" as const, error: "the package's version could not be read" };
    return Promise.resolve({ dependencies: why, advisories: why });
  }
  const spec =
    target.kind === "directory" || target.kind === "tarball"
      ? `file:${target.path}`
      : `${primary.name}@${primary.version}`;
  return fetchDependencyEvidence(
    ctx,
    spec,
    { name: primary.name, version: primary.version },
    {
      noDeps: options.noDeps,
      includeDev: options.includeDev,
      ...(options.progress ? { progress: options.progress } : {}),
    },
  );
}

export function configPart(entry: ConfigEntryEvidence | undefined): Evidence["config"] {
  return entry
    ? { status: "ok", data: entry }
    : { status: "skipped", reason: "not started from a client config" };
}

/**
 * Evidence for a configured server mcp-vet cannot fetch (Python, Docker, a remote url, a
 * local binary): the config entry alone, every package source skipped, so only the
 * configuration checks judge it.
 */
export function configOnlyEvidence(entry: ConfigEntryEvidence, now: string, why: string): Evidence {
  const skipped = { status: "skipped" as const, reason: why };
  return {
    evidenceVersion: EVIDENCE_VERSION,
    collectedAt: now,
    target: { kind: "config", spec: `${entry.file}#${entry.name}`, name: entry.name },
    npm: skipped,
    package: skipped,
    code: skipped,
    github: skipped,
    provenance: skipped,
    mcpRegistry: skipped,
    dependencies: skipped,
    advisories: skipped,
    config: configPart(entry),
    previous: skipped,
    sources: [],
    notes: [],
  };
}

/** A part for a source that needs the registry: skipped for local targets, unavailable when the registry failed. */
function notApplicable<P extends Part<unknown>>(npm: Part<NpmFacts>, reason: string): P {
  return (
    npm.status === "unavailable"
      ? { status: "unavailable", error: "the registry did not answer" }
      : { status: "skipped", reason }
  ) as P;
}

function installedManifestOf(p: Primary): Manifest | undefined {
  if (p.pkg.status === "ok" && p.pkg.data.manifest) return p.pkg.data.manifest;
  return p.npm.status === "ok" ? p.npm.data.manifest : undefined;
}

/** A source's line in the report, from the part it produced. */
function sourceOf(id: SourceId, part: Part<unknown>, url?: string): SourceStatus {
  switch (part.status) {
    case "ok":
      return { id, status: "ok", url, fetchedAt: stamp() };
    case "unavailable":
      return { id, status: "unavailable", url, error: part.error };
    case "skipped":
      return { id, status: "skipped", error: part.reason };
  }
}

function stamp(): string {
  return new Date().toISOString();
}

/** A tarball URL without credentials or query (npmrc registries may carry them); a local path as is. */
function displayLocation(where: string): string {
  return /^https?:\/\//i.test(where) ? redactUrl(where) : where;
}
