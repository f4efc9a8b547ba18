import { constants } from "node:fs";
import { open } from "node:fs/promises";
import type { ConfigEntryEvidence } from "../evidence/config.js";
import type { ConfigCandidate } from "./discover.js";
import {
  decodeConfigBytes,
  LIMITS,
  markDuplicates,
  type ParsedConfigFile,
  parseConfigBytes,
  parseConfigText,
} from "./parse.js";

/**
 * Collection for `mcp-vet config`: reads the found files (capped), parses each, and marks
 * servers the same client defines twice. Never throws: an unreadable file is a result with
 * an error.
 */

/** Read at most LIMITS.fileBytes + 1 bytes, so a huge file is refused without loading it. */
async function readCapped(file: string): Promise<Buffer> {
  // Non-blocking open: a FIFO swapped in after discovery checked the path must not hang the run.
  const handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw Object.assign(new Error("not a regular file"), { code: "not a regular file" });
    const { size } = info;
    const buf = Buffer.alloc(Math.min(size, LIMITS.fileBytes) + 1);
    let length = 0;
    while (length < buf.length) {
      const { bytesRead } = await handle.read(buf, length, buf.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buf.subarray(0, length);
  } finally {
    await handle.close();
  }
}

function unreadable(c: ConfigCandidate, e: unknown): ParsedConfigFile {
  const code = (e as NodeJS.ErrnoException).code ?? "read failed";
  return {
    ...c,
    encoding: "unknown",
    entries: [],
    inputs: [],
    errors: [{ message: `cannot read: ${code}` }],
    notes: [],
  };
}

export async function readConfigFile(c: ConfigCandidate): Promise<ParsedConfigFile> {
  try {
    return parseConfigBytes(await readCapped(c.path), c);
  } catch (e) {
    return unreadable(c, e);
  }
}

/** Read and parse every file, then mark duplicates across them. */
export async function collectConfigs(files: readonly ConfigCandidate[]): Promise<ParsedConfigFile[]> {
  const parsed = await Promise.all(files.map(readConfigFile));
  markDuplicates(parsed);
  return parsed;
}

/**
 * For `--fix`: the decoded text with its encoding (to write back the same way) and its
 * entries. `text` holds the file as it is, secrets included: keep it out of logs and reports.
 */
export async function readConfigForFix(
  c: ConfigCandidate,
): Promise<
  { text: string; encoding: ParsedConfigFile["encoding"]; parsed: ParsedConfigFile } | { error: string }
> {
  let bytes: Buffer;
  try {
    bytes = await readCapped(c.path);
  } catch (e) {
    return { error: unreadable(c, e).errors[0]!.message };
  }
  if (bytes.length > LIMITS.fileBytes) return { error: `larger than ${LIMITS.fileBytes} bytes` };
  const decoded = decodeConfigBytes(bytes);
  if ("error" in decoded) return { error: decoded.error };
  const parsed = parseConfigText(decoded.text, c, decoded.encoding);
  if (parsed.errors.length > 0) return { error: `the file has errors (${parsed.errors[0]!.message})` };
  return { text: decoded.text, encoding: decoded.encoding, parsed };
}

/** One server to vet: its config entry, and the npm spec when the full pipeline applies. */
export interface ConfigVetTarget {
  entry: ConfigEntryEvidence;
  /** `name@requested` for npm launches; undefined: config-only checks (python, docker, remote, binary). */
  npmSpec?: string;
}

/** Every entry of the parsed files, with what the vet pipeline should take for it. */
export function vetTargets(files: readonly ParsedConfigFile[]): ConfigVetTarget[] {
  return files.flatMap((f) =>
    f.entries.map((entry) =>
      entry.launch.kind === "npm" ? { entry, npmSpec: entry.launch.spec } : { entry },
    ),
  );
}
