import { createHash } from "node:crypto";
import { INSTALL_HOOKS, type Manifest, type PreviousVersion } from "../../evidence/index.js";
import { summariseOffThread } from "../code-pool.js";
import type { CodeSummary } from "../code-read.js";
import type { FetchContext } from "../context.js";
import { type Collected, registryOnly, type Seed, type Source } from "../source.js";
import { analysisKey, readPackageCode, type Stored } from "./package-code.js";
import { fetchTarball, registryUrlsFor } from "./tarball.js";

export interface PreviousSeed extends Seed {
  /** What the version under vet gives to compare with; settles with its analysis. */
  codeSummary?: Promise<CodeSummary | undefined>;
}

/**
 * The release the one under vet follows (its semver predecessor), summarised, so a heuristic
 * can see what a release added: the shape of an account takeover is a quiet release that
 * suddenly runs install scripts or reaches for the shell and the network. Its stored analysis
 * is used when there is one (it was vetted before); else a summary compared like with like
 * with the version under vet (see summariseVersion): not a second full parse.
 */
export const previousSource: Source<PreviousVersion, PreviousSeed> = {
  id: "previous",
  async collect(ctx: FetchContext, seed: PreviousSeed): Promise<Collected<PreviousVersion>> {
    if (!seed.registryManifest) return registryOnly(seed.npm, "not a registry package");
    const previous = seed.previousManifest;
    if (!previous) return { part: { status: "skipped", reason: "no earlier version" } };
    const dist = previous.dist;
    if (!dist?.tarball)
      return { part: { status: "unavailable", error: `no tarball url for ${previous.version}` } };
    const stored =
      dist.integrity && !ctx.refresh
        ? await ctx.store.get<Stored>("evidence", analysisKey(dist.integrity))
        : undefined;
    const base = stored ? undefined : await seed.codeSummary;
    if (!stored && base && dist.integrity)
      return summarised(ctx, previous, dist.tarball, dist.integrity, base);
    // Stored, or nothing to compare a summary with: the analysis (from the store, or whole).
    const read = await readPackageCode(ctx, {
      spec: dist.tarball,
      integrity: dist.integrity,
      where: dist.tarball,
      registries: registryUrlsFor(ctx, previous.name || seed.name),
    });
    const files = read.files.part;
    const { code } = await read.code;
    if (files.status !== "ok" || code.status !== "ok") {
      const why = files.status === "unavailable" ? files.error : "not analysed";
      return { part: { status: "unavailable", error: `${previous.version}: ${why}` } };
    }
    const manifest = files.data.manifest ?? previous;
    return {
      part: {
        status: "ok",
        data: {
          version: previous.version,
          installScripts: INSTALL_HOOKS.filter((h) => manifest.scripts[h] !== undefined),
          capabilities: code.data.capabilities.map((c) => ({ id: c.id, count: c.count })),
          tools: code.data.tools.map((t) => ({ name: t.name, hash: t.hash })),
          dependencies: Object.keys(manifest.dependencies).sort(),
          read: "analysis",
        },
      },
    };
  },
};

/** The summary of the previous version against the version under vet, stored by both tarballs. */
async function summarised(
  ctx: FetchContext,
  previous: Manifest,
  tarball: string,
  integrity: string,
  base: CodeSummary,
): Promise<Collected<PreviousVersion>> {
  const key = `previous:${analysisKey(integrity)}:${digestOf(base)}`;
  const hit = await ctx.store.get<PreviousVersion>("evidence", key);
  if (hit && Array.isArray(hit.capabilities) && hit.version === previous.version)
    return { part: { status: "ok", data: hit } };
  const registries = registryUrlsFor(ctx, previous.name);
  const res = await fetchTarball(ctx, { spec: tarball, integrity, where: tarball, registries }, ctx.signal);
  if (res.part.status !== "ok") {
    const why = res.part.status === "unavailable" ? res.part.error : res.part.reason;
    return { part: { status: "unavailable", error: `${previous.version}: ${why}` } };
  }
  const manifest = res.part.data.manifest ?? previous;
  let summary: Awaited<ReturnType<typeof summariseOffThread>>;
  try {
    summary = await summariseOffThread(res.contents, res.part.data.manifest, base, ctx.signal);
  } catch (err) {
    return {
      part: {
        status: "unavailable",
        error: `${previous.version}: ${err instanceof Error ? err.message : "not read"}`,
      },
    };
  }
  const data: PreviousVersion = {
    version: previous.version,
    installScripts: INSTALL_HOOKS.filter((h) => manifest.scripts[h] !== undefined),
    capabilities: summary.capabilities,
    tools: summary.tools,
    dependencies: Object.keys(manifest.dependencies).sort(),
    read: "summary",
    compareWith: base.capabilities,
  };
  // Past the deadline the run is ending: nothing half-done goes into the cache.
  if (!ctx.signal?.aborted) await ctx.store.put("evidence", key, data);
  return { part: { status: "ok", data } };
}

/** A stable name for the summary compared with: a collision would serve another base's summary. */
function digestOf(base: CodeSummary): string {
  return createHash("sha256").update(JSON.stringify(base)).digest("hex").slice(0, 32);
}
