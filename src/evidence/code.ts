/**
 * What the package's own code can do, read statically from its files (never run): the
 * capabilities it uses, the environment and arguments it expects, what runs at install, the
 * flows of data from sources (tool input, network, credentials) to sinks (shell, eval,
 * network), code that looks like hiding something, and the MCP tools, prompts and resources
 * it declares. Facts only: the heuristics judge them.
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
  flows: 100,
  facts: 100,
  nonRuntimeFiles: 200,
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

/** Where data in a flow comes from. */
export const FLOW_SOURCES = [
  /** A tool handler's arguments, and what is computed from them. */
  "tool-input",
  /** A network response or a socket's data (fetch, http, axios, net/tls sockets). */
  "network",
  /** The environment: the whole of it, or a credential-like variable. */
  "environment",
  /** A file read from a credential location (~/.ssh, ~/.aws/credentials, other clients' MCP configs, ...). */
  "credential-file",
  /** Data decoded at run time (atob, Buffer.from(x, "base64"/"hex")). */
  "decoded",
  /** The output of a spawned shell. */
  "shell-output",
] as const;
export type FlowSourceKind = (typeof FLOW_SOURCES)[number];

/** Where data in a flow ends up. */
export const FLOW_SINKS = [
  /** Text run by a shell: exec, execSync, spawn with `shell`, a shell's `-c` argument. */
  "shell",
  /** Which program runs (spawn/execFile's first argument, without a shell). */
  "program",
  /** Run as code: eval, Function, vm, import() or require() of a computed name. */
  "code",
  /** Sent over the network: a request's URL, body or headers, a socket write, a DNS lookup. */
  "network",
  /** Written to a spawned shell's standard input. */
  "shell-input",
] as const;
export type FlowSinkKind = (typeof FLOW_SINKS)[number];

/** Which part of a network send the data is in. */
export type NetworkChannel = "url" | "body" | "headers" | "dns" | "socket";

export interface FlowEnd<K> {
  kind: K;
  /** The source or sink expression; `detail` says what it is ("fetch response", "child_process.execSync", "AWS credentials"). */
  where: CodeLocation;
}

/**
 * Data from a source reaching a sink, followed statically within functions (through
 * variables, object properties, destructuring, callbacks and returns), through calls to
 * functions of the same file and to functions imported relatively (a few files deep).
 * Over-approximates: a value computed from a source counts as the source.
 */
export interface CodeFlow {
  source: FlowEnd<FlowSourceKind>;
  sink: FlowEnd<FlowSinkKind> & { channel?: NetworkChannel };
  /** Tools whose handler reaches the sink, or whose input the source is. */
  tools: string[];
}

/** A call that runs another program, with what can be told about it statically. */
export interface ExecSite {
  /** The call; `detail` names it, e.g. "child_process.spawn". */
  where: CodeLocation;
  /** The program, when constant (or each constant it can be). */
  programs: string[];
  /** The command goes through a shell (exec, `shell: true`, a shell program). */
  shell: boolean;
  /** Opens a URL or file with the desktop's default application (the `open` package, xdg-open, start). */
  opener: boolean;
  /** Runs Node itself (process.execPath, "node") on a script: its own code, when the script is the package's. */
  node: boolean;
  /** Options say `detached: true`. */
  detached: boolean;
  /** Output ignored (`stdio: "ignore"`). */
  silent: boolean;
  /** `.unref()` is called on this child. */
  unref: boolean;
  /** Tools whose handler reaches the call. */
  tools: string[];
}

/** An e-mail message built with a literal recipient (to, cc, bcc). */
export interface EmailSend {
  /** The message object. */
  where: CodeLocation;
  /** Recipient fields holding a literal address, with the address. */
  literalRecipients: { field: string; address: string }[];
  /** Tools whose handler reaches the message. */
  tools: string[];
}

/** A read of a credential location: a file at a credential path, or an OS keyring entry. */
export interface CredentialRead {
  where: CodeLocation;
  /** What it is: "SSH keys", "AWS credentials", "OS keyring", ... */
  what: string;
  via: "file" | "keyring";
  /** For keyring reads: the service name, when constant. */
  service?: string;
  tools: string[];
}

/** A literal network address worth a look: a public IP, or a paste / tunnel / webhook / request-bin host. */
export interface AddressFact {
  where: CodeLocation;
  kind: "ip" | "unusual-host";
  /** The address, or the host and the start of the path. */
  value: string;
  /** The literal reaches a network send (a request's URL, a socket's host) in the code. */
  reachesNetwork: boolean;
}

/** Code written to be unreadable. */
export interface ObfuscationFact {
  kind: "identifiers" | "packer" | "hex-escapes" | "char-codes" | "string-array";
  where: CodeLocation;
  /** How many (identifiers, escapes, strings), for the heuristic's threshold. */
  count: number;
  detail: string;
}

/** Encoded data that decodes to something readable worth a look. */
export interface DecodedFact {
  where: CodeLocation;
  encoding: "base64" | "hex" | "char-codes" | "string-array";
  decodesTo: "url" | "code" | "credential-path";
  /** The decoded text, capped; hostile. */
  text: string;
}

/**
 * Which files run when the server runs: the module graph from package.json's `bin`, `main`
 * and `exports` through relative imports. Files outside it that are tests, benchmarks,
 * examples or fixtures are not the server's code: their capabilities are listed here instead.
 */
export interface RuntimeView {
  /** Entry files found (bin, main, exports, or index.js). */
  entries: string[];
  /** Test, benchmark, example and fixture files outside the graph (capped). */
  nonRuntimeFiles: string[];
  /** Capabilities those files use. */
  nonRuntimeCapabilities: CapabilityUse[];
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
  /** Data from sources reaching sinks (see CodeFlow). */
  flows: CodeFlow[];
  /** Calls that run other programs. */
  execs: ExecSite[];
  /** E-mail messages with a literal recipient. */
  emails: EmailSend[];
  /** Reads of credential locations. */
  credentialReads: CredentialRead[];
  /** Literal public IPs and exfiltration-friendly hosts. */
  addresses: AddressFact[];
  obfuscation: ObfuscationFact[];
  decoded: DecodedFact[];
  runtime: RuntimeView;
  /** Hosts named in URL literals, for the reviewer (capped). */
  hosts: string[];
  tools: McpTool[];
  prompts: McpPrompt[];
  resources: McpResource[];
  notes: string[];
}
