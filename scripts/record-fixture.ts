/**
 * Records real packuments and tarballs from the configured npm registry as test fixtures:
 *   node dist/scripts/record-fixture.js <name> [version ...]
 * The packument is stored whole (its versions' metadata is what the heuristics read); only
 * the named versions' tarballs are stored, to keep the fixtures small.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import npmFetch from "npm-registry-fetch";
import { loadRegistryConfig } from "../src/collect/npm-config.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "test", "fixtures", "npm");

export function packumentFile(name: string): string {
  return `${name.replace("/", "__")}.json`;
}

async function main(): Promise<void> {
  const [name, ...versions] = process.argv.slice(2);
  if (!name) throw new Error("usage: record-fixture <name> [version ...]");
  const reg = await loadRegistryConfig({
    cachePath: join(FIXTURES, ".cache"),
    offline: false,
    refresh: true,
  });
  const opts = {
    ...reg.npmOptions,
    headers: { accept: "application/json" },
    cache: undefined,
  } as npmFetch.Options;
  const packument = (await npmFetch.json(`/${name.replace("/", "%2f")}`, opts)) as {
    versions: Record<string, { dist?: { tarball?: string } }>;
  };
  await mkdir(join(FIXTURES, "packuments"), { recursive: true });
  await mkdir(join(FIXTURES, "tarballs"), { recursive: true });
  await writeFile(
    join(FIXTURES, "packuments", packumentFile(name)),
    `${JSON.stringify(packument, null, 1)}\n`,
  );
  for (const v of versions) {
    const url = packument.versions[v]?.dist?.tarball;
    if (!url) throw new Error(`${name}@${v}: no such version in the registry`);
    const res = await npmFetch(url, opts);
    await writeFile(join(FIXTURES, "tarballs", basename(new URL(url).pathname)), await res.buffer());
    console.log(`recorded ${name}@${v}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error(String(err));
    process.exitCode = 1;
  });
}
