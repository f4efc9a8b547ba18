import type {
  AddressFact,
  CapabilityId,
  CodeFlow,
  CodeLocation,
  CredentialRead,
  DecodedFact,
  EmailSend,
  ExecSite,
  McpPrompt,
  McpResource,
  McpTool,
  ObfuscationFact,
  ToolHandler,
} from "../../evidence/code.js";
import { CODE_LIMITS } from "../../evidence/code.js";
import { emptyFlowLinks, type FlowLinks } from "./flows.js";

/** What one file showed; merged into the package's CodeAnalysis by index.ts. */
export interface FileFacts {
  path: string;
  parser: "ast" | "token-scan";
  /** Why the token scan was used. */
  reason?: string;
  capabilities: Map<CapabilityId, { count: number; evidence: CodeLocation[] }>;
  env: Map<string, CodeLocation>;
  envEnumeration: CodeLocation[];
  flows: CodeFlow[];
  execs: ExecSite[];
  emails: EmailSend[];
  credentialReads: CredentialRead[];
  addresses: AddressFact[];
  obfuscation: ObfuscationFact[];
  decoded: DecodedFact[];
  /**
   * Facts that tools can reach, by the offset of their site: the tool handlers linked over
   * these offsets name themselves in each fact's `tools`.
   */
  sites: Map<number, { tools: string[] }[]>;
  /** What the cross-file pass needs to finish flows through imports. */
  flowLinks: FlowLinks;
  hosts: Set<string>;
  tools: McpTool[];
  prompts: McpPrompt[];
  resources: McpResource[];
  args: Set<string>;
  positionalArgs: boolean;
  /** The file uses an argument parser or process.argv: its `--flag` literals are its arguments. */
  parsesArgs: boolean;
  relativeImports: string[];
  /** Handler reach that still has calls into other files to follow; handlers.ts links them. */
  links: FileLinks;
}

/** A function called from another file: `import { name } from "./spec"`, `require("./spec").name`. */
export interface ImportRef {
  spec: string;
  name: string;
  /** Call depth at which the imported function is entered (1 when the root calls it). */
  depth: number;
}

/** What some code reaches within its own file, and the calls into other files still to follow. */
export interface Reach {
  handler: ToolHandler;
  refs: ImportRef[];
  /** Nothing was found in this file: the code is all behind `refs` (a handler imported as is). */
  onlyRefs: boolean;
}

export interface FileLinks {
  /** Tools of this file whose handlers call into other files. */
  tools: { tool: McpTool; reach: Reach }[];
  /** Branches of a CallTool dispatcher by tool name, for tools declared in another file. */
  dispatch: Map<string, Reach>;
  /** What each exported function reaches, by exported name. */
  exports: Map<string, Reach>;
  /** `export * from "./x"`: where names not exported here may come from. */
  starExports: string[];
}

/**
 * Every capability use with an offset, in the order recorded: the evidence keeps ten per
 * capability, tool handlers need to know about all of them (handlers.ts sorts them once).
 */
export interface UseLog {
  at: number[];
  id: CapabilityId[];
  detail: (string | undefined)[];
}

/**
 * Records facts about one file with file:line evidence. Line numbers are computed lazily
 * and only for evidence that is kept: a 20 MB bundle yields thousands of uses but ten quotes.
 */
export class FileRecorder {
  readonly facts: FileFacts;
  readonly uses: UseLog = { at: [], id: [], detail: [] };
  private lineStarts: number[] | undefined;
  private readonly flagLiterals = new Set<string>();

  constructor(
    readonly path: string,
    readonly source: string,
    parser: FileFacts["parser"],
  ) {
    this.facts = {
      path,
      parser,
      capabilities: new Map(),
      env: new Map(),
      envEnumeration: [],
      flows: [],
      execs: [],
      emails: [],
      credentialReads: [],
      addresses: [],
      obfuscation: [],
      decoded: [],
      sites: new Map(),
      flowLinks: emptyFlowLinks(),
      hosts: new Set(),
      tools: [],
      prompts: [],
      resources: [],
      args: new Set(),
      positionalArgs: false,
      parsesArgs: false,
      relativeImports: [],
      links: { tools: [], dispatch: new Map(), exports: new Map(), starExports: [] },
    };
  }

  capability(id: CapabilityId, offset: number, detail?: string): void {
    let use = this.facts.capabilities.get(id);
    if (!use) {
      use = { count: 0, evidence: [] };
      this.facts.capabilities.set(id, use);
    }
    use.count++;
    if (offset >= 0) {
      // False for NaN and undefined: files parsed without offsets cannot be mapped to handlers.
      this.uses.at.push(offset);
      this.uses.id.push(id);
      this.uses.detail.push(detail);
    }
    if (use.evidence.length < CODE_LIMITS.evidencePerCapability) use.evidence.push(this.at(offset, detail));
  }

  has(id: CapabilityId): boolean {
    return this.facts.capabilities.has(id);
  }

  obfuscation(kind: ObfuscationFact["kind"], offset: number, count: number, detail: string): void {
    const list = this.facts.obfuscation;
    if (list.length >= CODE_LIMITS.facts || list.some((f) => f.kind === kind && f.detail === detail)) return;
    list.push({ kind, where: this.at(offset), count, detail: cap(detail, CODE_LIMITS.snippetChars) });
  }

