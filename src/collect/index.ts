import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { DependencyTree, PackageFiles } from "../evidence/index.js";
import {
  type ConfigEntryEvidence,
  EVIDENCE_VERSION,
  type Evidence,
  installedManifest,
  type SourceId,
  type SourceStatus,
} from "../evidence/index.js";
import { makeTempDir, removeTempDir } from "../temp.js";
import type { FetchContext } from "./context.js";
import { collectPrimary, type Primary } from "./primary.js";
import { answered, type Collected, type CollectOptions, type Seed } from "./source.js";
import { dependenciesSource } from "./sources/deps/index.js";
import { githubSource } from "./sources/github/index.js";
import { mcpRegistrySource } from "./sources/mcp-registry.js";
import { osvSource } from "./sources/osv/index.js";
import type { CodeAnswer } from "./sources/package-code.js";
import { previousSource } from "./sources/previous.js";
import { probeSource } from "./sources/probe/index.js";
import { provenanceSource } from "./sources/provenance.js";
import type { TargetSpec } from "./target.js";

export { SourceError } from "./primary.js";
export type { CollectOptions, ProgressEvent } from "./source.js";

/** Notes kept per target: odd inputs, one line each. */
const MAX_NOTES = 200;

/**
 * Collects the evidence for one target: the only stage that does I/O. The primary sources
 * (packument, tarball) come first because every other source starts from what they say; the
 * rest then run concurrently, the advisories once the tree is known. Each source either
 * answers or is recorded as unavailable, and the report's sources[] is read off what they
 * answered; none aborts the run. A target that does not exist is the exception: that is the
 * user's error, thrown as a TargetError (exit 2).
 */
export async function collectEvidence(
  ctx: FetchContext,
  target: TargetSpec,
  options: CollectOptions = {},
): Promise<Evidence> {
  options.progress?.({ phase: "resolving", spec: target.spec });
  const deadline = new Deadline(ctx);
  const primary = await deadline.primary(collectPrimary(ctx, target, options), target);
  const seed = seedOf(target, primary, options);
  const tree = deadline.bound(treeOf(ctx, seed, primary));
  const [github, dependencies, advisories, provenance, mcpRegistry, previous, code, probe] =
    await Promise.all([
      answered(
        deadline.bound(
          githubSource.collect(ctx, { ...seed, ...(primary.github ? { github: primary.github } : {}) }),
        ),
      ),
      answered(tree),
      answered(deadline.bound(tree.then((d) => osvSource.collect(ctx, { ...seed, dependencies: d.part })))),
      answered(deadline.bound(provenanceSource.collect(ctx, seed))),
      answered(deadline.bound(mcpRegistrySource.collect(ctx, seed))),
      deadline.bound(
        previousSource.collect(ctx, { ...seed, codeSummary: primary.code.then((c) => c.summary) }),
      ),
      // The analysis has run off the main thread all along, under the same deadline.
      deadline.code(primary.code),
      // After the tree (the install reads the packuments it fetched from the cache) and the
      // analysis. The probe has its own limits per phase; the target's deadline bounds it as a whole.
      answered(
        deadline.bound(
          Promise.all([tree, primary.code]).then(([, c]) =>
            probeSource.collect(ctx, { ...seed, code: c.code }),
          ),
        ),
      ),
    ]);
  // An analysis the deadline cut leaves the package unread: its part and line say so, as a cut tarball's do.
  const files: Collected<PackageFiles> =
    code.cut && code.code.status === "unavailable"
      ? { ...primary.files, part: code.code, cut: true }
      : primary.files;
  // The report's order of sources; the previous version's tarball feeds a part, not a line.
  const listed: [SourceId, Collected<unknown>][] = [
    ["npm", primary.npm],
    ["tarball", files],
    ["github", github],
    ["dependencies", dependencies],
    ["osv", advisories],
    ["provenance", provenance],
    ["mcp-registry", mcpRegistry],
    ["probe", probe],
  ];
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
    npm: primary.npm.part,
    package: files.part,
    code: code.code,
    github: github.part,
    provenance: provenance.part,
    mcpRegistry: mcpRegistry.part,
    dependencies: dependencies.part,
    advisories: advisories.part,
    config: configPart(options.config),
    previous: previous.part,
    probe: probe.part,
    sources: listed.map(([id, c]) => sourceLine(id, c)),
    notes: [...[primary.npm, primary.files].flatMap((c) => c.notes ?? []), ...code.notes].slice(0, MAX_NOTES),
  };
}

/**
 * The dependency tree. A local .tgz is not handed to npm's libraries as is: pacote reads a
 * `file:` tarball's manifest by extracting every entry into the cache's temp folder, past the
 * caps the tarball was just read within (a bomb, 200k entries). Its package.json, as read
 * here, stands for it in a folder of its own instead; a tarball that could not be read whole
 * gets no tree.
 */
async function treeOf(ctx: FetchContext, seed: Seed, primary: Primary): Promise<Collected<DependencyTree>> {
  if (seed.target.kind !== "tarball" || seed.options.noDeps) return dependenciesSource.collect(ctx, seed);
  const files = primary.files.part;
  if (files.status !== "ok" || files.data.truncated || !files.data.manifest) {
    return {
      part: {
        status: "unavailable",
        error: "the tarball could not be read whole, so its dependencies were not resolved",
      },
    };
  }
  const m = files.data.manifest;
  const dir = await makeTempDir("mcp-vet-pkg-");
  try {
    await writeFile(
      join(dir, "package.json"),
      JSON.stringify({
        name: m.name,
        version: m.version,
        dependencies: m.dependencies,
        optionalDependencies: m.optionalDependencies,
        peerDependencies: m.peerDependencies,
      }),
    );
    const folder: TargetSpec = {
      kind: "directory",
      spec: seed.target.spec,
      path: dir,
      standsForTarball: true,
    };
    return await dependenciesSource.collect(ctx, { ...seed, target: folder });
  } finally {
    await removeTempDir(dir);
  }
}

