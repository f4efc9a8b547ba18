import {
  createScanner,
  type Node,
  type ParseError,
  parseTree,
  printParseErrorCode,
  SyntaxKind,
} from "jsonc-parser";
import type {
  ConfigClient,
  ConfigEntryEvidence,
  ConfigPathFact,
  ConfigScope,
  ConfigValueFact,
  JsonPath,
  Launch,
} from "../evidence/config.js";
import { launchTarget, unwrapLaunch } from "./launch.js";
import { detectSecrets, findReferences, replaceSecrets, scanValue } from "./secrets.js";

/**
 * Reads one client config file's text into entries. Never throws for a bad file: syntax
 * errors come back with their line, and every value is stored masked.
 */

export interface ConfigFileRef {
  client: ConfigClient;
  path: string;
  scope: ConfigScope;
}

export interface ConfigFileError {
  message: string;
  line?: number;
  column?: number;
}

export interface ConfigInput {
  id: string;
  type?: string;
  password?: boolean;
}

export interface ParsedConfigFile extends ConfigFileRef {
  encoding: "utf8" | "utf8-bom" | "utf16le" | "utf16be" | "unknown";
  entries: ConfigEntryEvidence[];
  /** VS Code `inputs`. */
  inputs: ConfigInput[];
  /** Syntax errors, or a cap that stopped reading. Non-empty: the client may not load the file. */
  errors: ConfigFileError[];
  notes: string[];
}

/**
 * Caps on a config file. A client reads the whole file with JSON.parse, so a cap that stops
 * reading is an error of the file (`could not vet`, exit 3), never a silent "no servers":
 * padding or an unrelated deep array must not hide the servers the client still starts.
 */
export const LIMITS = {
  fileBytes: 16 * 1024 * 1024,
  /** jsonc-parser recurses per level; real configs nest a handful. */
  depth: 512,
  /** Values and punctuation: what the parse tree costs memory for (whitespace and comments are free). */
  tokens: 1_000_000,
  entriesPerFile: 500,
  valuesPerEntry: 500,
  stringChars: 2048,
  nameChars: 200,
} as const;

/**
 * Clients known to read their file with plain JSON.parse, so a comment or trailing comma
 * breaks the whole file. Others are read leniently: a false "broken file" is worse than a
 * missed one.
 */
const STRICT_JSON: ReadonlySet<ConfigClient> = new Set([
  "claude-desktop",
  "claude-code",
  "cline",
  "roo-code",
]);

export function decodeConfigBytes(
  bytes: Uint8Array,
): { text: string; encoding: ParsedConfigFile["encoding"] } | { error: string } {
  const b = bytes;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return decodeWith("utf-8", b.subarray(3), "utf8-bom");
  if (b[0] === 0xff && b[1] === 0xfe) return decodeWith("utf-16le", b.subarray(2), "utf16le");
  if (b[0] === 0xfe && b[1] === 0xff) return decodeWith("utf-16be", b.subarray(2), "utf16be");
  // UTF-16 without a BOM: `{` followed by a NUL (LE) or a NUL then `{` (BE).
  if (b.length >= 2 && b[1] === 0 && b[0] !== 0) return decodeWith("utf-16le", b, "utf16le");
  if (b.length >= 2 && b[0] === 0 && b[1] !== 0) return decodeWith("utf-16be", b, "utf16be");
  return decodeWith("utf-8", b, "utf8");
}

function decodeWith(
  label: string,
  bytes: Uint8Array,
  encoding: ParsedConfigFile["encoding"],
): { text: string; encoding: ParsedConfigFile["encoding"] } | { error: string } {
  try {
    const text = new TextDecoder(label, { fatal: true }).decode(bytes);
    if (text.includes("\u0000"))
      return { error: `not a text file (NUL characters after ${encoding} decoding)` };
    return { text, encoding };
  } catch {
    return { error: `not valid ${label.toUpperCase()}` };
  }
}

class Lines {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  /** 1-based line and column of an offset. */
  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
}

