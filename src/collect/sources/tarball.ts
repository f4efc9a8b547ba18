import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import type pacote from "pacote";
import { Parser, type ReadEntry } from "tar";
import type { PackageFile, PackageFiles, Part } from "../../evidence/index.js";
import type { FetchContext } from "../context.js";
import { toManifest } from "../manifest.js";
import { errorLine, readCapped, sourceError } from "../util.js";

/**
 * Caps on what a tarball may make us hold. The package is hostile: a zip bomb or a million
 * tiny entries must cost a finding, not the machine.
 */
export const TARBALL_LIMITS = {
  compressedBytes: 64 * 1024 * 1024,
  unpackedBytes: 256 * 1024 * 1024,
  entries: 20_000,
  /** Larger files are listed but their contents are not read. */
  entryBytes: 32 * 1024 * 1024,
  readmeChars: 16 * 1024,
  packageJsonBytes: 1024 * 1024,
};

/** A file's contents, kept in memory for the analysers; never part of the evidence. */
export interface FileContent {
  path: string;
  content: Buffer;
}

export interface TarballResult {
  part: Part<PackageFiles>;
  /** sha512 of the bytes analysed, as an ssri string. */
  integrity?: string;
  contents: FileContent[];
  notes: string[];
  url?: string;
}

/**
 * Fetches a tarball with pacote (registry url, local .tgz or folder — a folder is packed as
 * `npm pack` would, scripts off), with the integrity checked when one is known, and reads its
 * entries in memory. Nothing is written to disk and nothing of the package runs.
 */
export async function fetchTarball(
  ctx: FetchContext,
  source: { spec: string; integrity?: string; where: string; directory?: boolean },
): Promise<TarballResult> {
  let compressed: Buffer;
  try {
    // Packing a folder needs arborist to read its tree (bundled deps); loaded only then.
    const Arborist = source.directory ? (await import("@npmcli/arborist")).default : undefined;
    // pacote loads sigstore and much else: on first use, not at start-up.
    const { default: pacote } = await import("pacote");
    compressed = await pacote.tarball.stream(
      source.spec,
      (stream) => readCapped(stream, TARBALL_LIMITS.compressedBytes, "tarball"),
      {
        ...ctx.registry.npmOptions,
        integrity: source.integrity,
        ignoreScripts: true,
        Arborist,
      } as pacote.Options,
    );
  } catch (err) {
    return failed(sourceError(err, ctx.offline), source.where);
  }
  const integrity = `sha512-${createHash("sha512").update(compressed).digest("base64")}`;
  try {
    const read = await readTarball(compressed);
    return { ...read, integrity, url: source.where };
  } catch (err) {
    return failed(`the tarball could not be read: ${errorLine(err)}`, source.where);
  }
}

function failed(error: string, where: string): TarballResult {
  return { part: { status: "unavailable", error }, contents: [], notes: [], url: where };
}

/** Lists and reads a gzipped tar in memory, within TARBALL_LIMITS. Throws on a corrupt archive. */
export async function readTarball(compressed: Buffer): Promise<Omit<TarballResult, "integrity" | "url">> {
  let tar: Buffer;
  try {
    tar = gunzipSync(compressed, { maxOutputLength: TARBALL_LIMITS.unpackedBytes });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "ERR_BUFFER_TOO_LARGE") {
      throw new Error(`unpacks to more than ${TARBALL_LIMITS.unpackedBytes / 1024 / 1024} MB`);
    }
    throw new Error("not a gzip archive");
  }

  const files: PackageFile[] = [];
  const contents: FileContent[] = [];
  const notes: string[] = [];
  let truncated: string | undefined;
  let totalSize = 0;
  let badEntries = 0;

  const parser = new Parser({
    strict: false,
    onwarn: (_code: string, message: string | Error) => {
      badEntries++;
      if (badEntries <= 3)
        notes.push(`tarball: ${String(message instanceof Error ? message.message : message).slice(0, 200)}`);
    },
    onReadEntry: (entry: ReadEntry) => {
      const path = packagePath(entry.path);
      if (files.length >= TARBALL_LIMITS.entries) {
        truncated ??= `more than ${TARBALL_LIMITS.entries} entries; the rest were not listed`;
        entry.resume();
        return;
      }
      if (entry.type !== "File" && entry.type !== "OldFile" && entry.type !== "ContiguousFile") {
        // Links are never followed; a package has no reason to ship one.
        if (entry.type === "SymbolicLink" || entry.type === "Link")
          notes.push(`tarball: link entry ${path} skipped`);
        entry.resume();
        return;
      }
      if (path === undefined) {
        notes.push(`tarball: entry with an unsafe path skipped (${entry.path.slice(0, 100)})`);
        entry.resume();
        return;
      }
      const executable = ((entry.mode ?? 0) & 0o111) !== 0;
      files.push({ path, size: entry.size, ...(executable ? { executable } : {}) });
      totalSize += entry.size;
      if (entry.size > TARBALL_LIMITS.entryBytes) {
        notes.push(`tarball: ${path} (${entry.size} bytes) is too large to analyse`);
        entry.resume();
        return;
      }
      const chunks: Buffer[] = [];
      entry.on("data", (c: Buffer) => chunks.push(c));
      entry.on("end", () => contents.push({ path, content: Buffer.concat(chunks) }));
    },
  });
  await new Promise<void>((resolve, reject) => {
    parser.on("end", () => resolve());
    parser.on("error", reject);
    parser.end(tar);
  });
  if (files.length === 0) throw new Error("no files in the archive");

  const byPath = new Map(contents.map((c) => [c.path, c.content]));
  const pkgJson = byPath.get("package.json");
  let manifest: PackageFiles["manifest"];
  if (!pkgJson) notes.push("tarball: no package.json at the package root");
  else if (pkgJson.length > TARBALL_LIMITS.packageJsonBytes)
    notes.push("tarball: package.json is absurdly large; ignored");
  else {
    try {
      manifest = toManifest(JSON.parse(pkgJson.toString("utf8")), notes, "package.json in the tarball");
    } catch {
      notes.push("tarball: package.json is not valid JSON");
    }
  }
  const readmePath = files.find((f) => /^readme(\.(md|markdown|txt|rst))?$/i.test(f.path))?.path;
  const readmeBytes = readmePath ? byPath.get(readmePath) : undefined;
  const readme = readmeBytes
    ?.subarray(0, TARBALL_LIMITS.readmeChars * 4)
    .toString("utf8")
    .slice(0, TARBALL_LIMITS.readmeChars);

  // Code-unit order: the same on every machine, whatever its locale.
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    part: { status: "ok", data: { files, totalSize, manifest, readme, ...(truncated ? { truncated } : {}) } },
    contents,
    notes,
  };
}

/**
 * The path inside the package: npm tarballs put everything under one top folder (usually
 * `package/`, not always), which is dropped. Absolute paths and `..` are refused.
 */
function packagePath(entryPath: string): string | undefined {
  const parts = entryPath
    .replace(/\\/g, "/")
    .split("/")
    .filter((p) => p !== "" && p !== ".");
  if (entryPath.startsWith("/") || parts.includes("..")) return undefined;
  parts.shift();
  return parts.length ? parts.join("/") : undefined;
}
