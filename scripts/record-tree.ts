/**
 * Records the packuments of a package's whole production tree from the configured registry,
 * trimmed to the versions the tree resolves to (plus each package's latest), as one fixture
 * file the fixture registry serves, so arborist resolves the same tree offline:
 *   node dist/scripts/record-tree.js <name@version>
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Arborist from "@npmcli/arborist";
import npmFetch from "npm-registry-fetch";
import { loadRegistryConfig } from "../src/collect/npm-config.js";

const OUT = join(import.meta.dirname, "..", "..", "test", "fixtures", "npm", "trees");
const KEEP = [
  "name",
  "version",
  "dependencies",
  "optionalDependencies",
  "peerDependencies",
  "peerDependenciesMeta",
  "bin",
  "engines",
  "os",
  "cpu",
  "license",
  "deprecated",
  "scripts",
  "hasInstallScript",
  "gypfile",
  "binary",
  "dist",
  "repository",
];

async function main(): Promise<void> {
  const spec = process.argv[2];
  if (!spec) throw new Error("usage: record-tree <name@version>");
  const reg = await loadRegistryConfig({
    cachePath: join(tmpdir(), "mcp-vet-record-cache"),
    offline: false,
    refresh: false,
  });
  const dir = await mkdtemp(join(tmpdir(), "mcp-vet-record-"));
  try {
    await writeFile(
      join(dir, "package.json"),
      JSON.stringify({ name: "record-root", version: "0.0.0", dependencies: {} }),
    );
    const arb = new Arborist({ ...reg.npmOptions, path: dir });
    const tree = await arb.buildIdealTree({ add: [spec], saveType: "prod" });
    const wanted = new Map<string, Set<string>>();
    for (const node of tree.inventory.values()) {
      const version = node.package.version;
      if (node.isRoot || typeof version !== "string") continue;
      const set = wanted.get(node.packageName) ?? new Set<string>();
      set.add(version);
      wanted.set(node.packageName, set);
    }
    const catalog: Record<string, unknown> = {};
    for (const [name, versions] of [...wanted].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const p = (await npmFetch.json(`/${name.replace("/", "%2f")}`, {
        ...reg.npmOptions,
        headers: { accept: "application/json" },
      } as npmFetch.Options)) as {
        "dist-tags": Record<string, string>;
        versions: Record<string, Record<string, unknown>>;
        time?: Record<string, string>;
      };
      const keep = new Set(
        [...versions, p["dist-tags"].latest].filter((v): v is string => !!v && !!p.versions[v]),
      );
      const docs: Record<string, unknown> = {};
      const time: Record<string, string> = {};
      if (p.time?.created) time.created = p.time.created;
      if (p.time?.modified) time.modified = p.time.modified;
      for (const v of keep) {
        docs[v] = Object.fromEntries(
          KEEP.filter((k) => p.versions[v]![k] !== undefined).map((k) => [k, p.versions[v]![k]]),
        );
        if (p.time?.[v]) time[v] = p.time[v];
      }
      catalog[name] = { name, "dist-tags": { latest: p["dist-tags"].latest }, versions: docs, time };
    }
    const file = join(OUT, `${spec.replace("/", "__").replace(/@(?=[^@]*$)/, "@")}.json`);
    const { mkdir } = await import("node:fs/promises");
    await mkdir(OUT, { recursive: true });
    await writeFile(file, `${JSON.stringify(catalog)}\n`);
    console.log(`recorded ${wanted.size} packuments for ${spec} in ${file}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error(String(err));
    process.exitCode = 1;
  });
}