/**
 * jsonc-parser recurses per level and builds a node per value: refuse hostile nesting and
 * value counts before they can blow the stack or the heap.
 */
function tooDeep(text: string, lines: Lines): ConfigFileError | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  let tokens = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (++tokens > LIMITS.tokens) {
      return {
        message: `more than ${LIMITS.tokens} values and delimiters; not read`,
        ...lines.at(scanner.getTokenOffset()),
      };
    }
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
      if (++depth > LIMITS.depth) {
        return {
          message: `nested deeper than ${LIMITS.depth} levels; not read`,
          ...lines.at(scanner.getTokenOffset()),
        };
      }
    } else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) depth--;
  }
  return undefined;
}

function cap(s: string, n: number = LIMITS.stringChars): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** A key (server, env or header name) that itself looks like a credential is never stored as is. */
function keyLeaks(key: string): boolean {
  return detectSecrets(key).length > 0;
}

/**
 * The name a key is stored (and, by `--fix`, rewritten) under: the key itself, or, when it
 * looks like a credential, its mask made unique among `taken`. A leaked key is recorded as a
 * `key` fact, so the credential in it is reported and `--fix` renames it.
 */
function keyName(
  ctx: EntryContext,
  key: string,
  keyNode: Node,
  parentPath: JsonPath,
  what: string,
  taken: Set<string>,
): string {
  if (!keyLeaks(key)) {
    taken.add(key);
    return key;
  }
  const scanned = scanValue(key, undefined, LIMITS.nameChars);
  let name = scanned.masked;
  for (let n = 2; taken.has(name); n++) name = `${scanned.masked}-${n}`;
  taken.add(name);
  ctx.keyFacts.push({
    where: "key",
    key: what,
    masked: name,
    references: [],
    path: [...parentPath, name],
    line: ctx.lines.at(keyNode.offset).line,
    keyOffset: keyNode.offset,
    secret: { kinds: scanned.kinds, envName: "", replacement: name },
  });
  return name;
}

/** A key for a note: masked and short. */
function safe(key: string): string {
  return cap(scanValue(key).masked, 60);
}

function prop(node: Node | undefined, key: string): Node | undefined {
  if (node?.type !== "object") return undefined;
  // The last one wins, as JSON.parse does.
  let found: Node | undefined;
  for (const p of node.children ?? []) if (p.children?.[0]?.value === key) found = p.children[1];
  return found;
}

function str(node: Node | undefined): string | undefined {
  if (node?.type === "string") return node.value as string;
  if (node?.type === "number" || node?.type === "boolean") return String(node.value);
  return undefined;
}

function properties(node: Node | undefined): { key: string; keyNode: Node; value: Node }[] {
  if (node?.type !== "object") return [];
  const out = [];
  for (const p of node.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k?.type === "string" && v) out.push({ key: k.value as string, keyNode: k, value: v });
  }
  return out;
}

/** Reference syntax each client expands in its config (undefined: none documented). */
const REFERENCE_SYNTAX: Partial<Record<ConfigClient, (name: string) => string>> = {
  vscode: (n) => `\${env:${n}}`,
  cursor: (n) => `\${env:${n}}`,
  windsurf: (n) => `\${env:${n}}`,
  "claude-code": (n) => `\${${n}}`,
  "gemini-cli": (n) => `\${${n}}`,
  "copilot-cli": (n) => `\${${n}}`,
};

/** How `client` writes a reference to env var `name`; clients without one get `${NAME}`. */
export function referenceFor(client: ConfigClient, name: string): string {
  return (REFERENCE_SYNTAX[client] ?? ((n: string) => `\${${n}}`))(name);
}

export function clientExpandsReferences(client: ConfigClient): boolean {
  return REFERENCE_SYNTAX[client] !== undefined;
}

function envName(...parts: string[]): string {
  const n = parts
    .filter(Boolean)
    .join("_")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return /^\d/.test(n) ? `_${n}` : n || "SECRET";
}

