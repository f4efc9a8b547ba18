import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { AuditDiff, AuditIndex, DiffFinding, IndexEntry } from "../../reports/index-model.js";
import { findingIdentity } from "../../reports/model.js";
import { compareDefinitions, type PinnedDefinition } from "../evidence/tool-definition.js";
import { AuditUsageError } from "./inventory.js";

const Severity = z.enum(["critical", "high", "medium", "low", "info"]);
const PinnedShape = z.object({
  hash: z.string(),
  definition: z.object({ name: z.string() }).passthrough(),
  truncated: z.literal(true).optional(),
});
// Typed as what the index writes; checked for the part the diff reads.
const PinnedSchema = z.custom<PinnedDefinition>((v) => PinnedShape.safeParse(v).success);
// Only what the diff reads; everything else in an old index may have changed shape.
const BaselineEntry = z.object({
  key: z.string(),
  version: z.string().nullable().catch(null),
  score: z.number().nullable().catch(null),
  findings: z
    .array(z.object({ id: z.string(), title: z.string(), severity: Severity.catch("info") }))
    .catch([]),
  tools: z.record(z.string(), z.string()).catch({}),
  // Indexes written before capabilities were recorded: nothing to compare against.
  capabilities: z.array(z.string()).nullable().catch(null).default(null),
  publisher: z.string().nullable().catch(null),
  maintainers: z.array(z.string()).nullable().catch(null),
  status: z.string().catch("ok"),
  // Whole definitions (indexes since mcp-vet kept them); anything malformed means none.
  definitions: z
    .object({
      static: z.record(z.string(), PinnedSchema).optional(),
      probe: z.record(z.string(), PinnedSchema).optional(),
    })
    .optional()
    .catch(undefined),
});
const Baseline = z.object({ generatedAt: z.string().catch(""), targets: z.array(BaselineEntry) });
export type BaselineIndex = z.infer<typeof Baseline> & { source: string };

/** A previous index.json, or the folder holding it. */
export async function loadBaseline(path: string): Promise<BaselineIndex> {
  let file = path;
  try {
    if ((await stat(path)).isDirectory()) file = join(path, "index.json");
  } catch {
    throw new AuditUsageError(`baseline ${path} does not exist`);
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch {
    throw new AuditUsageError(`baseline ${file} is not a readable index.json`);
  }
  const parsed = Baseline.safeParse(json);
  if (!parsed.success) throw new AuditUsageError(`baseline ${file} is not an mcp-vet index.json`);
  return { ...parsed.data, source: file };
}

const findingKey = (key: string, f: { id: string; title: string }) => `${key}\u0000${findingIdentity(f)}`;

/** What changed between the baseline and this run, target by target (by key). */
export function diffIndex(baseline: BaselineIndex, current: AuditIndex, scoreThreshold: number): AuditDiff {
  const before = new Map(baseline.targets.map((t) => [t.key, t]));
  const after = new Map(current.targets.map((t) => [t.key, t]));
  const diff: AuditDiff = {
    baseline: { generatedAt: baseline.generatedAt, source: baseline.source },
    scoreThreshold,
    newTargets: [...after.keys()].filter((k) => !before.has(k)),
    removedTargets: [...before.keys()].filter((k) => !after.has(k)),
    newFindings: [],
    resolvedFindings: [],
    scoreChanges: [],
    newVersions: [],
    newPublishers: [],
    toolChanges: [],
    capabilityChanges: [],
  };
  for (const [key, now] of after) {
    const old = before.get(key);
    if (!old) {
      for (const f of now.findings) diff.newFindings.push(asDiff(key, f));
      continue;
    }
    // A target that could not be audited now (or then) has no findings to compare.
    if (now.status !== "ok" || old.status !== "ok") continue;
    const oldFindings = new Set(old.findings.map((f) => findingKey(key, f)));
    const newFindings = new Set(now.findings.map((f) => findingKey(key, f)));
    diff.newFindings.push(
      ...now.findings.filter((f) => !oldFindings.has(findingKey(key, f))).map((f) => asDiff(key, f)),
    );
    diff.resolvedFindings.push(
      ...old.findings.filter((f) => !newFindings.has(findingKey(key, f))).map((f) => asDiff(key, f)),
    );
    if (
      old.score !== now.score &&
      (old.score === null || now.score === null || Math.abs(now.score - old.score) > scoreThreshold)
    ) {
      diff.scoreChanges.push({
        key,
        from: old.score,
        to: now.score,
        delta: old.score === null || now.score === null ? null : now.score - old.score,
      });
    }
    if (old.version !== now.version) diff.newVersions.push({ key, from: old.version, to: now.version });
    const known = new Set([...(old.maintainers ?? []), ...(old.publisher ? [old.publisher] : [])]);
    const added = [
      ...new Set([...(now.publisher ? [now.publisher] : []), ...(now.maintainers ?? [])]),
    ].filter((p) => !known.has(p));
    if (added.length && (old.publisher || old.maintainers)) diff.newPublishers.push({ key, added });
    for (const c of toolChanges(key, old, now)) diff.toolChanges.push(c);
    if (old.capabilities && now.capabilities) {
      const was = new Set(old.capabilities);
      const is = new Set(now.capabilities);
      const gained = now.capabilities.filter((c) => !was.has(c));
      const lost = old.capabilities.filter((c) => !is.has(c));
      if (gained.length || lost.length)
        diff.capabilityChanges.push({ key, gained, lost, version: now.version });
    }
  }
  return diff;
}

function toolChanges(
  key: string,
  old: z.infer<typeof BaselineEntry>,
  now: IndexEntry,
): AuditDiff["toolChanges"] {
  const sameVersion = old.version !== null && old.version === now.version;
  const out: AuditDiff["toolChanges"] = [];
  // Whole definitions on both sides: compared by the hash of the whole, each change with its
  // fields, each source (code, probe) with its own kind.
  if (old.definitions && now.definitions) {
    const { compared, changes } = compareDefinitions(
      ["static", "probe"] as const,
      old.definitions,
      now.definitions,
    );
    if (compared.length)
      return changes.map((c) => ({
        key,
        tool: c.tool,
        change: c.change,
        version: now.version,
        rugPull: sameVersion,
        source: c.source,
        ...(c.change === "changed" ? { fields: c.fields } : {}),
      }));
  }
  // Own keys only: a tool may be named `__proto__` or `toString`.
  for (const [tool, hash] of Object.entries(now.tools)) {
    const was = Object.hasOwn(old.tools, tool) ? old.tools[tool] : undefined;
    if (was === undefined)
      out.push({ key, tool, change: "added", version: now.version, rugPull: sameVersion });
    else if (was !== hash)
      out.push({ key, tool, change: "changed", version: now.version, rugPull: sameVersion });
  }
  for (const tool of Object.keys(old.tools)) {
    if (!Object.hasOwn(now.tools, tool))
      out.push({ key, tool, change: "removed", version: now.version, rugPull: sameVersion });
  }
  return out;
}

function asDiff(
  key: string,
  f: { id: string; title: string; severity: DiffFinding["severity"] },
): DiffFinding {
  return { key, id: f.id, title: f.title, severity: f.severity };
}
