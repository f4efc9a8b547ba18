import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { FixtureRequest, FixtureResponse, Route } from "../fixture-server.js";
import { type Catalog, packument } from "./npm-packuments.js";

// The repository root, found from here whether this runs from test/ (vitest) or dist/ (bench).
const ROOT = (() => {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, "package.json")) || dir.endsWith("dist")) dir = dirname(dir);
  return dir;
})();
const FIXTURES = join(ROOT, "test", "fixtures", "npm");

type VersionDoc = { dist?: { tarball?: string; integrity?: string } } & Record<string, unknown>;
type Packument = { name: string; versions: Record<string, VersionDoc> } & Record<string, unknown>;

/**
 * The npm registry face: packuments at `/<name>` (scoped names as `@scope%2fname`, as npm
 * sends them) and tarballs at `/<name>/-/<file>.tgz`. Recorded packuments are served with
 * their tarball urls pointed at this server; tests can add hand-made packages.
 */
export class NpmFace {
  /**
   * The caching headers packuments carry: the public registry's (`cache-control: max-age=300`
   * and an ETag), or `none` (a mirror that sends neither: nothing to revalidate with).
   */
  caching: "registry" | "none" = "registry";
  private readonly packuments = new Map<string, Packument>();
  private readonly tarballs = new Map<string, Buffer>();

  /**
   * Loads every recorded packument and tarball under test/fixtures/npm, and the trimmed
   * packuments of recorded dependency trees (trees/*.json, by scripts/record-tree.ts) so
   * arborist resolves the same tree offline. A whole packument wins over a trimmed one.
   */
  static recorded(): NpmFace {
    const face = new NpmFace();
    for (const f of readdirSync(join(FIXTURES, "trees"))) {
      const catalog = JSON.parse(readFileSync(join(FIXTURES, "trees", f), "utf8")) as Record<
        string,
        Packument
      >;
      for (const p of Object.values(catalog)) face.merge(p);
    }
    for (const f of readdirSync(join(FIXTURES, "packuments"))) {
      const p = JSON.parse(readFileSync(join(FIXTURES, "packuments", f), "utf8")) as Packument;
      face.packuments.set(p.name, p);
    }
    for (const f of readdirSync(join(FIXTURES, "tarballs"))) {
      face.tarballs.set(f, readFileSync(join(FIXTURES, "tarballs", f)));
    }
    return face;
  }

  /** Adds (or replaces) a package; tarballs are keyed by file name (`name-1.0.0.tgz`). */
  add(packument: Packument, tarballs: Record<string, Buffer> = {}): this {
    this.packuments.set(packument.name, packument);
    for (const [file, data] of Object.entries(tarballs)) this.tarballs.set(file, data);
    return this;
  }

  /**
   * Adds the versions of `packument` that this face does not have yet, so trimmed tree
   * fixtures recorded from different packages can share a name (express 4 and express 5).
   */
  merge(packument: Packument): this {
    const have = this.packuments.get(packument.name);
    if (!have) {
      this.packuments.set(packument.name, packument);
      return this;
    }
    const time = { ...(packument.time as Record<string, string>), ...(have.time as Record<string, string>) };
    this.packuments.set(packument.name, {
      ...have,
      versions: { ...packument.versions, ...have.versions },
      time,
    });
    return this;
  }

  get(name: string): Packument | undefined {
    return this.packuments.get(name);
  }

  readonly route: Route = (req: FixtureRequest): FixtureResponse | undefined => {
    if (req.method !== "GET") return undefined;
    const tgz = /^\/(?:@[^/]+\/)?[^/]+\/-\/([^/]+\.tgz)$/.exec(req.path);
    if (tgz) {
      const data = this.tarballs.get(tgz[1]!);
      return data
        ? { status: 200, headers: { "content-type": "application/octet-stream" }, body: data }
        : undefined;
    }
    const name = req.path.slice(1);
    const packument = this.packuments.get(name);
    // Unknown here: let the face's next route answer (the server's default is a 404).
    if (!packument) return undefined;
    const body = JSON.stringify(withTarballsAt(packument, req.origin));
    if (this.caching === "none")
      return { status: 200, headers: { "content-type": "application/json" }, body };
    const etag = `"${createHash("sha1").update(body).digest("hex")}"`;
    if (req.headers["if-none-match"] === etag) return { status: 304, headers: { etag } };
    // The public registry's caching headers, so the npm cache behaves as it would for real.
    return {
      status: 200,
      headers: { "content-type": "application/json", "cache-control": "public, max-age=300", etag },
      body,
    };
  };
}

function withTarballsAt(packument: Packument, origin: string): Packument {
  const versions: Packument["versions"] = {};
  for (const [v, doc] of Object.entries(packument.versions)) {
    const tarball = doc.dist?.tarball;
    versions[v] =
      tarball && typeof doc === "object"
        ? { ...doc, dist: { ...doc.dist, tarball: tarball.replace(/^https?:\/\/[^/]+/, origin) } }
        : doc;
  }
  return { ...packument, versions };
}

/** Builds a gzipped npm-style tarball (`package/…`) from a map of files, for hand-made fixtures. */
export async function buildTarball(
  files: Record<string, string | Buffer>,
): Promise<{ data: Buffer; integrity: string }> {
  const { mkdtemp, mkdir, writeFile, rm, readFile } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const { dirname } = await import("node:path");
  const tar = await import("tar");
  const dir = await mkdtemp(join(tmpdir(), "mcp-vet-fixture-"));
  try {
    for (const [path, content] of Object.entries(files)) {
      const full = join(dir, "package", path);
      await mkdir(dirname(full), { recursive: true });
      await writeFile(full, content);
    }
    const out = join(dir, "out.tgz");
    await tar.create({ gzip: true, cwd: dir, file: out, portable: true }, ["package"]);
    const data = await readFile(out);
    return { data, integrity: `sha512-${createHash("sha512").update(data).digest("base64")}` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A minimal packument for a hand-made package whose versions are given as manifests. */
export function makePackument(
  name: string,
  versions: {
    manifest: Record<string, unknown>;
    time: string;
    tarball?: { data: Buffer; integrity: string };
  }[],
): { packument: Packument; tarballs: Record<string, Buffer> } {
  const tarballs: Record<string, Buffer> = {};
  const docs: Packument["versions"] = {};
  const time: Record<string, string> = {};
  const base = name.replace(/^@[^/]+\//, "");
  for (const v of versions) {
    const version = String(v.manifest.version);
    const file = `${base}-${version}.tgz`;
    if (v.tarball) tarballs[file] = v.tarball.data;
    docs[version] = {
      name,
      ...v.manifest,
      dist: { tarball: `http://fixture.invalid/${name}/-/${file}`, integrity: v.tarball?.integrity },
    };
    time[version] = v.time;
  }
  const times = versions.map((v) => v.time).sort();
  return {
    packument: {
      name,
      "dist-tags": { latest: String(versions.at(-1)?.manifest.version) },
      versions: docs,
      time: { created: times[0]!, modified: times.at(-1)!, ...time },
    },
    tarballs,
  };
}

/** A trimmed packument from a test catalog (see npm-packuments.ts), ready for NpmFace.merge. */
export function packumentFromCatalog(name: string, versions: Catalog[string]): Packument {
  return packument("http://fixture.invalid", name, versions) as Packument;
}