interface EntryContext {
  ref: ConfigFileRef;
  lines: Lines;
  serverName: string;
  notes: string[];
  /** The file's errors: a cap that stopped reading this entry is one. */
  errors: ConfigFileError[];
  /** Keys inside the entry that looked like credentials (see keyName). */
  keyFacts: ConfigValueFact[];
}

function fact(
  ctx: EntryContext,
  where: ConfigValueFact["where"],
  raw: string,
  node: Node,
  path: JsonPath,
  opts: { key?: string; index?: number; hint?: string } = {},
): ConfigValueFact {
  const scanned = scanValue(raw, opts.hint ?? opts.key, LIMITS.stringChars);
  const out: ConfigValueFact = {
    where,
    ...(opts.key !== undefined ? { key: cap(opts.key, LIMITS.nameChars) } : {}),
    ...(opts.index !== undefined ? { index: opts.index } : {}),
    masked: scanned.masked,
    references: findReferences(scanned.masked),
    path,
    line: ctx.lines.at(node.offset).line,
  };
  if (scanned.kinds.length > 0) {
    const name =
      where === "env" && opts.key
        ? envName(opts.key)
        : envName(
            ctx.serverName,
            opts.hint ?? opts.key ?? (where === "headers" ? "token" : scanned.kinds[0]!),
          );
    const reference = referenceFor(ctx.ref.client, name);
    // The whole value, scanned whole: `--fix` writes it back into the file, so it is never cut.
    const replaced = replaceSecrets(raw, scanValue(raw, opts.hint ?? opts.key).matches, () => reference);
    out.secret = { kinds: scanned.kinds, envName: name, replacement: replaced };
  }
  return out;
}

/**
 * For `--api-key=v`, `API_KEY=v` (docker -e) or `--api-key v`: the name the value is given
 * under. `-p v` is a password to the server's own arguments (mysql, psql, redis-cli …), but
 * npx's package, uv's Python and docker's port before them: `serverArgsFrom` is where the
 * server's arguments start, undefined when `-p` is never a password for this launch.
 */
function argHint(args: readonly string[], i: number, serverArgsFrom?: number): string | undefined {
  const a = args[i]!;
  const eq = a.match(/^--?([A-Za-z0-9_.-]{1,64})=/) ?? a.match(/^([A-Za-z_][A-Za-z0-9_]{0,63})=/);
  if (eq) return eq[1];
  const prev = args[i - 1];
  if (prev === "-p" && serverArgsFrom !== undefined && i > serverArgsFrom && !/^[\d.:/-]+$/.test(a))
    return "password";
  // Only a plain flag name (`--api-key`), never a value that happens to start with dashes.
  if (prev && /^--?[A-Za-z][A-Za-z0-9_.-]{1,63}$/.test(prev)) return prev.replace(/^-+/, "");
  return undefined;
}

const PATH_LIKE =
  /^(?:\/|~(?:[\\/]|$)|\$HOME\b|\$\{HOME\}|\$\{env:(?:HOME|USERPROFILE)\}|%USERPROFILE%|%HOMEDRIVE%|[A-Za-z]:(?:[\\/]|$)|\\\\)/;

