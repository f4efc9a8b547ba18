import {
  type ConfigEntryEvidence,
  EVIDENCE_VERSION,
  type Evidence,
  installedManifest,
  type SourceId,
  type SourceStatus,
} from "../evidence/index.js";
import type { FetchContext } from "./context.js";
import { collectPrimary, type Primary } from "./primary.js";
import { answered, type Collected, type CollectOptions, type Seed } from "./source.js";
import { dependenciesSource } from "./sources/deps/index.js";
import { githubSource } from "./sources/github/index.js";
import { mcpRegistrySource } from "./sources/mcp-registry.js";
import { osvSource } from "./sources/osv/index.js";
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
  const primary = await collectPrimary(ctx, target, options);
  const seed = seedOf(target, primary, options);
  const tree = dependenciesSource.collect(ctx, seed);
  const [github, dependencies, advisories, provenance, mcpRegistry, previous, code, probe] =
    await Promise.all([
      answered(githubSource.collect(ctx, { ...seed, ...(primary.github ? { github: primary.github } : {}) })),
      answered(tree),
      answered(tree.then((d) => osvSource.collect(ctx, { ...seed, dependencies: d.part }))),
      answered(provenanceSource.collect(ctx, seed)),
      answered(mcpRegistrySource.collect(ctx, seed)),
      previousSource.collect(ctx, { ...seed, codeSummary: primary.code.then((c) => c.summary) }),
      // The analysis has run off the main thread all along.
      primary.code,
      // After the tree (the install reads the packuments it fetched from the cache) and the analysis.
      answered(
        Promise.all([tree, primary.code]).then(([, c]) =>
          probeSource.collect(ctx, { ...seed, code: c.code }),
        ),
      ),
    ]);
  // The report's order of sources; the previous version's tarball feeds a part, not a line.
  const listed: [SourceId, Collected<unknown>][] = [
    ["npm", primary.npm],
    ["tarball", primary.files],
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
    package: primary.files.part,
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

/** A source's line in the report, read off the part it produced. */
function sourceLine(id: SourceId, c: Collected<unknown>): SourceStatus {
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
