import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { constants, createGzip, gzipSync } from "node:zlib";

/**
 * Builders for hostile archives: a raw ustar writer that writes what `tar` itself refuses to
 * (`..` paths, absolute paths, links to /etc, duplicate entries, pax overrides), streaming,
 * so a 210 MB package is generated into a few hundred KB of gzip without holding it.
 */

/** The body of an entry: bytes, or a generator of chunks (for large ones) with its size. */
export type Body = string | Buffer | { size: number; chunks: () => Iterable<Buffer> };

export interface RawEntry {
  path: string;
  body?: Body;
  /** ustar type flag: "0" file, "1" hard link, "2" symlink, "5" folder, "x" pax header. */
  type?: string;
  linkpath?: string;
  mode?: number;
}

function sizeOf(body: Body | undefined): number {
  if (body === undefined) return 0;
  if (typeof body === "string") return Buffer.byteLength(body);
  if (Buffer.isBuffer(body)) return body.length;
  return body.size;
}

/** One ustar header block. Paths over 100 bytes go into the prefix field when they can. */
export function header(e: RawEntry, size = sizeOf(e.body)): Buffer {
  const h = Buffer.alloc(512);
  let name = e.path;
  let prefix = "";
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf("/", 155);
    if (cut > 0) {
      prefix = name.slice(0, cut);
      name = name.slice(cut + 1);
    }
  }
  h.write(name.slice(0, 100), 0, 100);
  h.write(`${(e.mode ?? 0o644).toString(8).padStart(7, "0")}\0`, 100);
  h.write("0000000\0", 108);
  h.write("0000000\0", 116);
  h.write(`${size.toString(8).padStart(11, "0")}\0`, 124);
  h.write("00000000000\0", 136);
  h.write("        ", 148);
  h.write(e.type ?? "0", 156);
  h.write((e.linkpath ?? "").slice(0, 100), 157, 100);
  h.write("ustar\0", 257);
  h.write("00", 263);
  h.write(prefix.slice(0, 155), 345, 155);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  return h;
}

/** A pax extended header that sets `path` (and anything else) for the entry after it. */
export function paxFor(fields: Record<string, string>): RawEntry {
  let body = "";
  for (const [k, v] of Object.entries(fields)) {
    const rest = ` ${k}=${v}\n`;
    let len = Buffer.byteLength(rest) + 1;
    while (String(len).length + Buffer.byteLength(rest) !== len)
      len = String(len).length + Buffer.byteLength(rest);
    body += `${len}${rest}`;
  }
  return { path: "PaxHeader", type: "x", body };
}

/** The raw tar stream of `entries`, end blocks included. */
export function* tarChunks(entries: Iterable<RawEntry>): Generator<Buffer> {
  for (const e of entries) {
    const size = sizeOf(e.body);
    yield header(e, size);
    const b = e.body;
    if (b === undefined) continue;
    if (typeof b === "string" || Buffer.isBuffer(b)) yield Buffer.from(b);
    else for (const c of b.chunks()) yield c;
    const pad = (512 - (size % 512)) % 512;
    if (pad) yield Buffer.alloc(pad);
  }
  yield Buffer.alloc(1024);
}

/** A small archive in memory, gzipped. */
export function tgz(entries: RawEntry[]): Buffer {
  return gzipSync(Buffer.concat([...tarChunks(entries)]), { level: 9 });
}

/** A large archive streamed through gzip into `file`; only the compressed bytes are returned. */
export async function tgzFile(entries: Iterable<RawEntry>, file: string): Promise<Buffer> {
  await pipeline(
    Readable.from(tarChunks(entries)),
    createGzip({ level: constants.Z_DEFAULT_COMPRESSION }),
    createWriteStream(file),
  );
  return readFile(file);
}

/** A file body that repeats `unit` up to `size` bytes, generated chunk by chunk. */
export function repeated(unit: string, size: number): Body {
  const block = Buffer.from(unit.repeat(Math.max(1, Math.floor((1 << 20) / unit.length))));
  return {
    size,
    *chunks() {
      for (let left = size; left > 0; left -= block.length)
        yield left >= block.length ? block : block.subarray(0, left);
    },
  };
}

export function integrityOf(data: Buffer): string {
  return `sha512-${createHash("sha512").update(data).digest("base64")}`;
}

/** `package/<path>` entries from a map of files. */
export function pkgEntries(files: Record<string, Body>): RawEntry[] {
  return Object.entries(files).map(([path, body]) => ({ path: `package/${path}`, body }));
}