function pathFacts(launch: Launch, cwd: string | undefined): ConfigPathFact[] {
  const out: ConfigPathFact[] = [];
  if ("serverArgs" in launch) {
    for (const a of launch.serverArgs) {
      const v = a.match(/^--?[A-Za-z0-9_-]+=(.*)$/)?.[1] ?? a;
      if (PATH_LIKE.test(v) && !/^\/\//.test(v)) out.push({ value: cap(v, 1024), source: "arg" });
    }
  }
  if (launch.kind === "docker") {
    for (const m of launch.mounts)
      out.push({ value: cap(m.source, 1024), source: "mount", readOnly: m.readOnly });
  }
  if (cwd !== undefined) out.push({ value: cap(cwd, 1024), source: "cwd" });
  return out.slice(0, LIMITS.valuesPerEntry);
}

/** String leaves of an extension's `settings`, keyed by dotted path, a few levels deep. */
function settingsFacts(
  ctx: EntryContext,
  node: Node | undefined,
  path: JsonPath,
  prefix = "",
  depth = 0,
): ConfigValueFact[] {
  if (node?.type !== "object" || depth > 3) return [];
  const out: ConfigValueFact[] = [];
  const taken = new Set<string>();
  for (const { key: raw, keyNode, value } of properties(node)) {
    if (out.length >= LIMITS.valuesPerEntry) break;
    const key = keyName(ctx, raw, keyNode, path, "a settings name", taken);
    const dotted = prefix ? `${prefix}.${key}` : key;
    const v = value.type === "string" ? (value.value as string) : undefined;
    if (v !== undefined)
      out.push(fact(ctx, "settings", v, value, [...path, key], { key: dotted, hint: key }));
    else for (const f of settingsFacts(ctx, value, [...path, key], dotted, depth + 1)) out.push(f);
  }
  return out;
}

function transportOf(type: string | undefined, urlKey: string): ConfigEntryEvidence["transport"] {
  const t = type?.toLowerCase();
  if (t === "http") return "http";
  if (t === "sse") return "sse";
  if (t === "streamable-http" || t === "streamablehttp") return "streamable-http";
  if (urlKey === "httpUrl") return "streamable-http";
  return "unknown";
}

function readEntry(
  ctx: EntryContext,
  keyNode: Node,
  node: Node,
  path: JsonPath,
  project: string | undefined,
): ConfigEntryEvidence {
  const { ref } = ctx;
  const notes = ctx.notes;
  // Zed's older shape: `"command": { "path", "args", "env" }`.
  const cmdNode = prop(node, "command");
  const nested = cmdNode?.type === "object" ? cmdNode : undefined;
  const base = nested ?? node;
  const basePath = nested ? [...path, "command"] : path;
  const command = nested ? str(prop(nested, "path")) : str(cmdNode);

  const args: ConfigValueFact[] = [];
  const argsNode = prop(base, "args");
  const rawArgs: string[] = [];
  if (argsNode && argsNode.type !== "array") notes.push("`args` is not an array");
  for (const [i, a] of (argsNode?.type === "array" ? (argsNode.children ?? []) : []).entries()) {
    if (i >= LIMITS.valuesPerEntry) {
      ctx.errors.push({
        message: `server ${safe(ctx.serverName)} has more than ${LIMITS.valuesPerEntry} args; the rest not read`,
        line: ctx.lines.at(argsNode!.offset).line,
      });
      break;
    }
    const v = str(a);
    if (v === undefined) {
      notes.push(`args[${i}] is not a string`);
      rawArgs.push("");
      continue;
    }
    rawArgs.push(v);
  }
  // Where the server's own arguments start, read off the unmasked line; it is not stored.
  const pre = command !== undefined ? unwrapLaunch(command, rawArgs).launch : undefined;
  const serverArgsFrom =
    pre && (pre.kind === "npm" || pre.kind === "npm-url")
      ? pre.specIndex >= 0
        ? pre.specIndex
        : undefined
      : pre && (pre.kind === "node" || pre.kind === "binary")
        ? 0
        : undefined;
  for (const [i, v] of rawArgs.entries()) {
    const n = argsNode!.children![i]!;
    args.push(
      fact(ctx, "args", v, n, [...basePath, "args", i], {
        index: i,
        hint: argHint(rawArgs, i, serverArgsFrom),
      }),
    );
  }

  const map = (key: "env" | "headers", from: Node | undefined, fromPath: JsonPath): ConfigValueFact[] => {
    const n = prop(from, key);
    if (n && n.type !== "object") notes.push(`\`${key}\` is not an object`);
    const taken = new Set<string>();
    return properties(n)
      .slice(0, LIMITS.valuesPerEntry)
      .flatMap(({ key: raw, keyNode, value }) => {
        const k = keyName(ctx, raw, keyNode, [...fromPath, key], `an ${key} name`, taken);
        const v = str(value);
        if (v === undefined) {
          notes.push(`${key}.${safe(k)} is not a string`);
          return [];
        }
        return [fact(ctx, key, v, value, [...fromPath, key, k], { key: k })];
      });
  };
  const env = map("env", base, basePath);
  const headers = map("headers", node, path);
  const settings = settingsFacts(ctx, prop(node, "settings"), [...path, "settings"]);

  let url: ConfigValueFact | undefined;
  let urlKey = "url";
  for (const k of ["url", "serverUrl", "httpUrl"]) {
    const n = prop(node, k);
    const v = str(n);
    if (n && v !== undefined) {
      url = fact(ctx, "url", v, n, [...path, k]);
      urlKey = k;
    }
  }
  const cwdNode = prop(base, "cwd");
  const cwdRaw = str(cwdNode);
  const cwd =
    cwdNode && cwdRaw !== undefined ? fact(ctx, "cwd", cwdRaw, cwdNode, [...basePath, "cwd"]) : undefined;

  const disabled = prop(node, "disabled")?.value === true || prop(node, "enabled")?.value === false;
  const autoApprove: string[] = [];
  for (const k of ["alwaysAllow", "autoApprove"]) {
    for (const t of prop(node, k)?.children ?? []) {
      const v = str(t);
      // Tool names, but text like any other: masked (other facts below report a credential here).
      if (v !== undefined && autoApprove.length < LIMITS.valuesPerEntry)
        autoApprove.push(cap(scanValue(v, k).masked, LIMITS.nameChars));
    }
  }
  if (prop(node, "trust")?.value === true) autoApprove.push("*");

  const cmdValue = nested ? prop(nested, "path") : cmdNode;
  const commandFact =
    command !== undefined && cmdValue
      ? fact(ctx, "command", command, cmdValue, nested ? [...path, "command", "path"] : [...path, "command"])
      : undefined;
  const maskedCommand = commandFact?.masked;
  const type = str(prop(node, "type")) ?? str(prop(node, "transport"));
  let launch: Launch;
  let wrappers: string[] | undefined;
  let alsoRuns: string[] | undefined;
  let transport: ConfigEntryEvidence["transport"];
  if (command !== undefined) {
    transport = "stdio";
    const envValues = Object.fromEntries(env.map((e) => [e.key ?? "", e.masked]));
    const unwrapped = unwrapLaunch(
      maskedCommand!,
      args.map((a) => a.masked),
      envValues,
    );
    launch = unwrapped.launch;
    if (unwrapped.wrappers.length) wrappers = unwrapped.wrappers;
    if (unwrapped.alsoRuns.length) alsoRuns = unwrapped.alsoRuns;
    if (url) notes.push("has both `command` and a url; the client will use one of them");
  } else if (url) {
    transport = transportOf(type, urlKey);
    launch = { kind: "remote", url: url.masked, transport: transport === "stdio" ? "unknown" : transport };
  } else if (str(prop(node, "source")) === "extension") {
    transport = "unknown";
    launch = { kind: "extension", id: cap(ctx.serverName, LIMITS.nameChars) };
  } else {
    transport = "unknown";
    launch = { kind: "unknown", reason: "neither `command` nor a url" };
  }

  const extra = extraFacts(ctx, node, path, commandFact);
  return {
    file: ref.path,
    client: ref.client,
    scope: project !== undefined ? "project" : ref.scope,
    ...(project !== undefined ? { project: cap(project, 1024) } : {}),
    name: cap(ctx.serverName, LIMITS.nameChars),
    line: ctx.lines.at(keyNode.offset).line,
    path,
    transport,
    ...(maskedCommand !== undefined ? { command: maskedCommand } : {}),
    ...(extra.length ? { extra } : {}),
    args,
    env,
    headers,
    settings,
    ...(url ? { url } : {}),
    ...(cwd ? { cwd } : {}),
    disabled,
    expandsReferences: clientExpandsReferences(ref.client),
    autoApprove,
    launch,
    ...(wrappers ? { wrappers } : {}),
    ...(alsoRuns ? { alsoRuns } : {}),
    paths: pathFacts(launch, cwd?.masked),
    duplicates: [],
    notes,
  };
}

/** Fields of an entry read as values of their own; every other string is scanned by otherFacts. */
const READ_FIELDS = new Set([
  "command",
  "args",
  "env",
  "headers",
  "url",
  "serverUrl",
  "httpUrl",
  "cwd",
  "settings",
]);

/** The command (when it holds a credential), credential-like keys, and credentials anywhere else in the entry. */
function extraFacts(
  ctx: EntryContext,
  node: Node,
  path: JsonPath,
  commandFact: ConfigValueFact | undefined,
): ConfigValueFact[] {
  const out: ConfigValueFact[] = [];
  if (commandFact?.secret) out.push(commandFact);
  const others: ConfigValueFact[] = [];
  const budget = { strings: 2000 };
  for (const { key: raw, keyNode, value } of properties(node)) {
    if (READ_FIELDS.has(raw)) continue;
    const key = keyName(ctx, raw, keyNode, path, "a field name", new Set());
    otherFacts(ctx, value, [...path, key], key, others, budget, path.length, 0);
  }
  for (const f of ctx.keyFacts.slice(0, LIMITS.valuesPerEntry)) out.push(f);
  for (const f of others.slice(0, LIMITS.valuesPerEntry)) out.push(f);
  return out;
}

/**
 * Every string under an unread field (`autoApprove`, `description`, unknown keys), kept only
 * when it holds a credential: nothing in the file reaches a report unscanned.
 */
function otherFacts(
  ctx: EntryContext,
  node: Node,
  path: JsonPath,
  hint: string,
  out: ConfigValueFact[],
  budget: { strings: number },
  entryDepth: number,
  depth: number,
): void {
  if (depth > 16 || budget.strings <= 0) return;
  if (node.type === "string") {
    budget.strings--;
    const key = path.slice(entryDepth).join(".");
    const f = fact(ctx, "other", node.value as string, node, path, { key, hint });
    if (f.secret) out.push(f);
    return;
  }
  if (node.type === "array") {
    for (const [i, child] of (node.children ?? []).entries())
      otherFacts(ctx, child, [...path, i], hint, out, budget, entryDepth, depth + 1);
    return;
  }
  if (node.type === "object") {
    const taken = new Set<string>();
    for (const { key: raw, keyNode, value } of properties(node)) {
      const key = keyName(ctx, raw, keyNode, path, "a field name", taken);
      otherFacts(ctx, value, [...path, key], key, out, budget, entryDepth, depth + 1);
    }
  }
}

/** Where servers live in the known shapes: `mcpServers`, `servers`, `mcp.servers`, Zed's `context_servers`. */
function containers(
  root: Node,
  leakedProjects: string[] = [],
): { node: Node; path: JsonPath; project?: string }[] {
  const out: { node: Node; path: JsonPath; project?: string }[] = [];
  for (const key of ["mcpServers", "servers", "context_servers", "mcp.servers"]) {
    const n = prop(root, key);
    if (n) out.push({ node: n, path: [key] });
  }
  const mcp = prop(root, "mcp");
  const nested = prop(mcp, "servers");
  if (nested) out.push({ node: nested, path: ["mcp", "servers"] });
  // Claude Code ~/.claude.json: per-project servers under `projects[<folder>].mcpServers`.
  for (const { key, value } of properties(prop(root, "projects"))) {
    const n = prop(value, "mcpServers");
    if (n && !keyLeaks(key)) out.push({ node: n, path: ["projects", key, "mcpServers"], project: key });
    else if (n) leakedProjects.push(key);
  }
  return out;
}

function inputsOf(root: Node): ConfigInput[] {
  const list = prop(root, "inputs") ?? prop(prop(root, "mcp"), "inputs");
  const out: ConfigInput[] = [];
  for (const item of list?.children ?? []) {
    const id = str(prop(item, "id"));
    if (id === undefined) continue;
    const type = str(prop(item, "type"));
    const password = prop(item, "password")?.value;
    out.push({
      id: keyLeaks(id) ? safe(id) : cap(id, LIMITS.nameChars),
      ...(type ? { type: cap(type, 40) } : {}),
      ...(typeof password === "boolean" ? { password } : {}),
    });
    if (out.length >= LIMITS.valuesPerEntry) break;
  }
  return out;
}

/** Parse a config file's text. `text` must already be decoded (see decodeConfigBytes). */
export function parseConfigText(
  text: string,
  ref: ConfigFileRef,
  encoding: ParsedConfigFile["encoding"] = "unknown",
): ParsedConfigFile {
  const result: ParsedConfigFile = { ...ref, encoding, entries: [], inputs: [], errors: [], notes: [] };
  if (text.length > LIMITS.fileBytes) {
    result.errors.push({ message: `larger than ${LIMITS.fileBytes} bytes; not read` });
    return result;
  }
  const lines = new Lines(text);
  const deep = tooDeep(text, lines);
  if (deep) {
    result.errors.push(deep);
    return result;
  }
  const strict = STRICT_JSON.has(ref.client);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: !strict, disallowComments: strict });
  for (const e of errors.slice(0, 20)) {
    const code = printParseErrorCode(e.error);
    const message =
      strict &&
      (code === "InvalidCommentToken" || code === "ValueExpected" || code === "PropertyNameExpected")
        ? `${code}: ${ref.client} reads plain JSON (no comments or trailing commas)`
        : code;
    result.errors.push({ message, ...lines.at(e.offset) });
  }
  if (root?.type !== "object") {
    if (errors.length === 0)
      result.errors.push({ message: "the file is not a JSON object", line: 1, column: 1 });
    return result;
  }
  if (encoding === "utf8-bom" || encoding === "utf16le" || encoding === "utf16be") {
    result.notes.push(`encoded as ${encoding}; some clients read only plain UTF-8 and will fail to load it`);
  }
  result.inputs = inputsOf(root);
  const leakedProjects: string[] = [];
  const found = containers(root, leakedProjects);
  if (leakedProjects.length)
    result.errors.push({
      message: `${leakedProjects.length} project folder name(s) look like a credential; their servers were not read`,
    });
  for (const { node, path, project } of found) {
    if (node.type !== "object") {
      result.notes.push(`\`${path.join(".")}\` is not an object`);
      continue;
    }
    const seen = new Map<string, ConfigEntryEvidence>();
    const taken = new Set<string>();
    for (const { key: raw, keyNode, value } of properties(node)) {
      if (result.entries.length >= LIMITS.entriesPerFile) {
        result.errors.push({ message: `more than ${LIMITS.entriesPerFile} servers; the rest not read` });
        break;
      }
      if (value.type !== "object") {
        result.notes.push(`server ${safe(raw)} is not an object; skipped`);
        continue;
      }
      const ctx: EntryContext = {
        ref,
        lines,
        serverName: raw,
        notes: [],
        errors: result.errors,
        keyFacts: [],
      };
      // A server named with a credential is still read (the client still starts it), under its mask.
      const key = keyName(ctx, raw, keyNode, path, "the server name", taken);
      ctx.serverName = key;
      const entry = readEntry(ctx, keyNode, value, [...path, key], project);
      const earlier = seen.get(raw);
      if (earlier) {
        // JSON.parse keeps the last: the earlier definition is silently dropped by the client.
        const sameSettings = fingerprint(earlier) === fingerprint(entry);
        const dup = (e: ConfigEntryEvidence) => ({
          file: e.file,
          client: e.client,
          name: e.name,
          ...(e.line !== undefined ? { line: e.line } : {}),
          reason: "same-key-in-object" as const,
          sameSettings,
        });
        earlier.duplicates.push(dup(entry));
        entry.duplicates.push(dup(earlier));
      }
      seen.set(raw, entry);
      for (const r of [...entry.args, ...entry.env, ...entry.headers, ...entry.settings].flatMap(
        (f) => f.references,
      )) {
        const id = r.match(/^\$\{input:([^}]*)\}$/)?.[1];
        if (id !== undefined && !result.inputs.some((i) => i.id === id)) {
          entry.notes.push(`references \${input:${safe(id)}} but the file declares no such input`);
        }
      }
      result.entries.push(entry);
    }
  }
  if (found.length === 0 && leakedProjects.length === 0)
    result.notes.push("no MCP servers section in this file");
  return result;
}

