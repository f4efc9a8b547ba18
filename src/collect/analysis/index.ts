import type {
  CapabilityId,
  CapabilityUse,
  CodeAnalysis,
  CodeLocation,
  EnvAccess,
  InstallScriptView,
  McpTool,
} from "../../evidence/code.js";
import { CAPABILITY_IDS, CODE_LIMITS, INSTALL_HOOKS } from "../../evidence/code.js";
import type { Manifest } from "../../evidence/index.js";
import { AstAnalysis } from "./ast.js";
import { type FileFacts, FileRecorder } from "./facts.js";
import { linkFlowsAcrossFiles } from "./flows.js";
import { entryPoints, looksLikeTest, reachable } from "./graph.js";
import { linkAcrossFiles, reachedSites } from "./handlers.js";
import { PARSER_NAME, parseJs } from "./parser.js";
import { resolveImport } from "./paths.js";
import { CREDENTIAL_NAME } from "./rules.js";
import { tokenScan } from "./tokens.js";
import { hasValueNamespace, stripTypes } from "./typescript.js";

export interface PackageEntry {
  /** Relative to the package root, e.g. "dist/index.js". */
  path: string;
  content: Buffer;
}

/** Files larger than this are listed as skipped rather than parsed. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Files larger than this are parsed without node offsets, to bound memory; evidence lines are then found by text search. */
export const POSITIONS_MAX_BYTES = 10 * 1024 * 1024;

const JS_EXT = /\.(?:m|c)?jsx?$/;
const TS_EXT = /\.(?:m|c)?tsx?$/;
const JSX_EXT = /\.(?:j|t)sx$/;
const DECLARATION = /\.d\.(?:m|c)?ts$/;

/** Variables every program may read; not configuration the user has to provide. */
const AMBIENT_ENV = new Set(
  "NODE_ENV HOME PATH USERPROFILE APPDATA LOCALAPPDATA TMPDIR TEMP TMP PWD SHELL TERM CI DEBUG NODE_DEBUG NODE_OPTIONS LANG LC_ALL FORCE_COLOR NO_COLOR COLORTERM USER USERNAME HOSTNAME SystemRoot ComSpec PATHEXT XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR npm_package_version npm_lifecycle_event NODE_DEBUG".split(
    " ",
  ),
);

/**
 * Reads what the package's own code can do, statically, from its files already in memory.
 * Pure: no I/O, no clock; the same files give the same answer.
 */
export interface AnalyzeOptions {
  /** Reads a file another way (the skim, for vendored bundles) instead of parsing it; undefined: parse. */
  read?: (path: string, content: Buffer) => FileFacts | undefined;
}

