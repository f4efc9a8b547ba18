import { z } from "zod";
import type { JsonValue, ToolDefinition } from "../../evidence/tool-definition.js";

/**
 * Reading tool lists that came from elsewhere (a live server, a saved file): every field is
 * checked at the edge. A malformed tool becomes a note, never a crash, and never hides the
 * others.
 */

const JsonObject = z.record(z.string(), z.unknown());

const RawTool = z.object({
  name: z.string().min(1).max(10_000),
  title: z.string().optional().catch(undefined),
  description: z.string().optional().catch(undefined),
  inputSchema: JsonObject.optional().catch(undefined),
  outputSchema: JsonObject.optional().catch(undefined),
  annotations: JsonObject.optional().catch(undefined),
});

/** At most this many tools are read from one list. */
export const MAX_TOOLS = 500;

export interface ParsedTools {
  tools: ToolDefinition[];
  notes: string[];
}

/** Tools from a `tools/list` result (`{tools: [...]}`), a JSON-RPC response holding one, or a bare array. */
export function parseToolList(json: unknown, where: string): ParsedTools | { error: string } {
  let list: unknown = json;
  if (isObject(list) && isObject(list.result)) list = list.result;
  if (isObject(list) && Array.isArray(list.tools)) list = list.tools;
  if (!Array.isArray(list))
    return {
      error: `${where} holds no tool list (expected a tools/list result, {"tools": [...]}, or an array of tools)`,
    };
  const tools: ToolDefinition[] = [];
  const notes: string[] = [];
  for (const [i, raw] of list.entries()) {
    if (tools.length >= MAX_TOOLS) {
      notes.push(`${where}: more than ${MAX_TOOLS} tools; the rest were not read`);
      break;
    }
    const parsed = RawTool.safeParse(raw);
    if (!parsed.success) {
      if (notes.length < 50)
        notes.push(`${where}: tool #${i + 1} is not a tool definition (no string name); skipped`);
      continue;
    }
    tools.push(toDefinition(parsed.data));
  }
  return { tools, notes };
}

function toDefinition(t: z.infer<typeof RawTool>): ToolDefinition {
  const def: ToolDefinition = { name: t.name };
  if (t.title !== undefined) def.title = t.title;
  if (t.description !== undefined) def.description = t.description;
  if (t.inputSchema) def.inputSchema = toJson(t.inputSchema);
  if (t.outputSchema) def.outputSchema = toJson(t.outputSchema);
  if (t.annotations) def.annotations = toJson(t.annotations) as { [k: string]: JsonValue };
  return def;
}

/** A plain JSON value: anything JSON.parse could have made (it came from JSON). */
function toJson(v: unknown): JsonValue {
  return v as JsonValue;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const RawPrompt = z.object({ name: z.string().min(1), description: z.string().optional().catch(undefined) });
const RawResource = z.object({
  name: z.string().catch(""),
  uri: z.string().optional().catch(undefined),
  description: z.string().optional().catch(undefined),
});

/** Prompts or resources from a list result's pages; malformed entries skipped. */
export function parseNamed(
  pages: unknown[],
  key: "prompts" | "resources",
  max: number,
): { name: string; uri?: string; description?: string }[] {
  const out: { name: string; uri?: string; description?: string }[] = [];
  for (const page of pages) {
    const list = isObject(page) && Array.isArray(page[key]) ? (page[key] as unknown[]) : [];
    for (const raw of list) {
      if (out.length >= max) return out;
      const parsed = (key === "prompts" ? RawPrompt : RawResource).safeParse(raw);
      if (!parsed.success) continue;
      const d = parsed.data as { name: string; uri?: string; description?: string };
      out.push({
        name: d.name.slice(0, 200),
        ...(d.uri !== undefined ? { uri: d.uri.slice(0, 500) } : {}),
        ...(d.description !== undefined ? { description: d.description.slice(0, 2000) } : {}),
      });
    }
  }
  return out;
}
