import type { Evidence, McpTool, ToolAnnotations } from "../evidence/index.js";
import { CODE_LIMITS } from "../evidence/index.js";
import { type PinnedDefinition, summaryOf, type ToolDefinition } from "../evidence/tool-definition.js";
import { countHidden } from "./analysis/patterns.js";

/** Where a tool known only from a listing is "declared", for findings that quote it. */
export const LIVE_TOOLS_FILE = "live tools/list";

/**
 * A tool definition from a listing (a live probe, a saved file) in the form the tool-text
 * heuristics read: the same checks judge what a server says live as what its code says.
 */
export function toolFromDefinition(pinned: PinnedDefinition, file: string, line?: number): McpTool {
  const def = pinned.definition;
  const summary = summaryOf(def);
  const annotations = annotationsOf(def);
  const tool: McpTool = {
    name: def.name.slice(0, 200),
    descriptionLength: def.description?.length ?? 0,
    inputKeys: summary.keys.slice(0, 100).map((k) => k.slice(0, 100)),
    hiddenChars:
      countHidden(def.name) +
      countHidden(def.description ?? "") +
      countHidden(summary.text) +
      countHidden(def.title ?? ""),
    hash: pinned.hash,
    syntax: "definition-object",
    where: { file, ...(line !== undefined ? { line } : {}) },
  };
  if (def.title !== undefined) tool.title = def.title.slice(0, 200);
  if (def.description !== undefined)
    tool.description = def.description.slice(0, CODE_LIMITS.descriptionChars);
  if (summary.text) tool.schemaText = summary.text.slice(0, CODE_LIMITS.schemaTextChars);
  if (annotations) tool.annotations = annotations;
  return tool;
}

function annotationsOf(def: ToolDefinition): ToolAnnotations | undefined {
  const a = def.annotations;
  if (!a) return undefined;
  const out: ToolAnnotations = {};
  if (typeof a.title === "string") out.title = a.title.slice(0, 200);
  for (const k of ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const)
    if (typeof a[k] === "boolean") out[k] = a[k] as boolean;
  return Object.keys(out).length ? out : undefined;
}

/**
 * The evidence as the heuristics judge it when a probe listed tools: the tools the code
 * declares, plus each tool the server listed live that the code does not declare or
 * describes differently, so text built at run time is held to the same checks.
 */
export function withLiveTools(evidence: Evidence): Evidence {
  if (evidence.probe.status !== "ok" || evidence.code.status !== "ok") return evidence;
  const listings = [evidence.probe.data.first, evidence.probe.data.second];
  const declared = evidence.code.data.tools;
  const seen = new Set(declared.map((t) => textKey(t)));
  const extra: McpTool[] = [];
  for (const listing of listings) {
    for (const pinned of listing?.tools ?? []) {
      const tool = toolFromDefinition(pinned, LIVE_TOOLS_FILE);
      const key = textKey(tool);
      if (seen.has(key)) continue;
      seen.add(key);
      if (declared.length + extra.length < CODE_LIMITS.tools * 2) extra.push(tool);
    }
  }
  if (!extra.length) return evidence;
  return {
    ...evidence,
    code: { status: "ok", data: { ...evidence.code.data, tools: [...declared, ...extra] } },
  };
}

function textKey(t: McpTool): string {
  return [t.name, t.title ?? "", t.description ?? "", t.schemaText ?? ""].join("\u0000");
}