export function analyzePackage(
  files: readonly PackageEntry[],
  manifest?: Manifest,
  options: AnalyzeOptions = {},
): CodeAnalysis {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const perFile = new Map<string, FileFacts>();
  const analysis = emptyAnalysis();
  const cov = analysis.coverage;
  const nativeFiles: string[] = [];
  for (const f of sorted) {
    if (f.path.endsWith(".node")) nativeFiles.push(f.path);
    if (!isCode(f)) continue;
    if (f.content.length > MAX_FILE_BYTES) {
      if (cov.skipped.length < CODE_LIMITS.notes) cov.skipped.push(f.path);
      continue;
    }
    const other = options.read?.(f.path, f.content);
    const facts = other ?? analyzeFile(f.path, f.content.toString("utf8"));
    cov.analysed++;
    cov.bytes += f.content.length;
    if (other) {
      cov.skimmed ??= [];
      if (cov.skimmed.length < CODE_LIMITS.notes) cov.skimmed.push({ path: f.path, bytes: f.content.length });
    } else if (facts.parser === "ast") {
      cov.parsed++;
      if (facts.reason && analysis.notes.length < CODE_LIMITS.notes)
        analysis.notes.push(`${f.path}: ${facts.reason}`);
    } else if (cov.tokenScanned.length < CODE_LIMITS.notes) {
      cov.tokenScanned.push({ path: f.path, reason: facts.reason ?? "" });
    }
    perFile.set(f.path, facts);
  }
  try {
    linkAcrossFiles(perFile);
  } catch (e) {
    for (const facts of perFile.values())
      for (const t of facts.tools) if (t.handler) t.handler.complete = false;
    analysis.notes.push(
      `tool handlers not linked across files: ${e instanceof Error ? e.message.slice(0, 100) : "error"}`,
    );
  }
  try {
    linkFlowsAcrossFiles(perFile);
  } catch (e) {
    analysis.notes.push(
      `data flows not followed across files: ${e instanceof Error ? e.message.slice(0, 100) : "error"}`,
    );
  }
  nameTools(perFile);
  const packageJson = files.find((f) => f.path === "package.json" && f.content.length < 1 << 20);
  const entries = entryPoints(manifest, packageJson?.content.toString("utf8"), perFile);
  const runtime = reachable(entries, (p) => perFile.get(p)?.relativeImports ?? [], perFile);
  // Without an entry found, nothing can be said to be outside the program.
  const outside = (p: string) => entries.length > 0 && !runtime.has(p) && looksLikeTest(p);
  analysis.runtime.entries = entries.slice(0, CODE_LIMITS.notes);
  const nonRuntime: FileFacts[] = [];
  const kept: FileFacts[] = [];
  for (const f of perFile.values()) (outside(f.path) ? nonRuntime : kept).push(f);
  merge(analysis, kept);
  for (const f of nonRuntime) {
    if (analysis.runtime.nonRuntimeFiles.length < CODE_LIMITS.nonRuntimeFiles)
      analysis.runtime.nonRuntimeFiles.push(f.path);
    for (const [id, use] of f.capabilities) {
      const [first, ...rest] = use.evidence;
      const u = addUse(analysis.runtime.nonRuntimeCapabilities, id, first ?? { file: f.path }, use.count);
      for (const loc of rest) if (u.evidence.length < CODE_LIMITS.evidencePerCapability) u.evidence.push(loc);
    }
  }
  for (const p of nativeFiles.slice(0, CODE_LIMITS.evidencePerCapability)) {
    addCapability(analysis, "native", { file: p, detail: "prebuilt native addon" });
  }
  const hasGyp = files.some((f) => f.path === "binding.gyp") || manifest?.gypfile === true;
  if (hasGyp)
    addCapability(analysis, "native", { file: "binding.gyp", detail: "compiled at install by node-gyp" });
  analysis.install = {
    scripts: manifest ? installScripts(manifest, perFile) : [],
    nativeBuild: hasGyp,
  };
  return analysis;
}

/** Analyses one file's text: the AST when it parses, else the token scan. */
export function analyzeFile(
  path: string,
  source: string,
  positions = source.length <= POSITIONS_MAX_BYTES,
): FileFacts {
  if (TS_EXT.test(path)) return analyzeTypeScript(path, source, positions);
  return analyzeJs(path, source, positions, JSX_EXT.test(path));
}

function analyzeJs(path: string, source: string, positions: boolean, jsx: boolean): FileFacts {
  const kind = path.endsWith(".mjs") ? "module" : path.endsWith(".cjs") ? "commonjs" : "either";
  const parsed = parseJs(source, kind, positions, jsx);
  if (parsed.ok) {
    const facts = new AstAnalysis(new FileRecorder(path, source, "ast"), parsed.program).run();
    if (!positions)
      facts.reason = "large file: parsed without offsets, evidence lines located by text search";
    return facts;
  }
  const facts = tokenScan(new FileRecorder(path, source, "token-scan"));
  facts.reason = `parse error: ${parsed.error}`;
  return facts;
}

/** Types stripped, then the JavaScript path; the stripped text keeps the source's lines. */
function analyzeTypeScript(path: string, source: string, positions: boolean): FileFacts {
  let reason: string;
  if (hasValueNamespace(source)) reason = "TypeScript namespace, which the type stripper does not compile";
  else {
    const jsx = JSX_EXT.test(path);
    const stripped = stripTypes(source, jsx);
    if (stripped.ok) {
      const facts = analyzeJs(path, stripped.code, positions, jsx);
      if (facts.parser === "ast") return facts;
      reason = `TypeScript: ${facts.reason ?? "parse error"}`;
    } else reason = `TypeScript parse error: ${stripped.error}`;
  }
  const facts = tokenScan(new FileRecorder(path, source, "token-scan"));
  facts.reason = reason;
  return facts;
}

