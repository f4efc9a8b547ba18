import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import npmFetch from "npm-registry-fetch";
import type pacote from "pacote";
import { Parser, type ReadEntry } from "tar";
import type { PackageFile, PackageFiles, Part } from "../../evidence/index.js";
import type { FetchContext } from "../context.js";
import { toManifest } from "../manifest.js";
import { errorLine, sourceError } from "../util.js";

/**
 * Caps on what a tarball may make us hold. The package is hostile: a zip bomb, a million
 * tiny entries or seven 30 MB bundles must cost a finding, not the machine.
 */
export const TARBALL_LIMITS = {
  compressedBytes: 64 * 1024 * 1024,
  unpackedBytes: 256 * 1024 * 1024,
  entries: 20_000,
  /** Larger files are listed but their contents are not read (and are named as not read). */
  entryBytes: 32 * 1024 * 1024,
  /**
   * Code read for analysis, all files together. Past it, files are listed and named as not
   * read: the verdict cannot vouch for them. The largest real MCP servers ship well under it.
   */
  codeBytes: 96 * 1024 * 1024,
  readmeChars: 16 * 1024,
  /** npm reads any package.json; one larger than this cannot be vouched for and is named as not read. */
  packageJsonBytes: 8 * 1024 * 1024,
  /** Notes kept per tarball; the rest are counted. */
  notes: 20,
  /** Files named as not read; the rest are counted. */
  notRead: 50,
};

/** A file's contents, kept in memory for the analysers; never part of the evidence. */
export interface FileContent {
  path: string;
  content: Buffer;
}

export interface TarballResult {
  part: Part<PackageFiles>;
  /** sha512 of the bytes read, as an ssri string. */
  integrity?: string;
  /** Code files, package.json and the README: the only contents kept. */
  contents: FileContent[];
  notes: string[];
  url?: string;
}

/** Where a tarball comes from: a registry url (with its integrity), a local .tgz, or a folder to pack. */
export interface TarballSource {
  spec: string;
  integrity?: string;
  /** Shown in the report: the url or the path as given. */
  where: string;
  directory?: boolean;
  /** A local .tgz or folder the user named; anything else must be an allowed url. */
  local?: boolean;
  /** Registries whose origin a plain-http url may have (default: the configured one). */
  registries?: string[];
}

/**
 * Why a tarball url from a registry (or a client config) will not be fetched, or undefined
 * when it may be: `https:`, or `http:` to the registry mcp-vet is configured with. A
 * registry's `dist.tarball` is its own text: `file:/etc/x.tgz` would read a local file into
 * the report and `git+http://host/x.git` would have pacote start git against that host.
 */
export function tarballUrlRefusal(url: string, registryUrls: readonly string[]): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "not a url";
  }
  if (u.protocol === "https:") return undefined;
  if (u.protocol === "http:") {
    const allowed = registryUrls.some((r) => {
      try {
        return new URL(r).origin === u.origin;
      } catch {
        return false;
      }
    });
    return allowed ? undefined : "plain http to a host other than the configured registry";
  }
  return `a ${u.protocol.replace(/:$/, "")}: url, not https`;
}

/** The registries a package's tarball may come from over plain http: the one its name maps to. */
export function registryUrlsFor(ctx: FetchContext, name: string): string[] {
  const urls = [ctx.registry.url];
  try {
    urls.push(npmFetch.pickRegistry(name, ctx.registry.npmOptions as npmFetch.Options));
  } catch {
    // An unparsable name has no scoped registry.
  }
  return urls;
}

/**
 * Fetches a tarball with pacote (registry url, local .tgz or folder — a folder is packed as
 * `npm pack` would, scripts off), with the integrity checked when one is known, and reads it
 * as it streams in: gunzip into tar, keeping only code, package.json and the README. Nothing
 * is written to disk and nothing of the package runs.
 */
