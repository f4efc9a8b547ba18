import { INSTALL_HOOKS, type PreviousVersion } from "../../evidence/index.js";
import type { FetchContext } from "../context.js";
import { type Collected, registryOnly, type Seed, type Source } from "../source.js";
import { readPackageCode } from "./package-code.js";
import { registryUrlsFor } from "./tarball.js";

/**
 * The release the one under vet follows (its semver predecessor), analysed the same way and summarised,
 * so a heuristic can see what a release added: the shape of an account takeover is a
 * quiet release that suddenly runs install scripts or reaches for the shell and the network.
 */
export const previousSource: Source<PreviousVersion> = {
  id: "previous",
  async collect(ctx: FetchContext, seed: Seed): Promise<Collected<PreviousVersion>> {
    if (!seed.registryManifest) return registryOnly(seed.npm, "not a registry package");
    const previous = seed.previousManifest;
    if (!previous) return { part: { status: "skipped", reason: "no earlier version" } };
    const dist = previous.dist;
    if (!dist?.tarball)
      return { part: { status: "unavailable", error: `no tarball url for ${previous.version}` } };
    const read = await readPackageCode(ctx, {
      spec: dist.tarball,
      integrity: dist.integrity,
      where: dist.tarball,
      registries: registryUrlsFor(ctx, previous.name || seed.name),
    });
    const files = read.files.part;
    if (files.status !== "ok" || read.code.status !== "ok") {
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
          capabilities: read.code.data.capabilities.map((c) => ({ id: c.id, count: c.count })),
          tools: read.code.data.tools.map((t) => ({ name: t.name, hash: t.hash })),
          dependencies: Object.keys(manifest.dependencies).sort(),
        },
      },
    };
  },
};
