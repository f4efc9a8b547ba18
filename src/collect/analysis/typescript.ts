import { transform } from "sucrase";
import { errorLine } from "../../errors.js";
import { CODE_TEXT } from "./tokens.js";

export type StripResult = { ok: true; code: string } | { ok: false; error: string };

/**
 * TypeScript to JavaScript by removing the types, so that .ts/.tsx sources go through the same
 * parser and analysis as JavaScript. sucrase keeps every statement on its original line, so
 * evidence lines found in the output are the source's lines; columns and quoted snippets
 * show the type-stripped text. Enums become objects and `export =` becomes module.exports;
 * nothing is downlevelled (disableESTransforms) and JSX is kept for the parser.
 *
 * Node 20 has no built-in type stripping (module.stripTypeScriptTypes is Node 22.13+), and
 * amaro, which Node uses, requires Node 22.
 */
export function stripTypes(source: string, jsx: boolean): StripResult {
  try {
    const { code } = transform(source, {
      transforms: jsx ? ["typescript", "jsx"] : ["typescript"],
      jsxRuntime: "preserve",
      disableESTransforms: true,
      // Unused imports still load their module (and its side effects) at run time.
      keepUnusedImports: true,
      production: true,
    });
    return { ok: true, code };
  } catch (e) {
    return { ok: false, error: errorLine(e, 200) };
  }
}

/**
 * sucrase removes non-declare namespaces instead of compiling them, so their bodies would be
 * missed: a file that has one (or anything like one) is token-scanned instead. Looked for in
 * the text with comments and strings blanked, so `namespace /* *\/ X`, a comment before it
 * or a non-ASCII name do not hide it; `declare namespace` is caught too (harmless: token scan).
 */
export function hasValueNamespace(source: string): boolean {
  const code = source.replace(CODE_TEXT, (m) => m.replace(/[^\n]/g, " "));
  return NAMESPACE.test(code) || MODULE_BLOCK.test(code);
}

// Each is anchored on a keyword and cannot backtrack across lines: linear in the text.
const NAMESPACE = /\bnamespace\s+[^\s.:=(),;\]?!<>'"`]/;
const MODULE_BLOCK = /\bmodule\s+[\p{ID_Start}$_][\p{ID_Continue}$.]*\s*\{/u;
