import type { CodeAnalysis, CodeFlow, CodeLocation, McpTool } from "../../../src/evidence/index.js";
import type { Location } from "../../engine/types.js";
import { nameList } from "../../knowledge/suspicious.js";

/** A finding location from a code location (the detail goes in the finding's text). */
export function loc(l: CodeLocation): Location {
  const out: Location = { file: l.file };
  if (l.line !== undefined) out.line = l.line;
  if (l.snippet !== undefined) out.snippet = l.snippet;
  return out;
}

/** The flows that `match`, one for each `key` (by default the source's place): one finding each. */
export function distinctFlows(
  flows: readonly CodeFlow[],
  match: (f: CodeFlow) => boolean,
  key: (f: CodeFlow) => string = (f) => `${f.source.where.file}:${f.source.where.line}`,
): CodeFlow[] {
  const seen = new Set<string>();
  const out: CodeFlow[] = [];
  for (const f of flows) {
    if (!match(f)) continue;
    const k = key(f);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(f);
  }
  return out;
}

/** `, in tool a, b` when the flow sits in tool handlers; empty otherwise. */
export function inTools(f: CodeFlow): string {
  return f.tools.length ? `, in tool ${nameList(f.tools)}` : "";
}

/** The places a model reads about a tool: its name, title, description and schema text. */
export function toolTexts(tool: McpTool): { field: string; text: string }[] {
  const out = [{ field: "name", text: tool.name }];
  if (tool.title) out.push({ field: "title", text: tool.title });
  if (tool.description) out.push({ field: "description", text: tool.description });
  if (tool.schemaText) out.push({ field: "input schema", text: tool.schemaText });
  return out;
}

/**
 * A short quote of hostile text around a match, with control, invisible and bidi characters
 * written as \u escapes so that the quote shows what a user would not see.
 */
export function quote(text: string, index: number, length: number, max = 200): string {
  const from = Math.max(0, index - 40);
  const to = Math.min(text.length, Math.max(index + length, from + 1) + 40, from + max);
  const slice = text.slice(from, to);
  const escaped = slice.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|[\u{E0000}-\u{E007F}]/gu,
    (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`,
  );
  return `${from > 0 ? "…" : ""}${escaped}${to < text.length ? "…" : ""}`;
}

/** First match of any pattern in any of the tool's texts. */
export function matchTool(
  tool: McpTool,
  patterns: readonly RegExp[],
): { field: string; text: string; match: RegExpExecArray } | undefined {
  for (const { field, text } of toolTexts(tool)) {
    for (const re of patterns) {
      const m = re.exec(text);
      if (m) return { field, text, match: m };
    }
  }
  return undefined;
}

/** A tool's name for a title inside backticks: hidden characters shown, length capped, no backtick. */
export function toolName(tool: McpTool): string {
  return quote(tool.name, 0, tool.name.length, 60).replace(/`/g, "'");
}

export function toolLocation(tool: McpTool, snippet: string): Location {
  const out: Location = { file: tool.where.file, snippet };
  if (tool.where.line !== undefined) out.line = tool.where.line;
  return out;
}

/**
 * The package's process execution is only opening URLs or files with the desktop's default
 * application (an OAuth sign-in page, a report): every exec call found is an opener, and every
 * use quoted is one of them or an import. With `tool`, only the calls that tool reaches.
 */
export function execOnlyOpens(code: CodeAnalysis, tool?: string): boolean {
  const execs = tool === undefined ? code.execs : code.execs.filter((e) => e.tools.includes(tool));
  if (execs.length === 0 || !execs.every((e) => e.opener)) return false;
  if (tool !== undefined) return true;
  const use = code.capabilities.find((c) => c.id === "process.exec");
  return (
    !!use &&
    use.count <= execs.length * 2 + use.evidence.filter((e) => e.detail?.startsWith("imports ")).length &&
    use.evidence.every(
      (e) =>
        e.detail?.startsWith("imports ") ||
        execs.some((x) => x.where.file === e.file && x.where.line === e.line),
    )
  );
}
