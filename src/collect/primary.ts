import type { GitHubFacts, Manifest, NpmFacts, PackageFiles, Part } from "../evidence/index.js";
import type { FetchContext } from "./context.js";
import type { Collected, CollectOptions } from "./source.js";
import { fetchGitHub } from "./sources/github/index.js";
import { githubTarget } from "./sources/github/repository.js";
import { fetchPackument } from "./sources/npm.js";
import { type CodeAnswer, readPackageCode } from "./sources/package-code.js";
import { registryUrlsFor, tarballUrlRefusal } from "./sources/tarball.js";
import { TargetError, type TargetSpec } from "./target.js";

/**
 * The primary sources and what they established: the registry's packument, then the tarball
 * and its code. Every other source needs what these say (the repository, the version).
 */
export interface Primary {
  name: string;
  version?: string;
  requested?: string;
  integrity?: string;
  npm: Collected<NpmFacts>;
  files: Collected<PackageFiles>;
  /** The code analysis: it runs off the main thread and settles later; never rejects. */
  code: Promise<CodeAnswer>;
  /** The registry's manifest of the release this one follows (its semver predecessor). */
  previousManifest?: Manifest;
  /** For a `github:` target, the repository read to find the package. */
  github?: Part<GitHubFacts>;
}

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

/** A target that does not exist is the user's error, thrown as a TargetError (exit 2). */
export async function collectPrimary(
  ctx: FetchContext,
  target: TargetSpec,
  options: CollectOptions,
): Promise<Primary> {
  switch (target.kind) {
    case "registry":
      return fromRegistry(ctx, target.name, target.requested, options);
    case "github":
      return fromGitHub(ctx, target, options);
    default:
      return fromLocal(ctx, target, options);
  }
}

/** A repository as the target: its package.json names the npm package to vet. */
async function fromGitHub(
  ctx: FetchContext,
  target: Extract<TargetSpec, { kind: "github" }>,
  options: CollectOptions,
): Promise<Primary> {
  const ref =
    githubTarget(target.spec, ctx.githubApiUrl) ?? githubTarget(`github:${target.owner}/${target.repo}`);
  const github = await fetchGitHub(ctx, ref, "");
  const name = github.status === "ok" && github.data.found ? github.data.packageJson?.name : undefined;
  if (!name) {
    // GitHub down is a source failure (exit 3); a repository that is not there is the user's (exit 2).
    if (github.status === "unavailable")
      throw new SourceError(`could not read ${target.spec} from GitHub: ${github.error}`);
    if (github.status === "ok" && !github.data.found)
      throw new TargetError(`${target.spec} does not exist on GitHub (or is private to this token)`);
    throw new TargetError(`${target.spec} has no package.json naming an npm package to vet`);
  }
  return { ...(await fromRegistry(ctx, name, "latest", options)), github };
}

async function fromRegistry(
  ctx: FetchContext,
  name: string,
  requested: string,
  options: CollectOptions,
): Promise<Primary> {
  const res = await fetchPackument(ctx, name, requested);
  if (res.status === "not-found") throw new TargetError(res.message);
  if (res.status === "unavailable") {
    const why = { status: "unavailable" as const, error: "the registry did not answer" };
    return {
      name,
      requested,
      npm: { part: { status: "unavailable", error: res.error }, url: res.url },
      files: { part: why },
      code: Promise.resolve({ code: why, notes: [] }),
    };
  }
  const now = new Date().toISOString();
  const npm = { part: res.part, url: res.url, cached: res.cached, notes: res.notes, at: now };
  const m = res.part.status === "ok" ? res.part.data.manifest : undefined;
  const base = { name, version: m?.version, requested, npm, previousManifest: res.previous };
  if (!m?.dist?.tarball) {
    const why = { status: "unavailable" as const, error: "no tarball url in the registry's manifest" };
    return { ...base, files: { part: why }, code: Promise.resolve({ code: why, notes: [] }) };
  }
  const refused = tarballUrlRefusal(m.dist.tarball, registryUrlsFor(ctx, name));
  if (refused && res.part.status === "ok") {
    // Recorded for the tarball-url-unsafe finding; the url itself is never handed to pacote.
    res.part.data.tarballUrlRefused = refused;
    const why = {
      status: "unavailable" as const,
      error: `the registry's tarball url was refused (${refused}); it was not fetched`,
    };
    return {
      ...base,
      files: { part: why, url: m.dist.tarball.slice(0, 200) },
      code: Promise.resolve({ code: why, notes: [] }),
    };
  }
  options.progress?.({ phase: "tarball", name, version: m.version });
  const read = await readPackageCode(
    ctx,
    {
      spec: m.dist.tarball,
      integrity: m.dist.integrity,
      where: m.dist.tarball,
      registries: registryUrlsFor(ctx, name),
    },
    options.progress,
  );
  return {
    ...base,
    files: { ...read.files, at: new Date().toISOString() },
    code: read.code,
    integrity: read.integrity,
  };
}

async function fromLocal(
  ctx: FetchContext,
  target: Extract<TargetSpec, { kind: "directory" | "tarball" }>,
  options: CollectOptions,
): Promise<Primary> {
  const read = await readPackageCode(
    ctx,
    { spec: `file:${target.path}`, where: target.path, directory: target.kind === "directory", local: true },
    options.progress,
  );
  const m = read.files.part.status === "ok" ? read.files.part.data.manifest : undefined;
  return {
    name: m?.name || (target.path.split(/[\\/]/).filter(Boolean).at(-1) ?? target.spec),
    version: m?.version || undefined,
    npm: { part: { status: "skipped", reason: "local target: not looked up in the registry" } },
    files: { ...read.files, at: new Date().toISOString() },
    code: read.code,
    integrity: read.integrity,
  };
}
