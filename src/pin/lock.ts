import { readFile, rename, writeFile } from "node:fs/promises";
import { z } from "zod";
import type { Evidence } from "../evidence/index.js";
import {
  compareDefinitions,
  type FieldChange,
  type PinnedDefinition,
  pinDefinition,
  staticDefinition,
} from "../evidence/tool-definition.js";

/**
 * The lock file of approved tool definitions (`mcp-vet pin`): per server, the version that was
 * approved and each tool's whole canonical definition with its hash, by where it came from
 * (the code, a live probe, a saved or remote tool list). `mcp-vet pin --check` compares what
 * the same targets give now with it.
 */

export const LOCK_VERSION = 1 as const;
export const DEFAULT_LOCK_FILE = "mcp-vet.lock.json";

/** Where a set of definitions came from; each is compared only with its own kind. */
export const DEFINITION_SOURCES = ["static", "probe", "listed"] as const;
export type DefinitionSource = (typeof DEFINITION_SOURCES)[number];

export interface LockedServer {
  /** The target as given to `mcp-vet pin`. */
  target: string;
  name: string;
  /** The version approved; null when the target has none (a saved tool list). */
  version: string | null;
  pinnedAt: string;
  definitions: Partial<Record<DefinitionSource, Record<string, PinnedDefinition>>>;
}

export interface LockFile {
  lockfileVersion: typeof LOCK_VERSION;
  tool: string;
  servers: Record<string, LockedServer>;
}

const Json: z.ZodType<unknown> = z.unknown();
const Pinned = z.object({
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  truncated: z.literal(true).optional(),
  definition: z
    .object({
      name: z.string(),
      title: z.string().optional(),
      description: z.string().optional(),
      inputSchema: Json.optional(),
      outputSchema: Json.optional(),
      annotations: z.record(z.string(), Json).optional(),
      inputSummary: z.object({ keys: z.array(z.string()), text: z.string() }).optional(),
    })
    .passthrough(),
});
const Server = z.object({
  target: z.string(),
  name: z.string(),
  version: z.string().nullable(),
  pinnedAt: z.string(),
  definitions: z.object({
    static: z.record(z.string(), Pinned).optional(),
    probe: z.record(z.string(), Pinned).optional(),
    listed: z.record(z.string(), Pinned).optional(),
  }),
});
const Lock = z.object({
  lockfileVersion: z.literal(LOCK_VERSION),
  tool: z.string(),
  servers: z.record(z.string(), Server),
});

export class LockError extends Error {}

/** The lock file, checked at the edge; a missing file is an empty lock when `mayBeMissing`. */
export async function readLock(path: string, mayBeMissing: boolean): Promise<LockFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    if (mayBeMissing) return { lockfileVersion: LOCK_VERSION, tool: "", servers: {} };
    throw new LockError(`${path} does not exist: run \`mcp-vet pin <targets>\` first`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LockError(`${path} is not valid JSON`);
  }
  const parsed = Lock.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LockError(
      `${path} is not an mcp-vet lock file (${issue?.path.join(".") || "root"}: ${issue?.message ?? "invalid"})`,
    );
  }
  return parsed.data as LockFile;
}

/** Written whole, then moved into place: a lock file is never half-written. */
export async function writeLock(path: string, lock: LockFile): Promise<void> {
  const sorted: LockFile = {
    ...lock,
    servers: Object.fromEntries(
      Object.entries(lock.servers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ),
  };
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, `${JSON.stringify(sorted, null, 2)}\n`);
  await rename(tmp, path);
}

/** A server's definitions, by source, from its evidence: the code's tools, and a probe's first listing. */
export function definitionsOf(evidence: Evidence): LockedServer["definitions"] {
  const out: LockedServer["definitions"] = {};
  // Present (even empty) whenever collected: a server that drops every tool has changed.
  if (evidence.code.status === "ok" && evidence.target.kind !== "tools" && evidence.target.kind !== "remote")
    out.static = byName(evidence.code.data.tools.map((t) => pinDefinition(staticDefinition(t))));
  if (evidence.probe.status === "ok" && evidence.probe.data.first && !evidence.probe.data.first.error)
    out.probe = byName(evidence.probe.data.first.tools);
  return out;
}

export function byName(list: PinnedDefinition[]): Record<string, PinnedDefinition> {
  const out: Record<string, PinnedDefinition> = {};
  // Own keys only: a tool may be named `__proto__`.
  for (const p of list)
    if (!Object.hasOwn(out, p.definition.name))
      Object.defineProperty(out, p.definition.name, {
        value: p,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  return out;
}

export interface DefinitionChange {
  server: string;
  source: DefinitionSource;
  tool: string;
  change: "added" | "removed" | "changed";
  fields: FieldChange[];
  /** The same version (or none on either side) now gives another definition. */
  rugPull: boolean;
}

/** Every difference between the approved definitions and today's, source by source. */
export function compareServer(key: string, locked: LockedServer, now: LockedServer): DefinitionChange[] {
  // The same version (or none on either side) giving another definition is a rug pull.
  const rugPull = locked.version === now.version;
  return compareDefinitions(DEFINITION_SOURCES, locked.definitions, now.definitions).changes.map((c) => ({
    server: key,
    ...c,
    rugPull,
  }));
}