/** Decode and parse raw file bytes. */
export function parseConfigBytes(bytes: Uint8Array, ref: ConfigFileRef): ParsedConfigFile {
  if (bytes.length > LIMITS.fileBytes) {
    return {
      ...ref,
      encoding: "unknown",
      entries: [],
      inputs: [],
      errors: [{ message: `larger than ${LIMITS.fileBytes} bytes; not read` }],
      notes: [],
    };
  }
  const decoded = decodeConfigBytes(bytes);
  if ("error" in decoded) {
    return {
      ...ref,
      encoding: "unknown",
      entries: [],
      inputs: [],
      errors: [{ message: decoded.error }],
      notes: [],
    };
  }
  return parseConfigText(decoded.text, ref, decoded.encoding);
}

/** What makes two definitions "the same settings": everything the client passes, masked. */
export function fingerprint(e: ConfigEntryEvidence): string {
  const kv = (facts: ConfigValueFact[]) => facts.map((f) => [f.key, f.masked]).sort();
  return JSON.stringify([
    e.command,
    e.args.map((a) => a.masked),
    kv(e.env),
    e.url?.masked,
    kv(e.headers),
    e.cwd?.masked,
  ]);
}

/**
 * Marks entries the same client defines twice, in one file or across its files (user and
 * project scope): by name, or by what they launch under another name.
 */
