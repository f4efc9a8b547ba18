/**
 * A tool's whole definition as a client sees it (name, title, description, input and output
 * schemas, annotations), in one canonical form whatever it came from: static extraction, a
 * live probe, a saved `tools/list` answer or a lock file. Pinning, audit baselines and the
 * probe's two-listings comparison all hash and diff this form, so "what changed" names the
 * field and quotes the old and new text.
 *
 * Pure functions only (hashing is computation): collect, audit, the CLI and heuristics share it.
 */
import { createHash } from "node:crypto";
import type { McpTool } from "./code.js";

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface ToolDefinition {
  name: string;
  title?: string;
  description?: string;
  /** The full JSON Schema of the arguments, when known. */
  inputSchema?: JsonValue;
  outputSchema?: JsonValue;
  annotations?: { [key: string]: JsonValue };
  /**
   * Static extraction only, when the schema is not a literal (a zod schema, a value built at
   * run time): the parameter names and the text describing them, which is what could be read.
   */
  inputSummary?: { keys: string[]; text: string };
}

/** A definition as stored: capped for display, with the hash of the whole (taken before capping). */
export interface PinnedDefinition {
  definition: ToolDefinition;
  /** sha256 (hex) of the canonical JSON of the full definition. */
  hash: string;
  /** Set when the stored definition was cut to the caps: a change past them shows only in the hash. */
  truncated?: true;
}

export type DefinitionField = keyof ToolDefinition;

/** One tool's definition that differs between two sets: added, removed, or changed in these fields. */
export interface DefinitionDelta<S extends string> {
  source: S;
  tool: string;
  change: "added" | "removed" | "changed";
  fields: FieldChange[];
}

/**
 * Every difference between two servers' definitions, source by source (code, probe, a listing).
 * A source held on one side only was not collected on the other (no --probe): not a change.
 */
export function compareDefinitions<S extends string>(
  sources: readonly S[],
  was: Partial<Record<S, Record<string, PinnedDefinition>>>,
  is: Partial<Record<S, Record<string, PinnedDefinition>>>,
): { compared: S[]; changes: DefinitionDelta<S>[] } {
  const compared: S[] = [];
  const changes: DefinitionDelta<S>[] = [];
  for (const source of sources) {
    const before = was[source];
    const now = is[source];
    if (!before || !now) continue;
    compared.push(source);
    // Own keys only: a tool may be named `__proto__` or `toString`.
    for (const [tool, def] of Object.entries(now)) {
      const old = Object.hasOwn(before, tool) ? before[tool] : undefined;
      if (!old) changes.push({ source, tool, change: "added", fields: [] });
      else if (old.hash !== def.hash)
        changes.push({
          source,
          tool,
          change: "changed",
          fields: diffDefinitions(old.definition, def.definition),
        });
    }
    for (const tool of Object.keys(before))
      if (!Object.hasOwn(now, tool)) changes.push({ source, tool, change: "removed", fields: [] });
  }
  return { compared, changes };
}

/** One changed field: a dotted path into the definition, and the old and new text (canonical JSON for non-strings). */
export interface FieldChange {
  path: string;
  old?: string;
  new?: string;
}

/** Bounds on what one stored definition may hold: a tool list is hostile text. */
export const DEFINITION_LIMITS = {
  nameChars: 200,
  titleChars: 500,
  descriptionChars: 16 * 1024,
  /** Canonical JSON of one schema. */
  schemaChars: 32 * 1024,
  depth: 32,
  /** Values visited while canonicalising one definition. */
  nodes: 20_000,
  /** Field changes listed per tool, and the text quoted for each side. */
  changes: 20,
  quoteChars: 600,
} as const;

/** JSON with sorted keys and no insignificant whitespace: one text per definition, whatever the order it came in. */
export function canonicalJson(value: unknown): string {
  const budget = { nodes: DEFINITION_LIMITS.nodes };
  return canon(value, 0, budget);
}

function canon(v: unknown, depth: number, budget: { nodes: number }): string {
  if (--budget.nodes < 0 || depth > DEFINITION_LIMITS.depth) return '"…"';
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number") return Number.isFinite(v) ? JSON.stringify(v) : "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return `[${v.map((x) => canon(x, depth + 1, budget)).join(",")}]`;
  if (typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canon(x, depth + 1, budget)}`).join(",")}}`;
  }
  return "null";
}

/** sha256 (hex) of the canonical JSON of the whole definition. */
export function definitionHash(def: ToolDefinition): string {
  return createHash("sha256").update(canonicalJson(def)).digest("hex");
}

