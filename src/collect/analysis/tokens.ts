import type { AddressFact, CapabilityId } from "../../evidence/code.js";
import type { FileFacts, FileRecorder } from "./facts.js";
import { publicIpIn, secretPathIn, unusualHost, urlsIn } from "./patterns.js";
import { FS_MODULES, FS_READ, FS_WRITE, MODULE_CAPABILITY, moduleName } from "./rules.js";

/**
 * The fallback for files the parser rejects (TypeScript sources, syntax meriyah does not
 * know): comments are blanked, then imports, well-known calls and string literals are matched
 * as tokens. It cannot follow aliases, so the file is marked `token-scan` in the coverage.
 */
export function tokenScan(rec: FileRecorder): FileFacts {
  const text = blankComments(rec.source);
  const imported = new Set<string>();
  for (const m of text.matchAll(
    // Horizontal space only after `^`: with `\s*` every line start would scan the whole run of
    // newlines below it, quadratic in hostile files of blank lines.
    /\b(?:require|import)\s*\(\s*(['"`])([^'"`\n]+)\1|\bfrom\s*(['"])([^'"\n]+)\3|^[ \t]*import[ \t]*(['"])([^'"\n]+)\5/gm,
  )) {
    const spec = m[2] ?? m[4] ?? m[6]!;
    if (/^[ \t]*import\s+type\b/.test(lineAt(text, m.index))) continue;
    recordImport(rec, imported, spec, m.index);
  }
  recordWellKnownCalls(rec, text);
  if ([...imported].some((m) => FS_MODULES.has(m))) {
    for (const m of text.matchAll(/\b([a-z][A-Za-z]+?)(?:Sync)?\s*\(/g)) {
      const fn = m[1]!;
      if (FS_WRITE.has(fn) && fn.length > 3) rec.capability("fs.write", m.index, fn);
      else if (FS_READ.has(fn) && fn.length > 4) rec.capability("fs.read", m.index, fn);
    }
  }
  recordEnvNames(rec, text);
  if (/\bprocess\.argv\b/.test(text)) {
    rec.facts.positionalArgs = true;
    rec.facts.parsesArgs = true;
  }
  if (["commander", "yargs", "minimist", "meow"].some((m) => imported.has(m))) rec.facts.parsesArgs = true;
  const addresses: (AddressFact | undefined)[] = [];
  for (const m of text.matchAll(/(['"`])((?:\\.|(?!\1)[^\\\n]){1,300})\1/g)) {
    const s = m[2]!;
    const what = secretPathIn(s);
    if (what && s.split(" ").length <= 4) rec.capability("secrets.paths", m.index, what);
    const ip = publicIpIn(s);
    if (ip) addresses.push(rec.address(m.index, "ip", ip));
    for (const hit of urlsIn(s)) {
      rec.host(hit.host);
      if (unusualHost(hit))
        addresses.push(rec.address(m.index, "unusual-host", `${hit.host}${hit.path.slice(0, 60)}`));
    }
    if (/^--[a-z][a-z0-9-]{1,40}$/.test(s)) rec.flagLiteral(s);
  }
  // Without an AST no flow can be followed: an address in a file that uses the network is
  // taken to reach it (the safe side for a file that could not be read precisely).
  if (rec.has("net.outbound")) for (const a of addresses) if (a) a.reachesNetwork = true;
  return rec.finish();
}

/** An imported module: its capabilities, a relative import to follow, a native addon. */
export function recordImport(rec: FileRecorder, imported: Set<string>, spec: string, at: number): void {
  const mod = moduleName(spec);
  imported.add(mod);
  if (spec.startsWith(".")) rec.facts.relativeImports.push(spec);
  if (spec.endsWith(".node")) rec.capability("native", at, `loads ${spec}`);
  for (const id of MODULE_CAPABILITY.get(mod) ?? []) rec.capability(id, at, `imports ${mod}`);
}

/** Calls that need no import to reach the network, run code or load native code. */
const WELL_KNOWN_CALLS: readonly [RegExp, CapabilityId, string][] = [
  [/(?<![.\w$])fetch\s*\(/g, "net.outbound", "fetch"],
  [/\bnew\s+WebSocket\s*\(/g, "net.outbound", "WebSocket"],
  [/\bhttps?\.(?:request|get)\s*\(/g, "net.outbound", "http request"],
  [/(?<![.\w$])eval\s*\(/g, "code.dynamic", "eval"],
  [/\bnew\s+Function\s*\(/g, "code.dynamic", "Function"],
  [/\bprocess\.dlopen\s*\(/g, "native", "process.dlopen"],
];

export function recordWellKnownCalls(rec: FileRecorder, text: string): void {
  for (const [re, id, detail] of WELL_KNOWN_CALLS)
    for (const m of text.matchAll(re)) rec.capability(id, m.index, detail);
}

/** `process.env.X`, `process.env["X"]` (one variable), bare `process.env` (the whole environment). */
export function recordEnvNames(rec: FileRecorder, text: string): void {
  for (const m of text.matchAll(
    /\bprocess\.env(?:\.([A-Za-z_$][\w$]*)|\[\s*(['"])([^'"]{1,200})\2\s*\])?/g,
  )) {
    const name = m[1] ?? m[3];
    if (name) rec.env(name, m.index);
    else rec.envWhole(m.index);
  }
}

/** Replaces comments with spaces (keeping newlines, so line numbers hold), leaving strings alone. */
export function blankComments(source: string): string {
  return source.replace(CODE_TEXT, (match, str: string | undefined) =>
    str !== undefined ? match : match.replace(/[^\n]/g, " "),
  );
}

/**
 * Strings (group 1) and comments. Every alternative also matches when its closing mark is
 * missing (it runs to the line's or the text's end), so that hostile text full of unclosed
 * quotes or `/*` costs one pass, not one pass per opening.
 */
export const CODE_TEXT =
  /("(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?|`(?:\\[\s\S]|[^`\\])*`?)|\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$(?![\s\S]))/g;

function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf("\n", offset) + 1;
  const end = text.indexOf("\n", offset);
  return text.slice(start, end === -1 ? undefined : end);
}
