import npa from "npm-package-arg";
import pLimit from "p-limit";
import pacote from "pacote";

/** Requests in flight while warming; npm's own default for sockets per host is 15+. */
const CONCURRENCY = 16;
/** A tree past this many distinct specs is left to arborist alone. */
const MAX_SPECS = 5000;

/**
 * Warms `packumentCache` (the Map arborist and pacote share) by walking the likely tree
 * breadth-first with many requests in flight. Arborist resolves one node at a time, so on a
 * registry with round-trip latency it waits once per package; after this it reads memory.
 * Best effort: any failure is left for arborist to meet and report, and a package picked here
 * that arborist does not pick only costs one extra packument.
 */
export async function prefetchPackuments(
  dependencies: Record<string, string>,
  npmOptions: Record<string, unknown>,
): Promise<void> {
  const limit = pLimit(CONCURRENCY);
  const seen = new Set<string>();
  const pending: Promise<void>[] = [];
  const visit = (name: string, range: string) => {
    const key = `${name}@${range}`;
    if (seen.has(key) || seen.size >= MAX_SPECS) return;
    seen.add(key);
    pending.push(
      limit(async () => {
        let spec: npa.Result;
        try {
          spec = npa.resolve(name, range);
        } catch {
          return;
        }
        if (!spec.registry) return; // git, file and url deps are arborist's to fetch
        const mani = await pacote
          .manifest(spec.raw, { ...npmOptions, fullMetadata: true })
          .catch(() => undefined);
        if (!mani) return;
        for (const deps of [mani.dependencies, mani.optionalDependencies, mani.peerDependencies]) {
          for (const [n, r] of Object.entries(deps ?? {})) if (typeof r === "string") visit(n, r);
        }
      }),
    );
  };
  for (const [name, range] of Object.entries(dependencies)) visit(name, range);
  // Tasks add tasks: wait until a pass ends with nothing new queued.
  let done = 0;
  while (done < pending.length) {
    const batch = pending.slice(done);
    done = pending.length;
    await Promise.all(batch);
  }
}
