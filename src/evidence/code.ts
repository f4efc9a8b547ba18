/**
 * What the package's own code can do, read statically from its files (never run): the
 * capabilities it uses, the environment and arguments it expects, what runs at install, code
 * that looks like hiding something, and the MCP tools, prompts and resources it declares.
 *
 * Everything here is capped (see CODE_LIMITS); text quoted from the package is hostile.
 */

import type { JsonValue } from "./tool-definition.js";

/** Capability ids of the report contract; extended only by adding new ids. */
export const CAPABILITY_IDS = [
  "fs.read",
  "fs.write",
  "net.outbound",
  "process.exec",
  "env.read",
  "code.dynamic",
  "native",
  "secrets.paths",
] as const;
export type CapabilityId = (typeof CAPABILITY_IDS)[number];

/** Caps on what is stored: a 20 MB bundle must not yield a 20 MB evidence file. */
export const CODE_LIMITS = {
  evidencePerCapability: 10,
  snippetChars: 160,
  descriptionChars: 4096,
  schemaTextChars: 4096,
  envNames: 200,
  suspiciousFacts: 100,
  tools: 200,
  hosts: 50,
  args: 50,
  notes: 50,
} as const;

export interface CodeLocation {
  file: string;
  line?: number;
  /** The source line (or the matched text), capped; hostile. */
  snippet?: string;
  /** What was recognised there, e.g. the variable name or "SSH keys". */
  detail?: string;
}

export interface CapabilityUse {
  id: CapabilityId;
  /** Every use seen, including those past the evidence cap. */
  count: number;
  /** Files where it was seen (capped like evidence, but by file). */
  files: string[];
  evidence: CodeLocation[];
}

export interface EnvAccess {
  name: string;
  /** The name looks like a credential (TOKEN, KEY, SECRET, PASSWORD, ...). */
  credentialLike: boolean;
  where: CodeLocation;
}

export type SuspiciousKind =
  | "obfuscation"
  | "decode-to-url"
  | "decode-to-code"
  | "hardcoded-ip"
  | "unusual-host"
  | "env-exfiltration"
  /** The whole environment serialised in one file, the network used from another. */
  | "env-exfiltration-cross-file"
  | "detached-process";

export interface SuspiciousFact {
  kind: SuspiciousKind;
  where: CodeLocation;
  /** One line saying what was seen, e.g. "base64 literal decodes to http://1.2.3.4/x". */
  detail: string;
}

export interface ToolAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/** How the declaration was recognised. */
export type ToolSyntax = "tool" | "registerTool" | "addTool" | "definition-object";

export interface McpTool {
  name: string;
  title?: string;
  /** Capped for display; `descriptionLength` is the full length. */
  description?: string;
  descriptionLength: number;
  /** Property names of the input schema, when literal. */
  inputKeys: string[];
  /** Text inside the input schema (parameter descriptions), joined and capped: also a poisoning surface. */
  schemaText?: string;
  /**
   * The input schema itself, when it is a literal JSON Schema the code writes out (bounded);
   * absent for zod and other schemas built by calls: `inputSchemaUnread` says why.
   */
  inputSchema?: JsonValue;
  /** The output schema, when it is a literal JSON Schema. */
  outputSchema?: JsonValue;
  /** Why the input schema could not be recorded whole (a zod schema, a value built at run time). */
  inputSchemaUnread?: string;
  annotations?: ToolAnnotations;
  /** Invisible / bidirectional / tag characters in the FULL description and schema text. */
  hiddenChars: number;
  /** sha256 (hex) of the full, canonical definition: name, title, description, schema text and keys, annotations. */
  hash: string;
  syntax: ToolSyntax;
  where: CodeLocation;
  /** The tool's handler code and what it reaches; absent when the handler could not be found. */
  handler?: ToolHandler;
  /**
   * The tool is not in the first tools/list: registered in a timer, after connect(), inside a
   * request or tool handler, or listed only once a counter or flag the handlers change allows.
   */
  late?: { how: string; where: CodeLocation };
}

/**
 * A tool's handler, linked statically: the function given at registration (or the `case` /
 * `if` branch of a CallTool dispatcher keyed by the tool's name), followed through the
 * functions it calls in the same file and in files it imports relatively.
 */
export interface ToolHandler {
  /** Where the handler's code begins. */
  where: CodeLocation;
  /**
   * False when part of the handler could not be followed (a helper in a file that was not
   * read, calls past the follow bounds): the capabilities listed are real, absent ones unproven.
   */
  complete: boolean;
  /** Each capability the handler reaches, with its nearest use, in CAPABILITY_IDS order. */
  capabilities: ToolCapability[];
  /** The nearest file deletion reached (rm, unlink, rmdir, ...): the destructive kind of fs.write. */
  deletes?: { where: CodeLocation; depth: number };
}

export interface ToolCapability {
  id: CapabilityId;
  where: CodeLocation;
  /**
   * Calls between the handler and the use: 0 in the handler's own code, 1 in a function it
   * calls, and so on. Deep uses are often shared set-up (lazy config, telemetry), not the tool.
   */
  depth: number;
}

export interface McpPrompt {
  name: string;
  description?: string;
  where: CodeLocation;
}

export interface McpResource {
  name: string;
  uri?: string;
  description?: string;
  where: CodeLocation;
}

/** The lifecycle scripts npm runs when a package is installed, in the order it runs them. */
export const INSTALL_HOOKS = ["preinstall", "install", "postinstall"] as const;
export type InstallHook = (typeof INSTALL_HOOKS)[number];

export interface InstallScriptView {
  hook: InstallHook;
  command: string;
  /** Package files the command runs, and the package files they import (relative paths). */
  files: string[];
  /** Capabilities those files (or inline `node -e` code) use. */
  capabilities: CapabilityId[];
  /** Programs the command runs directly (curl, sh, node-gyp, ...). */
  programs: string[];
}

export interface InstallView {
  scripts: InstallScriptView[];
  /** binding.gyp, gypfile: npm compiles native code at install. */
  nativeBuild: boolean;
}

export interface RequiredConfig {
  env: { name: string; credentialLike: boolean }[];
  /** `--flags` the server's argument parsing mentions. */
  args: string[];
  /** The server reads positional command-line arguments (process.argv). */
  positionalArgs: boolean;
}

export interface FileCoverage {
  /** JS/TS files examined. */
  analysed: number;
  /** Parsed to an AST. */
  parsed: number;
  /** Rejected by the parser (or TypeScript) and read with the token scan instead: less precise. */
  tokenScanned: { path: string; reason: string }[];
  /** Bytes of code examined. */
  bytes: number;
  /** Over the per-file size cap, not examined. */
  skipped: string[];
  /**
   * Vendored bundles (not an entry of the package; over 2 MB, or over 256 KB in a
   * third_party / vendor folder) skimmed rather than parsed: every byte read for imports,
   * well-known calls, environment names, urls and credential paths, without tools or obfuscation.
   */
  skimmed?: { path: string; bytes: number }[];
}

export interface CodeAnalysis {
  parser: string;
  coverage: FileCoverage;
  capabilities: CapabilityUse[];
  env: EnvAccess[];
  /** Places where the whole environment is read (Object.keys(process.env), JSON.stringify(process.env), ...). */
  envEnumeration: CodeLocation[];
  config: RequiredConfig;
  install: InstallView;
  suspicious: SuspiciousFact[];
  /** Hosts named in URL literals, for the reviewer (capped). */
  hosts: string[];
  tools: McpTool[];
  prompts: McpPrompt[];
  resources: McpResource[];
  notes: string[];
}