function isCode(f: PackageEntry): boolean {
  if (DECLARATION.test(f.path)) return false;
  if (JS_EXT.test(f.path) || TS_EXT.test(f.path)) return true;
  // Extensionless bin scripts: `#!/usr/bin/env node`.
  const base = f.path.slice(f.path.lastIndexOf("/") + 1);
  return (
    !base.includes(".") &&
    f.content.subarray(0, 64).toString("latin1").startsWith("#!") &&
    f.content.subarray(0, 64).toString("latin1").includes("node")
  );
}

/** An analysis with nothing found yet; `parser` says what read the code (a tool list reads none). */
export function emptyAnalysis(parser: string = PARSER_NAME): CodeAnalysis {
  return {
    parser,
    coverage: { analysed: 0, parsed: 0, tokenScanned: [], bytes: 0, skipped: [] },
    capabilities: [],
    env: [],
    envEnumeration: [],
    config: { env: [], args: [], positionalArgs: false },
    install: { scripts: [], nativeBuild: false },
    flows: [],
    execs: [],
    emails: [],
    credentialReads: [],
    addresses: [],
    obfuscation: [],
    decoded: [],
    runtime: { entries: [], nonRuntimeFiles: [], nonRuntimeCapabilities: [] },
    hosts: [],
    tools: [],
    prompts: [],
    resources: [],
    notes: [],
  };
}

function addCapability(a: CodeAnalysis, id: CapabilityId, loc: CodeLocation, count = 1): CapabilityUse {
  return addUse(a.capabilities, id, loc, count);
}

function addUse(list: CapabilityUse[], id: CapabilityId, loc: CodeLocation, count = 1): CapabilityUse {
  let use = list.find((c) => c.id === id);
  if (!use) {
    use = { id, count: 0, files: [], evidence: [] };
    list.push(use);
    list.sort((x, y) => CAPABILITY_IDS.indexOf(x.id) - CAPABILITY_IDS.indexOf(y.id));
  }
  use.count += count;
  if (loc.file && !use.files.includes(loc.file) && use.files.length < CODE_LIMITS.evidencePerCapability) {
    use.files.push(loc.file);
  }
  if (use.evidence.length < CODE_LIMITS.evidencePerCapability) use.evidence.push(loc);
  return use;
}

function merge(a: CodeAnalysis, all: FileFacts[]): void {
  const env = new Map<string, EnvAccess>();
  const hosts = new Set<string>();
  const args = new Set<string>();
  const toolKeys = new Set<string>();
  for (const f of all) {
    for (const [id, use] of f.capabilities) {
      const [first, ...rest] = use.evidence;
      const u = addCapability(a, id, first ?? { file: f.path }, use.count);
      for (const loc of rest) if (u.evidence.length < CODE_LIMITS.evidencePerCapability) u.evidence.push(loc);
    }
    for (const [name, where] of f.env) {
      if (!env.has(name) && env.size < CODE_LIMITS.envNames) {
        env.set(name, { name, credentialLike: CREDENTIAL_NAME.test(name), where });
      }
    }
    for (const loc of f.envEnumeration) {
      if (a.envEnumeration.length < CODE_LIMITS.evidencePerCapability) a.envEnumeration.push(loc);
    }
    push(a.flows, f.flows, CODE_LIMITS.flows);
    push(a.execs, f.execs, CODE_LIMITS.facts);
    push(a.emails, f.emails, CODE_LIMITS.facts);
    push(a.credentialReads, f.credentialReads, CODE_LIMITS.facts);
    push(a.addresses, f.addresses, CODE_LIMITS.facts);
    push(a.obfuscation, f.obfuscation, CODE_LIMITS.facts);
    push(a.decoded, f.decoded, CODE_LIMITS.facts);
    for (const h of f.hosts) if (hosts.size < CODE_LIMITS.hosts) hosts.add(h);
    for (const x of f.args) if (args.size < CODE_LIMITS.args) args.add(x);
    if (f.positionalArgs) a.config.positionalArgs = true;
    for (const t of f.tools) addUnique(a.tools, t, `${t.name}\u0000${t.hash}`, toolKeys);
    for (const p of f.prompts) {
      if (a.prompts.length < CODE_LIMITS.tools && !a.prompts.some((x) => x.name === p.name))
        a.prompts.push(p);
    }
    for (const r of f.resources) {
      if (a.resources.length < CODE_LIMITS.tools && !a.resources.some((x) => x.name === r.name))
        a.resources.push(r);
    }
  }
  a.env = [...env.values()].sort((x, y) => (x.name < y.name ? -1 : 1));
  a.config.env = a.env
    .filter((e) => !AMBIENT_ENV.has(e.name) && !e.name.startsWith("npm_"))
    .map((e) => ({ name: e.name, credentialLike: e.credentialLike }));
  a.config.args = [...args].sort();
  a.hosts = [...hosts].sort();
}