  decoded(
    offset: number,
    encoding: DecodedFact["encoding"],
    decodesTo: DecodedFact["decodesTo"],
    text: string,
  ): void {
    const list = this.facts.decoded;
    if (list.length >= CODE_LIMITS.facts) return;
    const shown = cap(text, 120);
    if (list.some((f) => f.text === shown)) return;
    list.push({ where: this.at(offset), encoding, decodesTo, text: shown });
  }

  /** A literal address; returned so that the flow pass can say whether it reaches the network. */
  address(offset: number, kind: AddressFact["kind"], value: string): AddressFact | undefined {
    const list = this.facts.addresses;
    if (list.length >= CODE_LIMITS.facts) return undefined;
    const fact: AddressFact = { where: this.at(offset), kind, value: cap(value, 120), reachesNetwork: false };
    list.push(fact);
    return fact;
  }

  flow(flow: CodeFlow, sinkOffset: number): void {
    if (this.facts.flows.length >= CODE_LIMITS.flows) return;
    this.facts.flows.push(flow);
    this.site(sinkOffset, flow);
  }

  exec(site: ExecSite, offset: number): void {
    if (this.facts.execs.length >= CODE_LIMITS.facts) return;
    this.facts.execs.push(site);
    this.site(offset, site);
  }

  email(send: EmailSend, offset: number): void {
    if (this.facts.emails.length >= CODE_LIMITS.facts) return;
    this.facts.emails.push(send);
    this.site(offset, send);
  }

  credentialRead(read: CredentialRead, offset: number): void {
    const list = this.facts.credentialReads;
    if (list.length >= CODE_LIMITS.facts) return;
    if (list.some((r) => r.where.line === read.where.line && r.what === read.what && r.via === read.via))
      return;
    list.push(read);
    this.site(offset, read);
  }

  /** A fact a tool handler may reach, at an offset of this file. */
  site(offset: number, fact?: { tools: string[] }): void {
    if (!Number.isFinite(offset)) return;
    const list = this.facts.sites.get(offset);
    if (!list) this.facts.sites.set(offset, fact ? [fact] : []);
    else if (fact) list.push(fact);
  }

  env(name: string, offset: number): void {
    this.capability("env.read", offset, name);
    if (!this.facts.env.has(name) && this.facts.env.size < CODE_LIMITS.envNames) {
      this.facts.env.set(name, this.at(offset));
    }
  }

  envWhole(offset: number): void {
    this.capability("env.read", offset, "whole environment");
    if (this.facts.envEnumeration.length < CODE_LIMITS.evidencePerCapability) {
      this.facts.envEnumeration.push(this.at(offset));
    }
  }

  host(host: string): void {
    if (this.facts.hosts.size < CODE_LIMITS.hosts) this.facts.hosts.add(host);
  }

  flagLiteral(text: string): void {
    if (this.flagLiterals.size < CODE_LIMITS.args) this.flagLiterals.add(text);
  }

  /** Closes the file: keeps `--flag` literals only where arguments are parsed. */
  finish(): FileFacts {
    if (this.facts.parsesArgs) for (const f of this.flagLiterals) this.facts.args.add(f);
    return this.facts;
  }

  /** A location for an offset: line number and a capped quote of the line around it. */
  at(offset: number, detail?: string): CodeLocation {
    if (!Number.isFinite(offset)) return this.near(detail);
    const starts = this.lines();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = starts[lo]!;
    const next = starts[lo + 1];
    const lineEnd = next === undefined ? this.source.length : next - 1;
    // Minified lines can be megabytes long: quote a window around the offset.
    const from = Math.max(lineStart, offset - 40);
    const to = Math.min(lineEnd, from + CODE_LIMITS.snippetChars);
    const loc: CodeLocation = { file: this.path, line: lo + 1, snippet: this.source.slice(from, to).trim() };
    if (detail !== undefined) loc.detail = cap(detail, CODE_LIMITS.snippetChars);
    return loc;
  }

  /**
   * For files parsed without offsets: the first place the detail's last word appears (the
   * called name, the module), marked approximate; the file alone if it does not appear.
   */
  private near(detail?: string): CodeLocation {
    const word = detail
      ?.split(/[\s.]/)
      .filter((w) => w.length >= 3)
      .pop();
    let index = detail ? this.source.indexOf(detail) : -1;
    if (index === -1 && word) index = this.source.indexOf(word);
    const loc: CodeLocation = index === -1 ? { file: this.path } : this.at(index);
    loc.detail = cap(`${detail ?? ""} (location approximate)`.trim(), CODE_LIMITS.snippetChars);
    return loc;
  }

  private lines(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    const s = this.source;
    let i = s.indexOf("\n");
    while (i !== -1) {
      starts.push(i + 1);
      i = s.indexOf("\n", i + 1);
    }
    this.lineStarts = starts;
    return starts;
  }
}

export function cap(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function addTool(facts: FileFacts, tool: McpTool): boolean {
  if (facts.tools.length >= CODE_LIMITS.tools) return false;
  facts.tools.push(tool);
  return true;
}