export async function fetchTarball(
  ctx: FetchContext,
  source: TarballSource,
  signal?: AbortSignal,
): Promise<TarballResult> {
  if (!source.local) {
    const refused = tarballUrlRefusal(source.spec, source.registries ?? [ctx.registry.url]);
    if (refused) return failed(`tarball url refused (${refused}); it was not fetched`, source.where);
  }
  let read: Awaited<ReturnType<typeof readTarballStream>> | undefined;
  try {
    // Packing a folder needs arborist to read its tree (bundled deps); loaded only then.
    const Arborist = source.directory ? (await import("@npmcli/arborist")).default : undefined;
    // pacote loads sigstore and much else: on first use, not at start-up.
    const { default: pacote } = await import("pacote");
    await pacote.tarball.stream(
      source.spec,
      async (stream) => {
        read = await readTarballStream(stream as unknown as Readable, signal);
      },
      {
        ...ctx.registry.npmOptions,
        integrity: source.integrity,
        ignoreScripts: true,
        Arborist,
        ...(signal ? { signal } : {}),
      } as pacote.Options,
    );
  } catch (err) {
    if (signal?.aborted) return failed("cut at the deadline while reading the tarball", source.where);
    const e = err as { tarball?: boolean };
    if (e.tarball) return failed(`the tarball could not be read: ${errorLine(err)}`, source.where);
    return failed(sourceError(err, ctx.offline), source.where);
  }
  if (!read) return failed("the tarball could not be read", source.where);
  return { ...read.result, integrity: read.integrity, url: source.where };
}

/**
 * Downloads a tarball url (already checked with tarballUrlRefusal) to `file`, within the
 * compressed cap, for vetting as a local tarball. Returns why it failed, or undefined.
 */
export async function downloadTarball(
  ctx: FetchContext,
  url: string,
  file: string,
): Promise<string | undefined> {
  const refused = tarballUrlRefusal(url, [ctx.registry.url]);
  if (refused) return refused;
  try {
    const { default: pacote } = await import("pacote");
    await pacote.tarball.stream(
      url,
      (stream) =>
        new Promise<void>((resolve, reject) => {
          const out = createWriteStream(file, { mode: 0o600 });
          let size = 0;
          stream.on("data", (c: Buffer) => {
            size += c.length;
            if (size > TARBALL_LIMITS.compressedBytes) {
              (stream as unknown as Readable).destroy();
              out.destroy();
              reject(new Error(`larger than ${mb(TARBALL_LIMITS.compressedBytes)}`));
              return;
            }
            if (!out.write(c)) (stream as unknown as Readable).pause();
          });
          out.on("drain", () => (stream as unknown as Readable).resume());
          stream.on("error", reject);
          out.on("error", reject);
          stream.on("end", () => out.end(() => resolve()));
        }),
      {
        ...ctx.registry.npmOptions,
        // Before the vet's own deadline starts: bounded by one of its own.
        signal: ctx.signal ?? AbortSignal.timeout(ctx.timeoutMs ?? 60_000),
      } as pacote.Options,
    );
    return undefined;
  } catch (err) {
    return sourceError(err, ctx.offline);
  }
}

function failed(error: string, where: string): TarballResult {
  return { part: { status: "unavailable", error }, contents: [], notes: [], url: where };
}

/** Lists and reads a gzipped tar held in memory (tests, tools): the streaming reader over one buffer. */
export async function readTarball(compressed: Buffer): Promise<Omit<TarballResult, "integrity" | "url">> {
  try {
    return (await readTarballStream(Readable.from([compressed]))).result;
  } catch (err) {
    throw new Error(errorLine(err));
  }
}

/** A failure of the archive itself (not of the transfer): worded, and never retried. */
class TarballError extends Error {
  readonly tarball = true;
}

const CODE_EXT = /\.(?:[mc]?[jt]sx?)$/i;
const DECLARATION = /\.d\.(?:m|c)?ts$/i;
const README = /^readme(\.(md|markdown|txt|rst))?$/i;

/**
 * Whether a file's contents are kept for the analysers: JavaScript and TypeScript (not
 * declarations), and extensionless files, which are kept only when they turn out to be
 * `#!… node` scripts (decided on their first bytes).
 */
