/**
 * The world the malicious cases are vetted in: a loopback fixture server playing the npm
 * registry (each case packed from its folder as npm would publish it, with the registry
 * history its label gives: ages, maintainers, earlier versions), GitHub (the repository each
 * package names, healthy, young or missing), OSV (no advisories: these are unknown packages)
 * and the MCP registry (the official servers impostors copy). The packages are never run.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import Arborist from "@npmcli/arborist";
import pacote from "pacote";
import { list as tarList } from "tar";
import { GitHubFixture, healthyRepo } from "../test/support/faces/github.js";
import { mcpRegistryFace } from "../test/support/faces/mcp-registry.js";
import { buildTarball, NpmFace, packumentFromCatalog } from "../test/support/faces/npm.js";
import { osvFace } from "../test/support/faces/osv.js";
import { FixtureServer } from "../test/support/fixture-server.js";
import {
  casePackageJson,
  githubRepoOf,
  MALICIOUS_DIR,
  type MaliciousCase,
  type MaliciousFile,
  PREVIOUS_DIR,
} from "./accuracy-labels.js";

const DAY = 86_400_000;

export interface MaliciousWorld {
  server: FixtureServer;
  /** `name@version` to vet, by case id. */
  specs: Map<string, string>;
  stop(): Promise<void>;
}

export async function startMaliciousWorld(
  labels: MaliciousFile,
  cases: MaliciousCase[],
  packCache: string,
): Promise<MaliciousWorld> {
  const npm = NpmFace.recorded();
  for (const [name, versions] of Object.entries(labels.catalog))
    npm.merge(packumentFromCatalog(name, versions));
  const github = new GitHubFixture();
  const server = new FixtureServer()
    .face("", npm.route)
    .face("/github", github.route)
    .face("/osv", osvFace([]))
    .face("/mcp-registry", mcpRegistryFace(labels.mcpRegistry));
  await server.start();
  const now = Date.parse(labels.now);
  const specs = new Map<string, string>();
  try {
    for (const c of cases) {
      const manifest = casePackageJson(c.id);
      const { packument, tarballs } = await casePackument(c, now, packCache);
      npm.add(packument, tarballs);
      specs.set(c.id, `${manifest.name}@${manifest.version}`);
      const repo = githubRepoOf(manifest.repository);
      if (repo && c.github.state !== "missing") github.add(caseRepo(c, repo, manifest.name, now));
    }
  } catch (e) {
    await server.stop();
    throw e;
  }
  return { server, specs, stop: () => server.stop() };
}

/** Files of a package as `npm pack` would publish them (package.json `files`, .npmignore, bundled deps). */
async function packFolder(dir: string, cache: string): Promise<Record<string, Buffer>> {
  const tgz = await pacote.tarball(`file:${dir}`, { ignoreScripts: true, cache, Arborist });
  const files: Record<string, Buffer> = {};
  const { Readable } = await import("node:stream");
  await new Promise<void>((resolve, reject) => {
    const parser = tarList({
      onReadEntry: (entry) => {
        const chunks: Buffer[] = [];
        entry.on("data", (c: Buffer) => chunks.push(c));
        entry.on("end", () => {
          if (entry.type === "File") files[entry.path.replace(/^package\//, "")] = Buffer.concat(chunks);
        });
      },
    });
    parser.on("end", resolve);
    parser.on("error", reject);
    Readable.from(tgz).pipe(parser);
  });
  return files;
}

function renumber(files: Record<string, Buffer>, version: string): Record<string, Buffer> {
  const manifest = JSON.parse(files["package.json"]!.toString("utf8")) as Record<string, unknown>;
  return { ...files, "package.json": Buffer.from(`${JSON.stringify({ ...manifest, version }, null, 2)}\n`) };
}

async function casePackument(c: MaliciousCase, now: number, cache: string) {
  const current = await packFolder(join(MALICIOUS_DIR, c.id), cache);
  const manifest = JSON.parse(current["package.json"]!.toString("utf8")) as Record<string, unknown>;
  const name = String(manifest.name);
  const publisher = c.registry.publisher ?? c.registry.maintainers[0]!;
  const versions: { manifest: Record<string, unknown>; time: string; files: Record<string, Buffer> }[] = [];
  for (const h of c.registry.history) {
    const files = h.from ? await packFolder(join(PREVIOUS_DIR, h.from), cache) : renumber(current, h.version);
    const m = JSON.parse(files["package.json"]!.toString("utf8")) as Record<string, unknown>;
    versions.push({ manifest: { ...m, version: h.version }, time: iso(now - h.ageDays * DAY), files });
  }
  versions.push({ manifest, time: iso(now - c.registry.ageDays * DAY), files: current });

  const base = name.replace(/^@[^/]+\//, "");
  const docs: Record<string, unknown> = {};
  const time: Record<string, string> = {};
  const tarballs: Record<string, Buffer> = {};
  for (const v of versions) {
    const version = String(v.manifest.version);
    const t = await buildTarball(v.files);
    const file = `${base}-${version}.tgz`;
    tarballs[file] = t.data;
    const { scripts } = v.manifest as { scripts?: Record<string, string> };
    const hasInstallScript = ["preinstall", "install", "postinstall"].some((k) => scripts?.[k] !== undefined);
    docs[version] = {
      ...v.manifest,
      name,
      version,
      _id: `${name}@${version}`,
      ...(hasInstallScript ? { hasInstallScript: true } : {}),
      _npmUser: publisher,
      maintainers: c.registry.maintainers,
      dist: {
        tarball: `http://fixture.invalid/${name}/-/${file}`,
        integrity: t.integrity,
        fileCount: Object.keys(v.files).length,
      },
    };
    time[version] = v.time;
  }
  const times = versions.map((v) => v.time).sort();
  const packument = {
    _id: name,
    name,
    description: manifest.description,
    "dist-tags": { latest: String(manifest.version) },
    versions: docs,
    time: { created: times[0]!, modified: times.at(-1)!, ...time },
    maintainers: c.registry.maintainers,
    repository: manifest.repository,
    license: manifest.license,
    readme: current["README.md"]?.toString("utf8") ?? "",
  };
  return { packument: packument as Parameters<NpmFace["add"]>[0], tarballs };
}

/** The repository as GitHub would answer it: its files are the case folder's (the source, not the build). */
function caseRepo(c: MaliciousCase, repo: { owner: string; name: string }, packageName: string, now: number) {
  const dir = join(MALICIOUS_DIR, c.id);
  const files: Record<string, string> = {};
  for (const path of walk(dir)) files[relative(dir, path).split("\\").join("/")] = "";
  files["package.json"] = JSON.stringify({ name: packageName });
  const created = c.github.createdDaysAgo ?? (c.github.state === "young" ? 20 : 500);
  const base = healthyRepo(repo.owner, repo.name, packageName, { files });
  const record = {
    created_at: iso(now - created * DAY).replace(".000", ""),
    ownerType: c.github.ownerType,
  };
  if (c.github.state === "young") {
    // A new repository: a few commits by one person since it was created, no releases.
    const commits = (base.commits ?? [])
      .filter((x) => Date.parse(x.date) >= now - created * DAY)
      .slice(0, 12);
    return {
      ...base,
      record,
      commits,
      contributors: [{ login: repo.owner, contributions: commits.length }],
      releases: [],
    };
  }
  return { ...base, record };
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry !== "node_modules" && entry !== "dist") out.push(...walk(full));
    } else out.push(full);
  }
  return out;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