/** The definition hashed whole, then cut to DEFINITION_LIMITS for storing. */
export function pinDefinition(def: ToolDefinition): PinnedDefinition {
  const hash = definitionHash(def);
  const L = DEFINITION_LIMITS;
  let truncated = false;
  const cut = (s: string | undefined, max: number) => {
    if (s === undefined || s.length <= max) return s;
    truncated = true;
    return s.slice(0, max);
  };
  const schema = (s: JsonValue | undefined): JsonValue | undefined => {
    if (s === undefined) return undefined;
    const text = canonicalJson(s);
    if (text.length <= L.schemaChars) return JSON.parse(text) as JsonValue;
    truncated = true;
    return { "x-mcp-vet-truncated": text.slice(0, L.schemaChars) };
  };
  const out: ToolDefinition = { name: cut(def.name, L.nameChars) ?? "" };
  const title = cut(def.title, L.titleChars);
  if (title !== undefined) out.title = title;
  const description = cut(def.description, L.descriptionChars);
  if (description !== undefined) out.description = description;
  const input = schema(def.inputSchema);
  if (input !== undefined) out.inputSchema = input;
  const output = schema(def.outputSchema);
  if (output !== undefined) out.outputSchema = output;
  if (def.annotations) out.annotations = schema(def.annotations) as { [key: string]: JsonValue };
  if (def.inputSummary)
    out.inputSummary = {
      keys: def.inputSummary.keys.slice(0, 100),
      text: cut(def.inputSummary.text, L.descriptionChars) ?? "",
    };
  return truncated ? { definition: out, hash, truncated: true } : { definition: out, hash };
}

/**
 * What differs between two definitions of one tool, field by field; inside schemas and
 * annotations, down to the changed key (`inputSchema.properties.path.description`). Empty
 * when the two are the same. When one side knows the full input schema and the other only a
 * static summary, the summaries are compared (names and texts), so a static reading and a
 * live listing of the same tool do not differ merely in how much each could see.
 */
export function diffDefinitions(a: ToolDefinition, b: ToolDefinition): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of ["name", "title", "description"] as const) {
    if (a[field] !== b[field]) out.push(change(field, a[field], b[field]));
  }
  const aFull = a.inputSchema !== undefined || !a.inputSummary;
  const bFull = b.inputSchema !== undefined || !b.inputSummary;
  if (aFull && bFull) walk("inputSchema", a.inputSchema, b.inputSchema, out, 0);
  else {
    const sa = summaryOf(a);
    const sb = summaryOf(b);
    if (sa.keys.join("\u0000") !== sb.keys.join("\u0000"))
      out.push(change("inputSchema.properties", sa.keys.join(", "), sb.keys.join(", ")));
    if (sa.text !== sb.text) out.push(change("inputSchema (descriptions)", sa.text, sb.text));
  }
  walk("outputSchema", a.outputSchema, b.outputSchema, out, 0);
  walk("annotations", a.annotations, b.annotations, out, 0);
  return out.slice(0, DEFINITION_LIMITS.changes);
}

/** Parameter names and the descriptions a model reads about them, from a full schema or a static summary. */
export function summaryOf(def: ToolDefinition): { keys: string[]; text: string } {
  if (def.inputSchema === undefined && def.inputSummary)
    return { keys: [...def.inputSummary.keys].sort(), text: def.inputSummary.text };
  const schema = def.inputSchema;
  const props =
    schema && typeof schema === "object" && !Array.isArray(schema) ? schema.properties : undefined;
  const keys = props && typeof props === "object" && !Array.isArray(props) ? Object.keys(props).sort() : [];
  const texts: string[] = [];
  collectDescriptions(schema, texts, 0);
  return { keys, text: texts.join("\n") };
}

function collectDescriptions(v: JsonValue | undefined, out: string[], depth: number): void {
  if (!v || typeof v !== "object" || depth > DEFINITION_LIMITS.depth || out.length > 500) return;
  if (Array.isArray(v)) {
    for (const x of v) collectDescriptions(x, out, depth + 1);
    return;
  }
  for (const [k, x] of Object.entries(v)) {
    if (k === "description" && typeof x === "string") out.push(x);
    else collectDescriptions(x, out, depth + 1);
  }
}

function walk(path: string, a: unknown, b: unknown, out: FieldChange[], depth: number): void {
  if (out.length >= DEFINITION_LIMITS.changes) return;
  const plainA = isPlainObject(a);
  const plainB = isPlainObject(b);
  if (plainA && plainB && depth < DEFINITION_LIMITS.depth) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      walk(
        `${path}.${k}`,
        Object.hasOwn(a, k) ? a[k] : undefined,
        Object.hasOwn(b, k) ? b[k] : undefined,
        out,
        depth + 1,
      );
    }
    return;
  }
  if (canonicalJson(a) !== canonicalJson(b) || (a === undefined) !== (b === undefined))
    out.push(change(path, a, b));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function change(path: string, a: unknown, b: unknown): FieldChange {
  const text = (v: unknown) =>
    v === undefined ? undefined : clip(typeof v === "string" ? v : canonicalJson(v));
  const out: FieldChange = { path };
  const o = text(a);
  const n = text(b);
  if (o !== undefined) out.old = o;
  if (n !== undefined) out.new = n;
  return out;
}

function clip(s: string): string {
  const max = DEFINITION_LIMITS.quoteChars;
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/**
 * What the code declares of a tool, in definition form: its literal input schema when static
 * extraction could read one, else the parameter names and their descriptions.
 */
export function staticDefinition(t: McpTool): ToolDefinition {
  const def: ToolDefinition = { name: t.name };
  if (t.title !== undefined) def.title = t.title;
  if (t.description !== undefined) def.description = t.description;
  if (t.inputSchema !== undefined) def.inputSchema = t.inputSchema;
  else def.inputSummary = { keys: [...t.inputKeys].sort(), text: t.schemaText ?? "" };
  if (t.outputSchema !== undefined) def.outputSchema = t.outputSchema;
  if (t.annotations) def.annotations = { ...t.annotations };
  return def;
}