function keepKind(path: string): "code" | "maybe-script" | "package.json" | "readme" | undefined {
  if (path === "package.json") return "package.json";
  if (README.test(path)) return "readme";
  if (CODE_EXT.test(path) && !DECLARATION.test(path)) return "code";
  const base = path.slice(path.lastIndexOf("/") + 1);
  return base.includes(".") ? undefined : "maybe-script";
}

function isNodeScript(head: Buffer): boolean {
  const text = head.subarray(0, 64).toString("latin1");
  return text.startsWith("#!") && text.includes("node");
}

/**
 * Reads a gzipped tar as it streams: the compressed bytes are hashed and counted, gunzip's
 * output is counted against the unpacked cap and fed to tar's parser, and each entry is
 * either kept (code within the budget, package.json, the README) or drained. Throws a
 * TarballError for an archive that cannot be read; the source's own error otherwise.
 */
async function readTarballStream(
  stream: Readable,
  signal?: AbortSignal,
): Promise<{ result: Omit<TarballResult, "integrity" | "url">; integrity: string }> {
  const L = TARBALL_LIMITS;
  const hash = createHash("sha512");
  const byPath = new Map<string, PackageFile>();
  const kept = new Map<string, Buffer>();
  const notRead = new Map<string, { path: string; size: number; reason: string }>();
  const notes: string[] = [];
  let extraNotes = 0;
  const note = (line: string) => {
    if (notes.length < L.notes) notes.push(line);
    else extraNotes++;
  };
  let truncated: string | undefined;
  let codeBytes = 0;
  let entries = 0;

  const parser = new Parser({
    strict: false,
    onwarn: (_code: string, message: string | Error) =>
      note(`tarball: ${String(message instanceof Error ? message.message : message).slice(0, 200)}`),
    onReadEntry: (entry: ReadEntry) => {
      if (entries >= L.entries) {
        truncated ??= `more than ${L.entries} entries; the rest were not listed`;
        entry.resume();
        return;
      }
      entries++;
      const path = packagePath(entry.path);
      if (entry.type !== "File" && entry.type !== "OldFile" && entry.type !== "ContiguousFile") {
        // Links are never followed; a package has no reason to ship one.
        if (entry.type === "SymbolicLink" || entry.type === "Link")
          note(`tarball: link entry ${(path ?? entry.path).slice(0, 200)} skipped`);
        entry.resume();
        return;
      }
      if (path === undefined) {
        note(`tarball: entry with an unsafe path skipped (${entry.path.slice(0, 100)})`);
        entry.resume();
        return;
      }
      const size = entry.size ?? 0;
      const executable = ((entry.mode ?? 0) & 0o111) !== 0;
      // The same path twice: tar extraction keeps the last, and so does this list.
      const earlier = kept.get(path);
      if (earlier && keepKind(path) === "code") codeBytes -= earlier.length;
      kept.delete(path);
      notRead.delete(path);
      byPath.delete(path);
      byPath.set(path, { path, size, ...(executable ? { executable } : {}) });

      const kind = keepKind(path);
      const skip = (reason?: string) => {
        if (reason) notRead.set(path, { path, size, reason });
        entry.resume();
      };
      if (kind === undefined) return skip();
      if (kind === "package.json" && size > L.packageJsonBytes) {
        note(`tarball: package.json is ${size} bytes; not read`);
        return skip(`package.json larger than ${mb(L.packageJsonBytes)}`);
      }
      const over =
        kind !== "code" && kind !== "maybe-script"
          ? undefined
          : size > L.entryBytes
            ? `larger than the ${mb(L.entryBytes)} per-file cap`
            : codeBytes + size > L.codeBytes
              ? `past the ${mb(L.codeBytes)} analysis budget`
              : undefined;
      if (over && kind === "code") {
        if (size > L.entryBytes) note(`tarball: ${path} (${size} bytes) is too large to analyse`);
        return skip(over);
      }
      if (over) {
        // An extensionless file counts only if it is a node script: its first bytes tell.
        let first = true;
        entry.on("data", (c: Buffer) => {
          if (first && isNodeScript(c)) notRead.set(path, { path, size, reason: over });
          first = false;
        });
        return;
      }
      // The README is kept only as far as it is shown.
      const limit = kind === "readme" ? L.readmeChars * 4 : size;
      if (kind === "code" || kind === "maybe-script") codeBytes += size;
      const chunks: Buffer[] = [];
      let got = 0;
      let dropped = false;
      entry.on("data", (c: Buffer) => {
        if (dropped || got >= limit) return;
        if (kind === "maybe-script" && got === 0 && !isNodeScript(c)) {
          dropped = true;
          codeBytes -= size;
          return;
        }
        const part = got + c.length > limit ? c.subarray(0, limit - got) : c;
        chunks.push(part);
        got += part.length;
      });
      entry.on("end", () => {
        if (!dropped) kept.set(path, Buffer.concat(chunks, got));
      });
    },
  });

  const gunzip = createGunzip();
  let compressed = 0;
  let unpacked = 0;
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      stream.destroy();
      gunzip.destroy();
      reject(err);
    };
    const onAbort = () => fail(new Error("cut at the deadline"));
    signal?.addEventListener("abort", onAbort, { once: true });
    stream.on("error", fail);
    gunzip.on("error", () => fail(new TarballError("not a gzip archive")));
    parser.on("error", (err: Error) => fail(new TarballError(`not a tar archive (${errorLine(err, 100)})`)));
    stream.on("data", (chunk: Buffer | string) => {
      const b = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      compressed += b.length;
      if (compressed > L.compressedBytes) {
        fail(new TarballError(`the tarball is larger than ${mb(L.compressedBytes)}`));
        return;
      }
      hash.update(b);
      if (!gunzip.write(b)) stream.pause();
    });
    gunzip.on("drain", () => stream.resume());
    stream.on("end", () => gunzip.end());
    gunzip.on("data", (chunk: Buffer) => {
      unpacked += chunk.length;
      if (unpacked > L.unpackedBytes) {
        fail(new TarballError(`unpacks to more than ${mb(L.unpackedBytes)}`));
        return;
      }
      parser.write(chunk);
    });
    gunzip.on("end", () => parser.end());
    parser.on("end", () => {
      signal?.removeEventListener("abort", onAbort);
      if (settled) return;
      settled = true;
      resolve();
    });
  });
  if (byPath.size === 0) throw new TarballError("no files in the archive");
  if (extraNotes > 0) notes.push(`tarball: ${extraNotes} more odd entries, not listed one by one`);

  let manifest: PackageFiles["manifest"];
  const pkgJson = kept.get("package.json");
  if (!pkgJson) {
    if (!notRead.has("package.json")) notes.push("tarball: no package.json at the package root");
  } else {
    try {
      // npm strips a byte-order mark before parsing (json-parse-even-better-errors); so must we.
      const text = pkgJson.toString("utf8").replace(/^\uFEFF/, "");
      manifest = toManifest(JSON.parse(text), notes, "package.json in the tarball");
    } catch {
      notes.push("tarball: package.json is not valid JSON");
    }
  }
  const readmePath = [...byPath.keys()].filter((p) => README.test(p)).sort()[0];
  const readme = readmePath
    ? kept.get(readmePath)?.toString("utf8").slice(0, TARBALL_LIMITS.readmeChars)
    : undefined;

  // Code-unit order: the same on every machine, whatever its locale.
  const files = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const totalSize = files.reduce((n, f) => n + f.size, 0);
  const unread = [...notRead.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  const contents = [...kept].map(([path, content]) => ({ path, content }));
  return {
    integrity: `sha512-${hash.digest("base64")}`,
    result: {
      part: {
        status: "ok",
        data: {
          files,
          totalSize,
          manifest,
          readme,
          ...(truncated ? { truncated } : {}),
          ...(unread.length
            ? { notRead: unread.slice(0, TARBALL_LIMITS.notRead), notReadCount: unread.length }
            : {}),
        },
      },
      contents,
      notes,
    },
  };
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
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
  if (entryPath.startsWith("/") || /^[A-Za-z]:/.test(entryPath) || parts.includes("..")) return undefined;
  parts.shift();
  return parts.length ? parts.join("/") : undefined;
}