function push<T>(into: T[], from: readonly T[], max: number): void {
  for (const x of from) {
    if (into.length >= max) return;
    into.push(x);
  }
}

/**
 * Names, in each fact a tool handler reaches (a flow's sink, an exec, an e-mail message, a
 * credential read), the tools that reach it: the handlers were linked over the facts' sites.
 */
function nameTools(perFile: ReadonlyMap<string, FileFacts>): void {
  for (const facts of perFile.values()) {
    for (const tool of facts.tools) {
      const sites = tool.handler ? reachedSites(tool.handler) : undefined;
      if (!sites) continue;
      for (const key of sites) {
        const cut = key.lastIndexOf("\u0000");
        const list = perFile.get(key.slice(0, cut))?.sites.get(Number(key.slice(cut + 1)));
        for (const fact of list ?? [])
          if (fact.tools.length < 20 && !fact.tools.includes(tool.name)) fact.tools.push(tool.name);
      }
    }
  }
}

function addUnique(list: McpTool[], t: McpTool, key: string, seen: Set<string>): void {
  if (seen.has(key) || list.length >= CODE_LIMITS.tools) return;
  seen.add(key);
  list.push(t);
}

/** What each install hook runs: the package files it reaches and their capabilities. */
function installScripts(manifest: Manifest, perFile: Map<string, FileFacts>): InstallScriptView[] {
  const out: InstallScriptView[] = [];
  for (const hook of INSTALL_HOOKS) {
    const command = manifest.scripts[hook];
    if (command === undefined) continue;
    const programs = new Set<string>();
    const entries: string[] = [];
    const caps = new Set<CapabilityId>();
    for (const segment of command.split(/&&|\|\||[;|]/)) {
      const words = segment.trim().split(/\s+/).filter(Boolean);
      const program = words[0]?.split("/").pop();
      if (!program) continue;
      programs.add(program);
      if (/^(?:curl|wget|nc|ncat)$/.test(program)) caps.add("net.outbound");
      if (/^(?:sh|bash|zsh|powershell|pwsh|cmd)$/.test(program)) caps.add("process.exec");
      if (program === "node-gyp" || program === "prebuild-install" || program === "node-gyp-build")
        caps.add("native");
      if (program === "node") {
        const inline = segment.match(/\s-(?:e|p|-eval|-print)\s+(["'])([\s\S]*)\1/);
        if (inline) {
          for (const id of analyzeFile(`package.json#scripts.${hook}`, inline[2]!).capabilities.keys())
            caps.add(id);
        }
        const file = words.slice(1).find((w) => !w.startsWith("-"));
        if (file && !inline) entries.push(file);
      }
    }
    const reached = reach(entries, perFile);
    for (const path of reached) for (const id of perFile.get(path)?.capabilities.keys() ?? []) caps.add(id);
    out.push({
      hook,
      command: command.slice(0, 500),
      files: reached.slice(0, 50),
      capabilities: CAPABILITY_IDS.filter((id) => caps.has(id)),
      programs: [...programs].slice(0, 20),
    });
  }
  return out;
}

/** Files reachable from the entry files through relative imports. */
function reach(entries: string[], perFile: Map<string, FileFacts>): string[] {
  const seen: string[] = [];
  const queue = entries.map((e) => resolveImport("", e, perFile)).filter(isString);
  while (queue.length > 0 && seen.length < 500) {
    const path = queue.shift()!;
    if (seen.includes(path)) continue;
    seen.push(path);
    for (const spec of perFile.get(path)?.relativeImports ?? []) {
      const target = resolveImport(path, spec, perFile);
      if (target && !seen.includes(target)) queue.push(target);
    }
  }
  return seen;
}

function isString(v: string | undefined): v is string {
  return v !== undefined;
}

export type { FileFacts } from "./facts.js";