function seedOf(target: TargetSpec, primary: Primary, options: CollectOptions): Seed {
  const npm = primary.npm.part;
  const registryManifest = npm.status === "ok" ? npm.data.manifest : undefined;
  const publishedAt =
    npm.status === "ok"
      ? npm.data.versions.find((v) => v.version === registryManifest?.version)?.publishedAt
      : undefined;
  return {
    target,
    name: primary.name,
    ...(primary.version ? { version: primary.version } : {}),
    npm,
    manifest: installedManifest({ package: primary.files.part, npm }),
    ...(registryManifest ? { registryManifest } : {}),
    ...(publishedAt ? { publishedAt } : {}),
    ...(primary.previousManifest ? { previousManifest: primary.previousManifest } : {}),
    options,
  };
}

/**
 * One target's deadline (ctx.signal, fired by pipeline.ts at `--timeout`). Sources are handed
 * the signal and stop on it; this is the backstop for one that does not: a short grace after
 * the signal, it stops waiting and records the source as cut. A source that answers
 * `unavailable` after the signal was cut by it too, whatever error its request reported.
 */
class Deadline {
  private readonly seconds: number;
  private readonly fired: Promise<void>;

  constructor(private readonly ctx: FetchContext) {
    this.seconds = Math.round((ctx.timeoutMs ?? 0) / 1000);
    const signal = ctx.signal;
    this.fired = new Promise<void>((resolve) => {
      if (!signal) return;
      const grace = () => setTimeout(resolve, GRACE_MS).unref();
      if (signal.aborted) grace();
      else signal.addEventListener("abort", grace, { once: true });
    });
  }

  get expired(): boolean {
    return this.ctx.signal?.aborted === true;
  }

  private get error(): string {
    return this.seconds > 0 ? `cut at the ${this.seconds} s deadline` : "cut at the deadline";
  }

  /** The source's answer, or `unavailable` (cut) once the deadline and its grace have passed. */
  bound<T>(answer: Promise<Collected<T>>): Promise<Collected<T>> {
    if (!this.ctx.signal) return answer;
    const cut: Promise<Collected<T>> = this.fired.then(() => ({
      part: { status: "unavailable", error: this.error },
      cut: true,
    }));
    return Promise.race([answer.then((c) => this.mark(c)), cut]);
  }

  /** The primary sources, both cut when the deadline passed before they answered. */
  async primary(answer: Promise<Primary>, target: TargetSpec): Promise<Primary> {
    if (!this.ctx.signal) return answer;
    const cutPart = { status: "unavailable" as const, error: this.error };
    const cut = this.fired.then(
      (): Primary => ({
        name: "name" in target ? target.name : target.spec,
        npm: { part: cutPart, cut: true },
        files: { part: cutPart, cut: true },
        code: Promise.resolve({ code: cutPart, notes: [], cut: true }),
      }),
    );
    const p = await Promise.race([answer, cut]);
    return { ...p, npm: this.mark(p.npm), files: this.mark(p.files) };
  }

  /**
   * The code analysis, or cut once the deadline and its grace have passed (the worker stops its
   * job at the signal; this is the backstop). An analysis that failed after the signal was cut.
   */
  code(answer: Promise<CodeAnswer>): Promise<CodeAnswer> {
    if (!this.ctx.signal) return answer;
    const cut = (): CodeAnswer => ({
      code: { status: "unavailable", error: `${this.error} while analysing the code` },
      notes: [],
      cut: true,
    });
    const settled = answer.then((a) =>
      a.cut || (this.expired && a.code.status === "unavailable") ? { ...cut(), notes: a.notes } : a,
    );
    return Promise.race([settled, this.fired.then(cut)]);
  }

  private mark<T>(c: Collected<T>): Collected<T> {
    if (!this.expired || c.part.status !== "unavailable" || c.cut) return c;
    return { ...c, part: { status: "unavailable", error: this.error }, cut: true };
  }
}

/** How long past its deadline a source may take to notice the signal before it is cut without it. */
const GRACE_MS = 2000;

/** A source's line in the report, read off the part it produced. */
function sourceLine(id: SourceId, c: Collected<unknown>): SourceStatus {
  if (c.cut && c.part.status === "unavailable")
    return { id, status: "unavailable", url: c.url, error: c.part.error, deadline: true };
  switch (c.part.status) {
    case "ok":
      return {
        id,
        status: "ok",
        url: c.url,
        fetchedAt: c.at,
        ...(c.cached !== undefined ? { cached: c.cached } : {}),
      };
    case "unavailable":
      return { id, status: "unavailable", url: c.url, error: c.part.error };
    case "skipped":
      return { id, status: "skipped", error: c.part.reason };
  }
}

export function configPart(entry: ConfigEntryEvidence | undefined): Evidence["config"] {
  return entry
    ? { status: "ok", data: entry }
    : { status: "skipped", reason: "not started from a client config" };
}

/** Evidence for a configured server whose code mcp-vet could not read: npm and the tarball unavailable. */
export function unvettedEvidence(entry: ConfigEntryEvidence, now: string, why: string): Evidence {
  const e = configOnlyEvidence(entry, now, why);
  const missing = { status: "unavailable" as const, error: why };
  return {
    ...e,
    npm: missing,
    package: missing,
    code: missing,
    sources: [
      { id: "npm", status: "unavailable", error: why },
      { id: "tarball", status: "unavailable", error: why },
    ],
  };
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
    probe: skipped,
    sources: [],
    notes: [],
  };
}
