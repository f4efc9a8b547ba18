import { parse } from "meriyah";
import { errorLine } from "../../errors.js";

/**
 * The one seam to the JavaScript parser. meriyah was measured fastest on Node 20 (NODE20.md:
 * 224 ms for a 9.1 MB file, against acorn 616 ms and oxc-parser ~1.2 s without its Node 22
 * transfer); a replacement only has to produce ESTree with `start`/`end` offsets.
 */
export interface AstNode {
  type: string;
  /** Offsets; NaN-like `undefined` at run time when parsed with `positions: false` (see parseJs). */
  start: number;
  end: number;
  [key: string]: unknown;
}

export type ParseResult = { ok: true; program: AstNode } | { ok: false; error: string };

export const PARSER_NAME = "meriyah";

/**
 * Parses as a module first (most MCP servers ship ESM), then as CommonJS with web-compat
 * syntax (sloppy mode, `with`, HTML comments, top-level return) for what a module rejects.
 */
export function parseJs(
  source: string,
  kind: "module" | "commonjs" | "either",
  positions = true,
  jsx = false,
): ParseResult {
  const attempts: ("module" | "commonjs")[] = kind === "either" ? ["module", "commonjs"] : [kind];
  let error = "";
  for (const sourceType of attempts) {
    try {
      const program = parse(source, {
        sourceType,
        next: true,
        webcompat: sourceType === "commonjs",
        // Offsets only (a `range` array is one more allocation per node). meriyah adds offsets
        // after building each node, which costs a property store per node: ~45% more AST
        // memory, so very large files are parsed without them (measured: 21 MB bundle, AST
        // 228 MB without, 332 MB with).
        ranges: positions ? { start: true, end: true, range: false } : false,
        jsx,
      });
      return { ok: true, program: program as unknown as AstNode };
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
  }
  return { ok: false, error: errorLine(error, 200) };
}
