import type { DependencyTree } from "../../../evidence/deps.js";
import type { FetchContext } from "../../context.js";
import type { Collected, Seed, Source } from "../../source.js";
import { fetchDependencyTree } from "./tree.js";

/**
 * The dependency tree npm would install: an arborist ideal tree, resolved in a private temp
 * folder from the registry's packuments, without running anything.
 */
export const dependenciesSource: Source<DependencyTree> = {
  id: "dependencies",
  async collect(ctx: FetchContext, seed: Seed): Promise<Collected<DependencyTree>> {
    if (!seed.version)
      return { part: { status: "unavailable", error: "the package's version could not be read" } };
    if (seed.options.noDeps) return { part: { status: "skipped", reason: "--no-deps" } };
    const progress = seed.options.progress;
    progress?.({ phase: "tree" });
    const part = await fetchDependencyTree(ctx, treeSpec(seed), {
      includeDev: seed.options.includeDev === true,
      refuseLocalDependencies: seed.target.kind === "directory" && seed.target.standsForTarball === true,
    });
    if (part.status === "ok") progress?.({ phase: "tree", packages: part.data.counts.total });
    return { part, url: ctx.registry.url };
  },
};

/** What npm would install: the local folder or tarball itself, else the resolved version. */
function treeSpec(seed: Seed): string {
  const t = seed.target;
  return t.kind === "directory" || t.kind === "tarball" ? `file:${t.path}` : `${seed.name}@${seed.version}`;
}
