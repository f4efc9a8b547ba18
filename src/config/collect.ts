import { open } from "node:fs/promises";
import type { ConfigEntryEvidence } from "../evidence/config.js";
import type { ConfigCandidate } from "./discover.js";
import { LIMITS, markDuplicates, type ParsedConfigFile, parseConfigBytes } from "./parse.js";

/**
 * Collection for `mcp-vet config`: reads the found files (capped), parses each, and marks
 * servers the same client defines twice. Never throws: an unreadable file is a result with
 * an error.
 */

/** Read at most LIMITS.fileBytes + 1 bytes, so a huge file is refused without loading it. */
export async function readConfigFile(c: ConfigCandidate): Promise<ParsedConfigFile> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(c.path, "r");
    const { size } = await handle.stat();
    const buf = Buffer.alloc(Math.min(size, LIMITS.fileBytes) + 1);
    let length = 0;
    while (length < buf.length) {
      const { bytesRead } = await handle.read(buf, length, buf.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return parseConfigBytes(buf.subarray(0, length), c);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "read failed";
    return {
      ...c,
      encoding: "unknown",
      entries: [],
      inputs: [],
      errors: [{ message: `cannot read: ${code}` }],
      notes: [],
    };
  } finally {
    await handle?.close();
  }
}

/** Read and parse every file, then mark duplicates across them. */
export async function collectConfigs(files: readonly ConfigCandidate[]): Promise<ParsedConfigFile[]> {
  const parsed = await Promise.all(files.map(readConfigFile));
  markDuplicates(parsed);
  return parsed;
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