export function markDuplicates(files: readonly ParsedConfigFile[]): void {
  const all = files.flatMap((f) => f.entries);
  // Interned: comparing small ids, not long fingerprint strings, for every pair.
  const interned = new Map<string, number>();
  const prints = new Map(
    all.map((e) => {
      const f = fingerprint(e);
      if (!interned.has(f)) interned.set(f, interned.size);
      return [e, interned.get(f)];
    }),
  );
  // Bucket by client and name, and by client and target: only entries sharing a bucket are compared.
  const buckets = new Map<string, ConfigEntryEvidence[]>();
  const put = (k: string, e: ConfigEntryEvidence) => {
    const list = buckets.get(k);
    if (list) list.push(e);
    else buckets.set(k, [e]);
  };
  for (const e of all) {
    put(`${e.client}\u0000name\u0000${e.name}`, e);
    const t = launchTarget(e.launch);
    if (t !== undefined) put(`${e.client}\u0000target\u0000${t}`, e);
  }
  const done = new Set<number>();
  const ids = new Map(all.map((e, i) => [e, i]));
  for (const list of buckets.values()) {
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      for (let j = i + 1; j < list.length && a.duplicates.length < 20; j++) {
        const b = list[j]!;
        if (b.duplicates.length >= 20) continue;
        const pair = ids.get(a)! * all.length + ids.get(b)!;
        if (done.has(pair)) continue;
        done.add(pair);
        if (a.file === b.file && a.name === b.name && a.project === b.project) continue; // same-key case, marked at parse
        // Claude Code merges user scope with one project's servers, never two projects'.
        if (a.project !== undefined && b.project !== undefined && a.project !== b.project) continue;
        const reason = a.name === b.name ? ("same-name" as const) : ("same-target" as const);
        const sameSettings = prints.get(a) === prints.get(b);
        const ref = (e: ConfigEntryEvidence) => ({
          file: e.file,
          client: e.client,
          name: e.name,
          ...(e.line !== undefined ? { line: e.line } : {}),
          reason,
          sameSettings,
        });
        a.duplicates.push(ref(b));
        b.duplicates.push(ref(a));
      }
    }
  }
}

/** Bytes to write back a (fixed) text in the encoding it was read in. */
export function encodeConfigText(text: string, encoding: ParsedConfigFile["encoding"]): Buffer {
  switch (encoding) {
    case "utf8-bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    case "utf16le":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    case "utf16be":
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]);
    default:
      return Buffer.from(text, "utf8");
  }
}
