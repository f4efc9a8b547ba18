import type {
  CodeFlow,
  CodeLocation,
  CredentialRead,
  EmailSend,
  ExecSite,
  FlowSinkKind,
  FlowSourceKind,
  NetworkChannel,
} from "../../evidence/code.js";
import { CODE_LIMITS } from "../../evidence/code.js";
import type { FileRecorder } from "./facts.js";
import { exportedValues, handlerFunctionTargets } from "./handlers.js";
import type { ToolSite } from "./mcp.js";
import { keyName, propName } from "./nodes.js";
import type { AstNode } from "./parser.js";
import { resolveImport } from "./paths.js";
import { secretPathIn } from "./patterns.js";
import {
  CREDENTIAL_NAME,
  FS_MODULES,
  FS_READ,
  FS_WRITE,
  HTTP_CLIENTS,
  KEYRING_MODULES,
  RECIPIENT_KEYS,
  REQUIRE_NAMES,
  SOCKET_LIBS,
} from "./rules.js";
import { isFunction, type Scopes } from "./scope.js";

type N = AstNode;

/**
 * Bounds on following data. Within a file: expression levels one question may descend, the
 * call sites searched for a function's arguments, and a budget of steps for the whole file
 * (a bundle's flows are followed until it runs out, then the file says so). Across files:
 * how many imports deep a value is followed.
 */
export const FLOW_LIMITS = {
  depth: 48,
  callSites: 16,
  memberCallSites: 8,
  originsPerValue: 24,
  steps: 400_000,
  /** Levels of "what do the callers pass" followed from one parameter. */
  callHops: 5,
  /** Steps for the sends of a file holding no credential read, shell or whole environment. */
  netSteps: 3000,
  fileDepth: 4,
} as const;

const SHELLS =
  /^(?:.*[\\/])?(?:sh|bash|zsh|dash|ksh|fish|csh|tcsh|ash|cmd(?:\.exe)?|powershell(?:\.exe)?|pwsh(?:\.exe)?)$/i;
/** Environment variables that name the user's shell. */
const SHELL_ENV = new Set(["SHELL", "ComSpec", "COMSPEC"]);
/** `cmd.exe /c start …`: the program cmd runs is the one that matters. */
const CMD_C = /^\s*cmd(?:\.exe)?\s+\/c\s+/i;
const OPENERS = /^(?:open|xdg-open|start|explorer(?:\.exe)?|rundll32)$/;
const VM_RUN = /^(?:runInThisContext|runInNewContext|runInContext|compileFunction|Script|SourceTextModule)$/;
/** Calls on a value that hand its data on: the result is the receiver's data. */
const THEN = new Set(["then", "catch", "finally"]);
const EVENTS = new Set(["on", "once", "addListener", "prependListener", "addEventListener"]);
/** Methods that pick elements of their receiver with a predicate callback. */
const SELECTS = new Set(["filter", "find", "findLast", "sort", "toSorted"]);
/** Methods that answer yes/no or a position. */
const TESTS = new Set([
  "some",
  "every",
  "includes",
  "has",
  "startsWith",
  "endsWith",
  "test",
  "indexOf",
  "lastIndexOf",
  "findIndex",
  "findLastIndex",
]);
const ITERATE = new Set([
  "map",
  "forEach",
  "filter",
  "find",
  "findLast",
  "some",
  "every",
  "flatMap",
  "reduce",
  "reduceRight",
  "sort",
]);
const STREAM_WRITES = new Set(["write", "end", "send", "pipe"]);
/** Method names too common to find a method's callers by name alone. */
const COMMON_METHODS = new Set([
  "create",
  "delete",
  "update",
  "handle",
  "handler",
  "execute",
  "request",
  "process",
  "render",
  "invoke",
  "format",
  "parse",
  "resolve",
  "reject",
  "listen",
  "connect",
  "emit",
  "dispatch",
  "transform",
  "toString",
  "valueOf",
  "toJSON",
]);
/** Values that can stand for a module or a global (an alias, a require, a factory's result). */
const MAY_NAME_MODULE = new Set([
  "ModuleRef",
  "Identifier",
  "MemberExpression",
  "CallExpression",
  "NewExpression",
  "AwaitExpression",
  "ImportExpression",
  "LogicalExpression",
  "ConditionalExpression",
  "SequenceExpression",
  "ChainExpression",
]);
const MESSAGE_KEYS = new Set([
  "subject",
  "Subject",
  "text",
  "html",
  "body",
  "Body",
  "TextBody",
  "HtmlBody",
  "from",
  "From",
  "content",
  "Message",
  "Source",
  "Destination",
]);
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** Placeholder domains (RFC 2606 and friends): an address there is an example, not a recipient. */
const EXAMPLE_DOMAIN =
  /@(?:[^@]*\.)?(?:example\.(?:com|org|net)|localhost|[^@]*\.(?:test|example|invalid|local))$/i;

/** A concrete source of data. */
export interface Src {
  t: 0;
  kind: FlowSourceKind;
  at: number;
  detail: string;
  /** For tool input: the tool, when known. */
  tool?: string;
  /** A connection: writes to it are network sends. */
  socket?: boolean;
  /** A spawned shell: its stdin is a shell-input sink. */
  shell?: boolean;
}
/** A parameter of an exported function: what flows into it comes from other files. */
interface XParam {
  t: 1;
  name: string;
  index: number;
  /** Percent-encoded on the way (encodeURIComponent, URLSearchParams): no shell syntax survives it. */
  encoded?: true;
  /** One named field of it is used (`cfg.host`): one setting, never the whole environment. */
  field?: true;
}
/** What an imported function returns. */
interface ImportRet {
  t: 2;
  spec: string;
  name: string;
}
/** A string naming a credential location. */
interface Secret {
  t: 3;
  what: string;
}
/** A literal address (public IP, unusual host). */
interface Addr {
  t: 4;
  node: N;
}
type Origin = Src | XParam | ImportRet | Secret | Addr;
const NONE: readonly Origin[] = [];
/** A property that holds an environment rather than one variable of it: `ctx.env`, `opts.environment`. */
const CONTAINER = /^(?:env|environment|vars|variables|[a-z]\w*Env)$/;

function isWholeEnvLinked(s: LinkedSrc): boolean {
  return s.kind === "environment" && s.detail === "whole environment";
}

function isWholeEnv(o: Origin): boolean {
  return o.t === 0 && o.kind === "environment" && o.detail === "whole environment";
}

export interface SinkRec {
  kind: FlowSinkKind;
  at: number;
  detail: string;
  channel?: NetworkChannel;
}

/** A source as another file sees it: located already (the other file has no recorder for it). */
export interface LinkedSrc {
  kind: FlowSourceKind;
  detail: string;
  where: CodeLocation;
  tool?: string;
}
/** A sink as the cross-file pass records it: located, with its offset for the tools that reach it. */
export interface LinkedSink extends SinkRec {
  where: CodeLocation;
}
export interface ImportName {
  spec: string;
  name: string;
}

/** What the cross-file pass needs from one file; offsets are this file's. */
export interface FlowLinks {
  /** Calls into imported functions whose arguments carry data from sources. */
  importCalls: { spec: string; name: string; index: number; sources: LinkedSrc[]; imports: ImportName[] }[];
  /** Sinks reached by parameters of exported functions. */
  paramSinks: Map<string, { index: number; sink: LinkedSink; encoded?: true; field?: true }[]>;
  /** Parameters of exported functions handed on to imported functions. */
  paramCalls: Map<string, { index: number; spec: string; name: string; argIndex: number; field?: true }[]>;
  /** What exported functions return, when it carries source data. */
  returns: Map<string, { sources: LinkedSrc[]; imports: ImportName[] }>;
  /** Sinks whose data includes an imported function's result. */
  importSinks: { spec: string; name: string; sink: LinkedSink }[];
  /** Tools whose handler is an imported function: its parameters are the tool's input. */
  toolImports: { spec: string; name: string; tool: string }[];
}

export function emptyFlowLinks(): FlowLinks {
  return {
    importCalls: [],
    paramSinks: new Map(),
    paramCalls: new Map(),
    returns: new Map(),
    importSinks: [],
    toolImports: [],
  };
}

/** What the engine reads from the file's analysis (AstAnalysis provides it). */
export interface FlowHost {
  readonly rec: FileRecorder;
  readonly bindings: Map<string, N[]>;
  readonly declarations: Map<string, N[]>;
  readonly classMembers: Map<string, N[]>;
  readonly classBodies: readonly N[];
  readonly bindingsDropped: ReadonlyMap<string, boolean>;
  readonly membersDropped: ReadonlyMap<string, boolean>;
  readonly calls: readonly N[];
  readonly toolSites: readonly ToolSite[];
  readonly dispatchers: readonly { handler: N; callTool: boolean }[];
  readonly exportNodes: readonly N[];
  readonly toolWrappers: readonly N[];
  /** The calls to look at as sinks, and calls of relatively imported functions, in source order. */
  readonly flowCalls: readonly N[];
  readonly importCalls: readonly N[];
  /** Each call's callee as the file-wide resolution names it. */
  readonly callRefs: ReadonlyMap<N, string>;
  /** The file opens connections, spawns programs: writes to streams can be sinks. */
  readonly connects: boolean;
  readonly spawns: boolean;
  /** A literal names part of a credential location. */
  readonly secretHints: boolean;
  /** A call or member that can be a source (a request, a decoder, a spawn) is in the file. */
  readonly sources: boolean;
  resolve(node: N | undefined | null): string | undefined;
  constString(node: N | undefined | null): string | undefined;
}

/**
 * Follows data from sources to sinks in one file, on demand: each sink asks where its data
 * can come from, and the answer is searched backwards through the scoped bindings, callbacks,
 * returns and call sites. Records the flows found, the exec sites, e-mail messages with
 * literal recipients and credential reads, and what other files need to finish the flows
 * that cross into them (FlowLinks).
 */
export class FlowEngine {
  private readonly memo = new Map<N, readonly Origin[]>();
  private readonly bindingMemo = new Map<readonly N[], readonly Origin[]>();
  private readonly paramMemo = new Map<N, (readonly Origin[])[]>();
  private readonly returnMemo = new Map<N, readonly Origin[]>();
  private readonly srcMemo = new Map<N, Src>();
  private readonly toolSrc = new Map<string, Src>();
  private readonly xparams = new Map<string, XParam>();
  private readonly imports = new Map<string, ImportRet>();
  private readonly secrets = new Map<string, Secret>();
  private readonly addrs = new Map<N, Addr>();
  private callsByName: Map<string, N[]> | undefined;
  private callsByMember: Map<string, N[]> | undefined;
  /** Tool handler functions, with the tools they handle. */
  private readonly toolFns = new Map<N, string[]>();
  private readonly dispatcherFns = new Set<N>();
  private readonly exportedFns = new Map<N, string>();
  private readonly unrefed = new Set<N>();
  private steps: number = FLOW_LIMITS.steps;
  /** Steps left for sends in a file where nothing sent can be a credential, a shell's output or the environment. */
  private netBudget: number = FLOW_LIMITS.netSteps;
  private netRelevant = false;
  private hops = 0;
  private readonly flowKeys = new Set<string>();
  readonly links: FlowLinks = emptyFlowLinks();
  /** Set when the step budget ran out: flows may be missing. */
  exhausted = false;

  constructor(
    private readonly host: FlowHost,
    private readonly scopes: Scopes,
    /** String literals naming credential locations, by node. */
    private readonly secretLiterals: Map<N, string>,
    /** Literal addresses (IPs, unusual hosts), with the fact to mark when one reaches the network. */
    private readonly addressLiterals: Map<N, { reachesNetwork: boolean }>,
    /** Object literals with a recipient key: e-mail message candidates. */
    private readonly messageObjects: readonly N[],
    /** `x.to = …` / `x.bcc = …` assignments, joined to the message object `x` holds. */
    private readonly recipientAssignments: readonly N[],
    /** Receivers of `.unref()` calls. */
    unrefReceivers: readonly N[],
  ) {
    for (const r of unrefReceivers) for (const call of this.callsOf(r)) this.unrefed.add(call);
  }

  run(): void {
    this.scopes.finish();
    this.findHandlers();
    this.findExports();
    // Credential reads first: whether there is one decides how far sends are followed.
    const calls = this.host.flowCalls;
    const reads = calls.filter((c) => this.isFsCall(c));
    for (const call of reads) this.sinkCall(call);
    this.netRelevant =
      this.host.rec.facts.credentialReads.length > 0 ||
      this.host.spawns ||
      this.host.rec.facts.envEnumeration.length > 0 ||
      this.host.importCalls.length > 0;
    for (const call of calls) {
      if (this.steps <= 0) {
        this.exhausted = true;
        break;
      }
      if (!this.isFsCall(call)) this.sinkCall(call);
    }
    const later = this.recipientsSetLater();
    for (const obj of this.messageObjects) this.email(obj, later.get(obj));
    this.summariseReturns();
  }

  // ---- what the file's tools, dispatchers and exports are ----

  private findHandlers(): void {
    for (const site of this.host.toolSites) {
      if (!site.handler) continue;
      for (const t of handlerFunctionTargets(this.host, site.handler)) {
        if ("ref" in t) {
          if (this.links.toolImports.length < 200)
            this.links.toolImports.push({ spec: t.ref.spec, name: t.ref.name, tool: site.tool.name });
          continue;
        }
        const list = this.toolFns.get(t.node);
        if (!list) this.toolFns.set(t.node, [site.tool.name]);
        else if (list.length < 20 && !list.includes(site.tool.name)) list.push(site.tool.name);
      }
    }
    const all = this.host.dispatchers;
    const chosen = all.some((d) => d.callTool) ? all.filter((d) => d.callTool) : all;
    for (const d of chosen) {
      for (const t of handlerFunctionTargets(this.host, d.handler))
        if ("node" in t) this.dispatcherFns.add(t.node);
    }
  }

  private findExports(): void {
    for (const node of this.host.exportNodes) {
      for (const [name, value] of exportedValues(node, [])) {
        if (value.type === "ReExport") continue;
        for (const fn of this.functionsOf(value))
          if (!this.exportedFns.has(fn)) this.exportedFns.set(fn, name);
        // Methods of an exported object or class: `name.method`, as importers call them.
        const body =
          value.type === "ObjectExpression"
            ? (value.properties as N[])
            : value.type === "ClassDeclaration" || value.type === "ClassExpression"
              ? ((value.body as N).body as N[])
              : [];
        for (const p of body.slice(0, 100)) {
          const k = p.type === "Property" || p.type === "MethodDefinition" ? keyName(p) : undefined;
          const v = p.value as N | undefined;
          if (k !== undefined && v && isFunction(v) && !this.exportedFns.has(v))
            this.exportedFns.set(v, `${name}.${k}`);
        }
      }
    }
  }

  /** Function nodes an expression names: itself, a declaration, a binding. */
  private functionsOf(value: N): N[] {
    if (isFunction(value)) return [value];
    if (value.type === "Identifier") {
      const name = value.name as string;
      const out: N[] = [];
      for (const d of this.host.declarations.get(name) ?? []) if (isFunction(d)) out.push(d);
      for (const b of this.scopes.lookup(name, value.start)) if (isFunction(b)) out.push(b);
      return out;
    }
    return [];
  }

  // ---- sinks ----

  private sinkCall(call: N): void {
    if (call.type === "ImportExpression") {
      const source = call.source as N;
      if (this.host.constString(source) === undefined) this.flowsTo([source], "code", call, "import()");
      return;
    }
    const callee = call.callee as N;
    const args = call.arguments as N[];
    if (callee.type === "Identifier" && REQUIRE_NAMES.has(callee.name as string)) {
      if (args[0] && this.host.constString(args[0]) === undefined)
        this.flowsTo([args[0]], "code", call, "require() of a computed name");
      return;
    }
    const ref = this.callRef(call);
    if (ref) this.byRef(call, ref, args);
    if (callee.type === "MemberExpression" && (this.host.connects || this.host.spawns)) {
      const prop = propName(callee);
      if (prop !== undefined && STREAM_WRITES.has(prop))
        this.streamCall(call, prop, callee.object as N, args);
    }
    // A run-code function handed over as a callback: `.then(eval)`, `.then(Function)`.
    for (const a of args) {
      if (a.type !== "Identifier" && a.type !== "MemberExpression") continue;
      const r =
        a.type === "Identifier" && (a.name === "eval" || a.name === "Function") ? `g:${a.name}` : undefined;
      const what = r ?? (a.type === "MemberExpression" ? this.codeRunner(a) : undefined);
      if (!what) continue;
      const data = callee.type === "MemberExpression" ? [callee.object as N] : args.filter((x) => x !== a);
      this.host.rec.capability("code.dynamic", call.start, `${what.slice(2)} passed as a callback`);
      this.flowsTo(data, "code", call, `${what.slice(2)} passed as a callback`);
    }
  }

  /** Whether a function's own code calls something that can be a source, or an imported function. */
  private holdsSource(fn: N): boolean {
    const inside = (list: readonly N[]) => {
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]!.start < fn.start) lo = mid + 1;
        else hi = mid;
      }
      return lo < list.length && list[lo]!.start < fn.end;
    };
    if (inside(this.host.importCalls)) return true;
    const env = this.host.rec.facts.envEnumeration;
    if (env.length > 0) return true;
    let lo = 0;
    let hi = this.host.flowCalls.length;
    const calls = this.host.flowCalls;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (calls[mid]!.start < fn.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < calls.length && calls[i]!.start < fn.end; i++) {
      const ref = this.host.callRefs.get(calls[i]!);
      if (ref && !ref.startsWith("g:set") && ref !== "g:eval" && ref !== "g:Function") return true;
    }
    return false;
  }

  private isFsCall(call: N): boolean {
    const ref = this.host.callRefs.get(call);
    if (!ref?.startsWith("m:")) return false;
    const dot = ref.indexOf(".", 2);
    return FS_MODULES.has(ref.slice(2, dot === -1 ? undefined : dot));
  }

  /**
   * Whether every value put into a command line is quoted as one word: `"${url}"`,
   * `${JSON.stringify(url)}`, or percent-encoded. `open ${x}` lets x add its own commands.
   */
  private quotedArguments(command: N): boolean {
    if (command.type === "BinaryExpression") {
      const parts: N[] = [];
      const flat = (n: N, depth: number): void => {
        if (depth < 16 && n.type === "BinaryExpression" && n.operator === "+") {
          flat(n.left as N, depth + 1);
          flat(n.right as N, depth + 1);
        } else parts.push(n);
      };
      flat(command, 0);
      return parts.every((p, i) => {
        if (this.host.constString(p) !== undefined) return true;
        const before = i > 0 ? this.host.constString(parts[i - 1]) : undefined;
        return (before !== undefined && /["']$/.test(before)) || this.quoting(p);
      });
    }
    if (command.type !== "TemplateLiteral") return false;
    const quasis = command.quasis as N[];
    return (command.expressions as N[]).every((e, i) => {
      const before = ((quasis[i]?.value as { cooked?: string } | undefined)?.cooked ?? "").replace(
        /\s+$/,
        "",
      );
      return /["']$/.test(before) || this.quoting(e);
    });
  }

  private quoting(node: N): boolean {
    if (node.type !== "CallExpression") return false;
    const ref = this.resolve(node.callee as N);
    return ref === "g:JSON.stringify" || ref === "g:encodeURIComponent";
  }

  /**
   * Whether a timer's first argument is built as a string (text, a template, a concatenation,
   * a call's or an await's result): a timer is handed a function almost always, and a
   * callback parameter (`setTimeout(callback, delay)`) is one.
   */
  private stringShaped(node: N, depth: number): boolean {
    switch (node.type) {
      case "Literal":
        return typeof node.value === "string";
      case "TemplateLiteral":
      case "CallExpression":
      case "AwaitExpression":
        return true;
      case "BinaryExpression":
        return node.operator === "+";
      case "Identifier":
        if (depth > 2) return false;
        return this.scopes
          .lookup(node.name as string, node.start)
          .some((v) => v.type !== "Param" && !isFunction(v) && this.stringShaped(v, depth + 1));
      default:
        return false;
    }
  }

  private codeRunner(member: N): string | undefined {
    const prop = propName(member);
    if (prop === undefined || !VM_RUN.test(prop)) return undefined;
    const ref = this.resolve(member);
    return ref?.startsWith("m:vm.") ? ref : undefined;
  }

  private byRef(call: N, ref: string, args: N[]): void {
    if (ref.startsWith("g:")) {
      const name = ref.slice(2);
      if (name === "eval" || name === "Function") this.flowsTo(args, "code", call, name);
      else if (name === "fetch") this.fetchSink(call, args, "fetch");
      else if (name === "navigator.sendBeacon")
        this.netParts(
          call,
          [
            [args[0], "url"],
            [args[1], "body"],
          ],
          name,
        );
      else if ((name === "setTimeout" || name === "setInterval") && args[0] && this.stringShaped(args[0], 0))
        this.flowsTo([args[0]], "code", call, `${name} with a string`);
      return;
    }
    const parts = ref.slice(2).split(".");
    const mod = parts[0]!;
    const last = parts[parts.length - 1]!;
    if (mod === "child_process" || mod === "cross-spawn" || mod === "execa" || mod === "shelljs") {
      this.exec(call, ref, mod, last, args);
      return;
    }
    if (mod === "open" || mod === "opn") {
      this.recordExec(call, ref, { programs: ["open"], shell: false, opener: true, node: false });
      return;
    }
    if (mod === "vm" || mod === "vm2" || mod === "isolated-vm") {
      if (mod !== "vm" || VM_RUN.test(last)) this.flowsTo(args.slice(0, 1), "code", call, parts.join("."));
      return;
    }
    if (FS_MODULES.has(mod)) {
      const fn = last.replace(/Sync$/, "");
      if (FS_READ.has(fn) && !FS_WRITE.has(fn)) this.credentialFile(call, args, `${mod}.${last}`);
      return;
    }
    if (KEYRING_MODULES.has(mod)) {
      this.keyring(call, parts, args);
      return;
    }
    if (mod === "http" || mod === "https" || mod === "http2") {
      if (last === "request" || last === "get" || last === "connect")
        this.netParts(
          call,
          [
            [args[0], "url"],
            [args[1], "url"],
          ],
          parts.join("."),
        );
      return;
    }
    if (mod === "dns" && /^(?:lookup|resolve\w*|reverse)$/.test(last)) {
      this.netParts(call, [[args[0], "dns"]], parts.join("."));
      return;
    }
    if ((mod === "net" || mod === "tls" || mod === "dgram") && /^(?:connect|createConnection)$/.test(last)) {
      this.netParts(
        call,
        [
          [args[0], "url"],
          [args[1], "url"],
        ],
        parts.join("."),
      );
      return;
    }
    if (HTTP_CLIENTS.has(mod) || SOCKET_LIBS.has(mod)) {
      // Factories, dispatchers and helpers (`axios.create()`, `new Agent()`, undici's
      // `buildConnector(tlsOptions)`) send nothing: their options configure connections.
      if (
        /^(?:create|defaults|extend|Agent|Pool|Client|interceptors|CancelToken|isAxiosError|isCancel|Headers|FormData|Response|Request|buildConnector|ProxyAgent|EnvHttpProxyAgent|RetryAgent|BalancedPool|MockAgent|Dispatcher|setGlobalDispatcher|getGlobalDispatcher)/.test(
          parts[1] ?? "",
        )
      )
        return;
      // The first argument is the URL (or a config object); the rest is data.
      this.fetchSink(call, args, parts.join("."));
    }
  }

  /** fetch(url, { body, headers }) and the HTTP client libraries. */
  private fetchSink(call: N, args: N[], detail: string): void {
    const parts: [N | undefined, NetworkChannel][] = [];
    args.forEach((a, i) => {
      if (a.type === "ObjectExpression") {
        for (const p of a.properties as N[]) {
          if (p.type === "SpreadElement") {
            parts.push([p.argument as N, "body"]);
            continue;
          }
          if (p.type !== "Property") continue;
          const k = keyName(p);
          const channel: NetworkChannel | undefined =
            k === "url" || k === "baseURL" || k === "hostname" || k === "host" || k === "path"
              ? "url"
              : k === "headers"
                ? "headers"
                : k === "body" ||
                    k === "data" ||
                    k === "json" ||
                    k === "form" ||
                    k === "params" ||
                    k === "searchParams"
                  ? "body"
                  : undefined;
          if (channel) parts.push([p.value as N, channel]);
        }
      } else parts.push([a, i === 0 ? "url" : "body"]);
    });
    this.netParts(call, parts, detail);
  }

  private netParts(call: N, parts: [N | undefined, NetworkChannel][], detail: string): void {
    for (const [expr, channel] of parts) {
      if (!expr || expr.type === "Literal") {
        if (expr && this.addressLiterals.has(expr)) this.markAddresses([this.addr(expr)]);
        continue;
      }
      // Only credentials, a shell's output and the environment matter in a send; without one
      // in the file, what a send carries can only come from another file's call, and is
      // followed on a small budget.
      const budget = this.netRelevant || channel === "dns" ? undefined : this.netBudget;
      if (budget !== undefined && budget <= 0) continue;
      const before = this.steps;
      const origins = this.origins(expr, 0);
      if (budget !== undefined) this.netBudget -= before - this.steps;
      if (channel === "url" || channel === "dns") this.markAddresses(origins);
      this.record(origins, { kind: "network", at: call.start, detail: `${detail} ${channel}`, channel });
    }
  }

  private markAddresses(origins: readonly Origin[]): void {
    for (const o of origins) {
      if (o.t !== 4) continue;
      const fact = this.addressLiterals.get(o.node);
      if (fact) fact.reachesNetwork = true;
    }
  }

  /** `x.write(d)`, `x.end(d)`, `x.send(d)` on a connection; `a.pipe(b)` between a connection and a shell. */
  private streamCall(call: N, prop: string, receiver: N, args: N[]): void {
    if (prop === "pipe") {
      const dest = args[0];
      if (!dest) return;
      if (this.isShellStdin(dest))
        this.record(this.origins(receiver, 0), {
          kind: "shell-input",
          at: call.start,
          detail: "piped to a shell's stdin",
        });
      else if (this.origins(dest, 0).some((o) => o.t === 0 && o.socket))
        this.record(this.origins(receiver, 0), {
          kind: "network",
          at: call.start,
          detail: "piped to a connection",
          channel: "socket",
        });
      return;
    }
    if (this.isShellStdin(receiver)) {
      this.flowsTo(args.slice(0, 1), "shell-input", call, `${prop} to a shell's stdin`);
      return;
    }
    if (this.origins(receiver, 0).some((o) => o.t === 0 && o.socket)) {
      const data = args.filter((a) => !isFunction(a));
      for (const a of data)
        this.record(this.origins(a, 0), {
          kind: "network",
          at: call.start,
          detail: `${prop} on a connection`,
          channel: "socket",
        });
    }
  }

  /** `child.stdin` of a spawned shell. */
  private isShellStdin(expr: N): boolean {
    if (expr.type !== "MemberExpression" || propName(expr) !== "stdin") return false;
    return this.origins(expr.object as N, 0).some((o) => o.t === 0 && o.shell === true);
  }

  private flowsTo(data: readonly N[], kind: FlowSinkKind, call: N, detail: string): void {
    for (const d of data) {
      // A constant carries no source: `new Function("return this")`.
      if (d.type === "Literal" || (d.type === "TemplateLiteral" && (d.expressions as N[]).length === 0))
        continue;
      this.record(this.origins(d, 0), { kind, at: call.start, detail });
    }
  }

  // ---- programs run ----

  private exec(call: N, ref: string, mod: string, last: string, args: N[]): void {
    const fn = last;
    let shell = false;
    let program: N | undefined = args[0];
    let argList: N | undefined;
    let options: N | undefined;
    if (mod === "shelljs") {
      if (fn !== "exec") return;
      shell = true;
    } else if (mod === "execa" && /^(?:execaCommand|execaCommandSync|\$)$/.test(fn)) {
      shell = false; // split on spaces, no shell
    } else if (mod === "child_process") {
      if (!/^(?:exec|execSync|execFile|execFileSync|spawn|spawnSync|fork)$/.test(fn)) return;
      if (fn === "exec" || fn === "execSync") shell = true;
    }
    for (const a of args.slice(1)) {
      if (a.type === "ArrayExpression" && !argList) argList = a;
      else if (a.type === "ObjectExpression" && !options) options = a;
      else if (a.type === "Identifier" && !argList && !options) {
        const init = this.singleInit(a);
        if (init?.type === "ArrayExpression") argList = a;
        else if (init?.type === "ObjectExpression") options = init;
        else argList = a;
      }
    }
    const opt = (k: string) => (options ? objectProp(options, k) : undefined);
    const shellOpt = opt("shell");
    if (shellOpt && !(shellOpt.type === "Literal" && (shellOpt.value === false || shellOpt.value === null)))
      shell = true;
    const programs = this.candidates(program);
    const node = fn === "fork" || programs.some((p) => p === "node" || p === "process.execPath");
    const spelled = program?.type === "TemplateLiteral" || program?.type === "BinaryExpression";
    if (!spelled && programs.length > 0 && programs.every((p) => SHELLS.test(p) || p.startsWith("$"))) {
      // A shell run directly: its arguments (`-c "…"`) are shell text.
      shell = true;
      program = undefined;
    }
    if (fn === "fork") program = undefined;
    const opener = programs.some((p) => OPENERS.test(p)) && (!spelled || this.quotedArguments(program!));
    const site = this.recordExec(call, ref, { programs, shell, opener, node });
    const detached = opt("detached");
    site.detached = detached?.type === "Literal" && detached.value === true;
    const stdio = opt("stdio");
    site.silent =
      (stdio?.type === "Literal" && stdio.value === "ignore") ||
      (stdio?.type === "ArrayExpression" &&
        (stdio.elements as (N | null)[]).every((e) => e?.type === "Literal" && e.value === "ignore"));
    site.unref = this.unrefed.has(call);
    const detail = ref.slice(2);
    if (shell) {
      this.flowsTo(program ? [program] : [], "shell", call, detail);
      if (argList) this.flowsTo([argList], "shell", call, `${detail} arguments`);
    } else if (program && !node) this.flowsTo([program], "program", call, detail);
  }

  private recordExec(
    call: N,
    ref: string,
    what: { programs: string[]; shell: boolean; opener: boolean; node: boolean },
  ): ExecSite {
    const site: ExecSite = {
      where: this.host.rec.at(call.start, ref.slice(2)),
      programs: what.programs.slice(0, 5),
      shell: what.shell,
      opener: what.opener,
      node: what.node,
      detached: false,
      silent: false,
      unref: false,
      tools: [],
    };
    this.host.rec.exec(site, call.start);
    return site;
  }

  /** The constant values an expression can take (through conditionals, `||`), and `$NAME` for environment variables. */
  private candidates(expr: N | undefined, depth = 0): string[] {
    if (!expr || depth > 4) return [];
    const s = this.host.constString(expr);
    if (s !== undefined) return [s.trim().split(/\s+/)[0] ?? s];
    switch (expr.type) {
      case "TemplateLiteral": {
        // `open "${url}"`: the program is the first word, when the text spells it whole.
        const head = (
          ((expr.quasis as N[])[0]?.value as { cooked?: string } | undefined)?.cooked ?? ""
        ).replace(CMD_C, "");
        const word = /^\s*([^\s"'`$]+)\s/.exec(head);
        return word ? [word[1]!] : [];
      }
      case "BinaryExpression": {
        if (expr.operator !== "+") return [];
        const head = this.host.constString(expr.left as N);
        const word = head === undefined ? null : /^\s*([^\s"'`$]+)\s/.exec(head);
        return word ? [word[1]!] : this.candidates(expr.left as N, depth + 1);
      }
      case "ConditionalExpression":
        return [
          ...this.candidates(expr.consequent as N, depth + 1),
          ...this.candidates(expr.alternate as N, depth + 1),
        ];
      case "LogicalExpression":
        return [
          ...this.candidates(expr.left as N, depth + 1),
          ...this.candidates(expr.right as N, depth + 1),
        ];
      case "MemberExpression": {
        const ref = this.resolve(expr);
        if (ref === "g:process.execPath" || ref === "g:process.argv0") return ["process.execPath"];
        if (ref?.startsWith("g:process.env.")) {
          const name = ref.slice("g:process.env.".length);
          return SHELL_ENV.has(name) ? ["sh"] : [`$${name}`];
        }
        return [];
      }
      case "Identifier": {
        const values = this.scopes.lookup(expr.name as string, expr.start);
        if (values.length === 0 || values.length > 4) return [];
        return values.flatMap((v) => this.candidates(v, depth + 1));
      }
      default:
        return [];
    }
  }

  private singleInit(id: N): N | undefined {
    const values = this.scopes.lookup(id.name as string, id.start);
    return values.length === 1 ? values[0] : undefined;
  }

  // ---- credential reads ----

  private credentialFile(call: N, args: N[], detail: string): void {
    if (!this.host.secretHints) return;
    const what = this.secretOf(args[0]);
    if (!what) return;
    const read: CredentialRead = {
      where: this.host.rec.at(call.start, detail),
      what,
      via: "file",
      tools: [],
    };
    this.host.rec.credentialRead(read, call.start);
    this.host.rec.capability("secrets.paths", call.start, what);
  }

  private secretOf(path: N | undefined): string | undefined {
    if (!path) return undefined;
    for (const o of this.origins(path, 0)) if (o.t === 3) return o.what;
    return undefined;
  }

  private keyring(call: N, parts: string[], args: N[]): void {
    const last = parts[parts.length - 1]!;
    const isEntry = /^(?:Entry|AsyncEntry)$/.test(last);
    if (!isEntry && !/^(?:getPassword|findCredentials|findPassword|setPassword|deletePassword)$/.test(last))
      return;
    const service = this.host.constString(args[0]);
    const read: CredentialRead = {
      where: this.host.rec.at(call.start, parts.join(".")),
      what: "OS keyring",
      via: "keyring",
      tools: [],
    };
    if (service !== undefined) read.service = service.slice(0, 200);
    this.host.rec.credentialRead(read, call.start);
    this.host.rec.capability(
      "secrets.paths",
      call.start,
      `OS keyring${service ? ` (${service.slice(0, 60)})` : ""}`,
    );
  }

  // ---- e-mail ----

  /** The message objects that recipient assignments write to (`const m = {…}; m.bcc = "…"`). */
  private recipientsSetLater(): Map<N, { field: string; value: N }[]> {
    const out = new Map<N, { field: string; value: N }[]>();
    if (this.recipientAssignments.length === 0) return out;
    const messages = new Set(this.messageObjects);
    for (const a of this.recipientAssignments) {
      const left = a.left as N;
      const target = left.object as N;
      if (target.type !== "Identifier") continue;
      const field = propName(left) ?? "to";
      for (const v of this.scopes.lookup(target.name as string, a.start)) {
        if (!messages.has(v)) continue;
        const list = out.get(v) ?? [];
        if (list.length < 10) list.push({ field, value: a.right as N });
        out.set(v, list);
      }
    }
    return out;
  }

  private email(obj: N, later: readonly { field: string; value: N }[] = []): void {
    const props = obj.properties as N[];
    let message = false;
    const found: { field: string; address: string }[] = [];
    for (const l of later) this.literalAddresses(l.value, l.field, found, 0);
    for (const p of props) {
      if (p.type !== "Property") continue;
      const k = keyName(p);
      if (k === undefined) continue;
      if (MESSAGE_KEYS.has(k)) message = true;
      if (k === "Destination" && (p.value as N).type === "ObjectExpression") {
        for (const q of (p.value as N).properties as N[]) {
          const qk = q.type === "Property" ? keyName(q) : undefined;
          if (qk && RECIPIENT_KEYS.has(qk)) this.literalAddresses(q.value as N, qk, found, 0);
        }
      }
      if (RECIPIENT_KEYS.has(k)) this.literalAddresses(p.value as N, k, found, 0);
    }
    if (!message || found.length === 0) return;
    const send: EmailSend = {
      where: this.host.rec.at(obj.start),
      literalRecipients: found.slice(0, 5),
      tools: [],
    };
    this.host.rec.email(send, obj.start);
  }

  /** Constant addresses a recipient value can hold: literals, arrays of them, `x || "a@b.c"`, spreads. */
  private literalAddresses(
    expr: N,
    field: string,
    out: { field: string; address: string }[],
    depth: number,
  ): void {
    if (depth > 6 || out.length >= 5) return;
    const s = this.host.constString(expr);
    if (s !== undefined) {
      for (const m of s.matchAll(EMAIL))
        if (!EXAMPLE_DOMAIN.test(m[0]) && out.length < 5) out.push({ field, address: m[0].slice(0, 200) });
      return;
    }
    switch (expr.type) {
      case "ArrayExpression":
        for (const e of expr.elements as (N | null)[]) if (e) this.literalAddresses(e, field, out, depth + 1);
        return;
      case "SpreadElement":
        this.literalAddresses(expr.argument as N, field, out, depth + 1);
        return;
      case "LogicalExpression":
      case "ConditionalExpression":
        for (const k of ["left", "right", "consequent", "alternate"]) {
          const v = expr[k] as N | undefined;
          if (v) this.literalAddresses(v, field, out, depth + 1);
        }
        return;
      case "CallExpression": {
        // `[to, "a@b.c"].join(",")`, `list.concat("a@b.c")`: the constants joined in.
        const callee = expr.callee as N;
        const name = callee.type === "MemberExpression" ? propName(callee) : undefined;
        if (name !== "join" && name !== "concat") return;
        this.literalAddresses(callee.object as N, field, out, depth + 1);
        if (name === "concat")
          for (const a of expr.arguments as N[]) this.literalAddresses(a, field, out, depth + 1);
        return;
      }
      case "ObjectExpression":
        // SendGrid's personalizations, { email: "…" } recipients.
        for (const p of expr.properties as N[]) {
          const k = p.type === "Property" ? keyName(p) : undefined;
          if (k === "email" || k === "address" || (k !== undefined && RECIPIENT_KEYS.has(k)))
            this.literalAddresses(p.value as N, field, out, depth + 1);
        }
        return;
      case "Identifier": {
        // A module-level constant: `const SENT_ARCHIVE = "…"`; not a parameter.
        const values = this.scopes.lookup(expr.name as string, expr.start);
        if (values.length === 1 && values[0]!.type !== "Param")
          this.literalAddresses(values[0]!, field, out, depth + 1);
        return;
      }
      default:
        return;
    }
  }

  // ---- recording ----

  private record(origins: readonly Origin[], sink: SinkRec): void {
    for (const o of origins) {
      switch (o.t) {
        case 0:
          this.flow(o, sink);
          break;
        case 1: {
          // The flow is made across files later; the site is marked now, while the tools'
          // handlers are linked over this file's sites.
          this.host.rec.site(sink.at);
          let list = this.links.paramSinks.get(o.name);
          if (!list) {
            list = [];
            this.links.paramSinks.set(o.name, list);
          }
          if (
            list.length < 50 &&
            !list.some(
              (x) =>
                x.index === o.index &&
                x.sink.at === sink.at &&
                x.sink.kind === sink.kind &&
                x.encoded === o.encoded &&
                x.field === o.field,
            )
          )
            list.push({
              index: o.index,
              sink: this.linkedSink(sink),
              ...(o.encoded ? { encoded: true as const } : {}),
              ...(o.field ? { field: true as const } : {}),
            });
          break;
        }
        case 2:
          this.host.rec.site(sink.at);
          if (this.links.importSinks.length < 200)
            this.links.importSinks.push({ spec: o.spec, name: o.name, sink: this.linkedSink(sink) });
          break;
      }
    }
  }

  private flow(src: Src, sink: SinkRec): void {
    if (!interesting(src, sink)) return;
    const key = `${src.kind}\u0000${src.at}\u0000${sink.kind}\u0000${sink.at}`;
    if (this.flowKeys.has(key)) return;
    this.flowKeys.add(key);
    this.host.rec.flow(toFlow(this.host.rec, src, sink), sink.at);
  }

  // ---- where data comes from ----

  /** The sources (and unresolved cross-file ends) an expression's value can carry. */
  origins(node: N | undefined | null, depth: number): readonly Origin[] {
    if (!node) return NONE;
    const hit = this.memo.get(node);
    if (hit) return hit;
    if (depth > FLOW_LIMITS.depth || this.steps-- <= 0) return NONE;
    this.memo.set(node, NONE); // cycles end here
    const out = this.compute(node, depth + 1);
    this.memo.set(node, out);
    return out;
  }

  private compute(node: N, d: number): readonly Origin[] {
    switch (node.type) {
      case "Literal": {
        const secret = this.secretLiterals.get(node);
        if (secret) return [this.secret(secret)];
        if (this.addressLiterals.has(node)) return [this.addr(node)];
        return NONE;
      }
      case "TemplateLiteral": {
        const parts = (node.expressions as N[]).map((e) => this.origins(e, d));
        const sketch = (node.quasis as N[])
          .map((q) => (q.value as { cooked?: string }).cooked ?? "")
          .join("*");
        const secret = secretPathIn(sketch);
        if (secret) parts.push([this.secret(secret)]);
        for (const q of node.quasis as N[]) if (this.addressLiterals.has(q)) parts.push([this.addr(q)]);
        return union(parts);
      }
      case "Identifier":
        return this.identifier(node, d);
      case "Param":
        return this.param(node.fn as N, node.index as number, d);
      case "Element":
        return this.origins(node.of as N, d);
      case "MemberExpression":
        return this.member(node, d);
      case "CallExpression":
      case "NewExpression":
        return this.callOrigins(node, d);
      case "AwaitExpression":
      case "SpreadElement":
      case "UnaryExpression":
      case "YieldExpression":
        return node.argument ? this.origins(node.argument as N, d) : NONE;
      case "ChainExpression":
      case "ParenthesizedExpression":
      case "TSAsExpression":
      case "TSNonNullExpression":
        return this.origins(node.expression as N, d);
      case "BinaryExpression":
      case "LogicalExpression": {
        const parts = [this.origins(node.left as N, d), this.origins(node.right as N, d)];
        if (node.type === "BinaryExpression" && node.operator === "+") {
          const sketch = this.sketch(node, 0);
          const secret = sketch ? secretPathIn(sketch) : undefined;
          if (secret) parts.push([this.secret(secret)]);
        }
        return union(parts);
      }
      case "ConditionalExpression":
        return union([this.origins(node.consequent as N, d), this.origins(node.alternate as N, d)]);
      case "SequenceExpression": {
        const list = node.expressions as N[];
        return this.origins(list[list.length - 1], d);
      }
      case "AssignmentExpression":
        return this.origins(node.right as N, d);
      case "ArrayExpression":
        return union((node.elements as (N | null)[]).map((e) => this.origins(e, d)));
      case "ObjectExpression":
        return union(
          (node.properties as N[]).map((p) =>
            p.type === "SpreadElement" ? this.origins(p.argument as N, d) : this.origins(p.value as N, d),
          ),
        );
      case "TaggedTemplateExpression":
        return this.origins(node.quasi as N, d);
      default:
        return NONE;
    }
  }

  private identifier(node: N, d: number): readonly Origin[] {
    const name = node.name as string;
    const values = this.scopes.lookup(name, node.start);
    if (values.length === 0) return NONE;
    // Every use of a variable in its scope stands for the same values: asked once.
    const hit = this.bindingMemo.get(values);
    if (hit) return hit;
    this.bindingMemo.set(values, NONE);
    const out = union(values.map((v) => (isFunction(v) ? NONE : this.origins(v, d))));
    this.bindingMemo.set(values, out);
    return out;
  }

  private member(node: N, d: number): readonly Origin[] {
    const obj = node.object as N;
    if (obj.type === "ThisExpression") {
      // `this.x`: what `this.x = …` or field `x` holds, in the class the code is in (a bundle
      // has hundreds of classes with a `config`); by name over the file outside a class.
      const prop = propName(node);
      let values = prop === undefined ? undefined : this.host.classMembers.get(prop);
      const body = values && this.classAt(node.start);
      if (values && body) values = values.filter((v) => v.start >= body.start && v.start < body.end);
      return values
        ? union(values.slice(0, 8).map((v) => (isFunction(v) ? NONE : this.origins(v, d))))
        : NONE;
    }
    // process.env, process.env.X, and X of an alias of process.env; nothing else is looked up.
    const prop = propName(node);
    if (
      prop === "env" ||
      (obj.type === "MemberExpression" && propName(obj) === "env") ||
      obj.type === "Identifier"
    ) {
      if (node.computed && prop === undefined && this.host.resolve(obj) === "g:process.env") {
        // `process.env[name]`: one variable named at run time (`${VAR}` in a config), the whole
        // environment only when the name comes from enumerating it (`for (k of Object.keys(process.env))`).
        const keyFromEnv = this.origins(node.property as N, d).some(
          (o) => o.t === 0 && o.kind === "environment",
        );
        return keyFromEnv ? [this.src(node, "environment", "whole environment")] : NONE;
      }
      const ref = this.host.resolve(node);
      if (ref?.startsWith("g:process.env")) return this.env(node, ref);
    }
    const from = this.origins(obj, d);
    // `env.DT_URL` where env is process.env under another name (a parameter defaulting to it,
    // a copy, a parsed config `parseEnv(process.env).sentryHost`): one variable or setting, a
    // source only when its name says it is a credential. `{ env: process.env }.env` is still all.
    if (prop === undefined || CONTAINER.test(prop)) return from;
    if (from.some(isWholeEnv)) {
      const rest = from.filter((o) => !isWholeEnv(o));
      return CREDENTIAL_NAME.test(prop) ? union([rest, [this.src(node, "environment", prop)]]) : rest;
    }
    // A field of another file's argument: the same, once the argument is known.
    if (from.some((o) => o.t === 1 && !o.field))
      return from.map((o) =>
        o.t === 1 && !o.field ? this.xparam(o.name, o.index, o.encoded === true, true) : o,
      );
    return from;
  }

  /**
   * Data percent-encoded for a URL: tool input in it can no longer break out of a quoted shell
   * word (`open "https://…?q=${encodeURIComponent(q)}"`), so it is no tool input to a shell;
   * everything else it carries (a credential, the environment) it still carries.
   */
  private urlEncoded(origins: readonly Origin[]): readonly Origin[] {
    const out: Origin[] = [];
    for (const o of origins) {
      if (o.t === 0 && o.kind === "tool-input") continue;
      out.push(o.t === 1 && !o.encoded ? this.xparam(o.name, o.index, true, o.field === true) : o);
    }
    return out;
  }

  /** `new URLSearchParams(…)`, directly or through a variable. */
  private isSearchParams(node: N): boolean {
    const values = node.type === "Identifier" ? this.scopes.lookup(node.name as string, node.start) : [node];
    return values.some(
      (v) => v.type === "NewExpression" && this.host.resolve(v.callee as N) === "g:URLSearchParams",
    );
  }

  /** The innermost class body around an offset. */
  private classAt(at: number): N | undefined {
    const bodies = this.host.classBodies;
    let lo = 0;
    let hi = bodies.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bodies[mid]!.start <= at) lo = mid + 1;
      else hi = mid;
    }
    // Bodies start in source order; the last one starting before the offset that also ends
    // after it is the innermost.
    for (let i = lo - 1, n = 0; i >= 0 && n < 64; i--, n++) if (bodies[i]!.end > at) return bodies[i];
    return undefined;
  }

  private env(node: N, ref: string): readonly Origin[] {
    if (ref === "g:process.env") return [this.src(node, "environment", "whole environment")];
    const name = ref.slice("g:process.env.".length);
    if (!CREDENTIAL_NAME.test(name)) return NONE;
    return [this.src(node, "environment", name)];
  }

  private callOrigins(node: N, d: number): readonly Origin[] {
    const callee = node.callee as N;
    const args = node.arguments as N[];
    const ref = this.resolve(callee);
    if (ref === "g:encodeURIComponent") return this.urlEncoded(this.origins(args[0], d));
    if (
      callee.type === "MemberExpression" &&
      propName(callee) === "toString" &&
      this.isSearchParams(callee.object as N)
    )
      return this.urlEncoded(this.origins(callee.object as N, d));
    if (ref !== undefined) {
      const known = this.knownCall(node, ref, args, d);
      if (known) return known;
    }
    if (callee.type === "MemberExpression") {
      const prop = propName(callee);
      const receiver = callee.object as N;
      const parts: (readonly Origin[])[] = [];
      if (ref === undefined && prop !== undefined) {
        // A predicate's answer is no data: `servers.filter((s) => s.ext.includes(ext))` holds
        // servers, not ext; `list.some(…)`, `s.startsWith(x)` hold a boolean.
        if (SELECTS.has(prop) && isFunction(args[0] ?? receiver)) return this.origins(receiver, d);
        if (TESTS.has(prop)) return NONE;
      }
      // A global's function (JSON.stringify, Object.entries) transforms its arguments; a
      // method of a value hands on the value's data (res.text(), s.split(), p.then(cb)).
      if (ref === undefined) parts.push(this.origins(receiver, d));
      for (const a of args) parts.push(isFunction(a) ? this.returnsOf(a, d) : this.origins(a, d));
      if (ref !== undefined || (prop !== undefined && THEN.has(prop))) return union(parts);
      const imported = this.importOf(callee);
      if (imported) parts.push([imported]);
      else if (receiver.type === "ThisExpression")
        for (const fn of this.localMethods(callee)) parts.push(this.returnsOf(fn, d));
      return union(parts);
    }
    // A function of this file returns what its body returns (its parameters followed to what
    // callers pass); any other call is taken to return what it was given.
    const local = isFunction(callee)
      ? [callee]
      : callee.type === "Identifier"
        ? this.scopes.lookup(callee.name as string, callee.start).filter(isFunction)
        : [];
    const parts: (readonly Origin[])[] = local.map((fn) => this.returnsOf(fn, d));
    const imported = local.length === 0 && callee.type === "Identifier" ? this.importOf(callee) : undefined;
    if (imported) parts.push([imported]);
    if (local.length === 0) for (const a of args) parts.push(isFunction(a) ? NONE : this.origins(a, d));
    return union(parts);
  }

  /** Calls whose result is a source, or that hide one: network responses, credential reads, decoding. */
  private knownCall(node: N, ref: string, args: N[], d: number): readonly Origin[] | undefined {
    if (ref === "g:fetch") return [this.src(node, "network", "fetch response")];
    if (ref === "g:WebSocket") return [this.src(node, "network", "WebSocket", { socket: true })];
    if (ref === "g:atob") return union([[this.src(node, "decoded", "atob")], this.origins(args[0], d)]);
    if (ref === "g:Buffer.from") {
      const enc = this.host.constString(args[1]);
      const inner = this.origins(args[0], d);
      return enc === "base64" || enc === "hex" || enc === "base64url"
        ? union([[this.src(node, "decoded", `Buffer.from(…, "${enc}")`)], inner])
        : inner;
    }
    if (!ref.startsWith("m:")) return undefined;
    const parts = ref.slice(2).split(".");
    const mod = parts[0]!;
    const last = parts[parts.length - 1]!;
    if (HTTP_CLIENTS.has(mod)) return [this.src(node, "network", `${mod} response`)];
    if (SOCKET_LIBS.has(mod)) return [this.src(node, "network", `${mod} connection`, { socket: true })];
    if ((mod === "net" || mod === "tls") && /^(?:connect|createConnection|Socket|TLSSocket)$/.test(last))
      return [this.src(node, "network", `${mod} connection`, { socket: true })];
    if ((mod === "http" || mod === "https" || mod === "http2") && /^(?:request|get|connect)$/.test(last))
      return [this.src(node, "network", `${mod} request`, { socket: true })];
    if (mod === "dgram" && last === "createSocket")
      return [this.src(node, "network", "UDP socket", { socket: true })];
    if (FS_MODULES.has(mod)) {
      const fn = last.replace(/Sync$/, "");
      if (FS_READ.has(fn) && this.host.secretHints) {
        const what = this.secretOf(args[0]);
        return what ? [this.src(node, "credential-file", what)] : NONE;
      }
      return NONE;
    }
    if (mod === "child_process") {
      if (!/^(?:spawn|spawnSync|exec|execSync|execFile|execFileSync)$/.test(last)) return NONE;
      const programs = this.candidates(args[0]);
      const shell = programs.length > 0 && programs.every((p) => SHELLS.test(p));
      return shell ? [this.src(node, "shell-output", `output of ${programs[0]}`, { shell: true })] : NONE;
    }
    if (mod === "path" && /^(?:join|resolve|normalize|posix|win32)$/.test(last)) {
      const sketch = args.map((a) => this.host.constString(a) ?? "*").join("/");
      const secret = secretPathIn(sketch);
      const inner = union(args.map((a) => this.origins(a, d)));
      return secret ? union([[this.secret(secret)], inner]) : inner;
    }
    if (mod === "os" && last === "homedir") return NONE;
    // Other library calls: pure transforms of their arguments (path, util, querystring, …).
    return union(args.map((a) => (isFunction(a) ? NONE : this.origins(a, d))));
  }

  /** A parameter's data: tool input, a callback's argument, or what the function's callers pass. */
  private param(fn: N, index: number, d: number): readonly Origin[] {
    let byIndex = this.paramMemo.get(fn);
    if (!byIndex) {
      byIndex = [];
      this.paramMemo.set(fn, byIndex);
    }
    const hit = byIndex[index];
    if (hit) return hit;
    byIndex[index] = NONE;
    const parts: (readonly Origin[])[] = [];
    const tools = this.toolFns.get(fn);
    if (tools) for (const tool of tools) parts.push([this.toolInput(fn, tool)]);
    if (this.dispatcherFns.has(fn) && index === 0) parts.push([this.toolInput(fn, undefined)]);
    const arg = this.scopes.argOf(fn);
    if (arg) parts.push(this.callbackParam(arg.call, index, d));
    for (const n of this.scopes.names(fn)) parts.push(this.callersPass(fn, n, index, d));
    const exported = this.exportedFns.get(fn);
    if (exported !== undefined) parts.push([this.xparam(exported, index)]);
    const out = union(parts);
    byIndex[index] = out;
    return out;
  }

  /** The argument a callback gets: `.then(cb)`, `.on("data", cb)`, `.map(cb)`, `https.get(url, cb)`. */
  private callbackParam(call: N, index: number, d: number): readonly Origin[] {
    const callee = call.callee as N;
    if (callee.type === "MemberExpression") {
      const prop = propName(callee);
      const receiver = callee.object as N;
      if (prop !== undefined && (THEN.has(prop) || EVENTS.has(prop)))
        return index === 0 ? this.origins(receiver, d) : NONE;
      if (prop !== undefined && ITERATE.has(prop)) return index <= 1 ? this.origins(receiver, d) : NONE;
    }
    const ref = this.resolve(callee);
    if (ref && /^m:(?:https?|http2)\.(?:get|request)$/.test(ref) && index === 0)
      return [this.src(call, "network", `${ref.slice(2)} response`)];
    if (ref && /^m:(?:child_process)\.(?:exec|execFile)$/.test(ref) && index >= 1) {
      const programs = this.candidates((call.arguments as N[])[0]);
      if (programs.length > 0 && programs.every((p) => SHELLS.test(p)))
        return [this.src(call, "shell-output", `output of ${programs[0]}`, { shell: true })];
    }
    return NONE;
  }

  /** What the calls of a function pass at a position (callers found by name, a bounded number). */
  private callersPass(
    fn: N,
    n: { name: string; member: boolean },
    index: number,
    d: number,
  ): readonly Origin[] {
    // Callers of callers of …: a bundle's call graph fans out; a few levels find the handler.
    if (this.hops >= FLOW_LIMITS.callHops) return NONE;
    this.hops++;
    try {
      return this.callersPassAt(fn, n, index, d);
    } finally {
      this.hops--;
    }
  }

  private callersPassAt(
    fn: N,
    n: { name: string; member: boolean },
    index: number,
    d: number,
  ): readonly Origin[] {
    const parts: (readonly Origin[])[] = [];
    if (n.member) {
      // Methods are found by name, whatever the object: only `this.name()` for a common name
      // (`get`, `send`, `run` name a method of half the objects of a bundle).
      const sites = this.memberCalls().get(n.name) ?? [];
      const anyObject = n.name.length >= 6 && !COMMON_METHODS.has(n.name);
      let used = 0;
      for (const call of sites) {
        if (used >= FLOW_LIMITS.memberCallSites) break;
        if (!anyObject && ((call.callee as N).object as N).type !== "ThisExpression") continue;
        used++;
        parts.push(this.argAt(call, index, d));
      }
    } else {
      const sites = this.identCalls().get(n.name) ?? [];
      let used = 0;
      for (const call of sites) {
        if (used >= FLOW_LIMITS.callSites) break;
        const callee = call.callee as N;
        if (!this.scopes.lookup(n.name, callee.start).includes(fn)) continue;
        used++;
        parts.push(this.argAt(call, index, d));
      }
    }
    return union(parts);
  }

  private argAt(call: N, index: number, d: number): readonly Origin[] {
    const args = call.arguments as N[];
    const spread = args.findIndex((a) => a.type === "SpreadElement");
    if (spread !== -1 && spread <= index) return this.origins(args[spread], d);
    return this.origins(args[index], d);
  }

  private returnsOf(fn: N, d: number): readonly Origin[] {
    const hit = this.returnMemo.get(fn);
    if (hit) return hit;
    this.returnMemo.set(fn, NONE);
    const parts: (readonly Origin[])[] = [];
    const body = fn.body as N | undefined;
    if (fn.type === "ArrowFunctionExpression" && body && body.type !== "BlockStatement")
      parts.push(this.origins(body, d));
    for (const r of this.scopes.returns.get(fn) ?? []) parts.push(this.origins(r, d));
    const out = union(parts);
    this.returnMemo.set(fn, out);
    return out;
  }

  /** `x.method()` where `method` is a function of this file (flat by name: any object's). */
  private localMethods(callee: N): N[] {
    const prop = propName(callee);
    if (prop === undefined) return [];
    const out: N[] = [];
    for (const v of this.host.classMembers.get(prop) ?? []) if (isFunction(v)) out.push(v);
    return out.slice(0, 4);
  }

  /** An imported function called: `{ f } from "./x"`, `require("./x").f`, `lib.f` of `import * as lib`. */
  private importOf(callee: N): ImportRet | undefined {
    let spec: string | undefined;
    let name: string | undefined;
    if (callee.type === "Identifier") {
      const values = this.scopes.lookup(callee.name as string, callee.start);
      for (const v of values) {
        const r = this.importedValue(v);
        if (r) return this.importRet(r.spec, r.name);
        // The module itself called: `const send = require("./send"); send(x)`.
        const spec = this.moduleSpec(v);
        if (spec !== undefined) return this.importRet(spec, "default");
      }
      return undefined;
    }
    if (callee.type !== "MemberExpression") return undefined;
    const prop = propName(callee);
    if (prop === undefined) return undefined;
    const obj = callee.object as N;
    if (obj.type === "Identifier") {
      for (const v of this.scopes.lookup(obj.name as string, obj.start)) {
        const base = this.moduleSpec(v);
        if (base) {
          spec = base;
          name = prop;
          break;
        }
        const r = this.importedValue(v);
        if (r) {
          spec = r.spec;
          name = `${r.name}.${prop}`;
          break;
        }
      }
    } else {
      const base = this.moduleSpec(obj);
      if (base) {
        spec = base;
        name = prop;
      }
    }
    return spec !== undefined && name !== undefined ? this.importRet(spec, name) : undefined;
  }

  /** A binding's value that is a named import of a relative module. */
  private importedValue(v: N): { spec: string; name: string } | undefined {
    if (v.type !== "MemberExpression") return undefined;
    const spec = this.moduleSpec(v.object as N);
    const name = propName(v);
    return spec !== undefined && name !== undefined ? { spec, name } : undefined;
  }

  /** The relative module a value is (an import namespace or default, `require("./x")`). */
  private moduleSpec(v: N): string | undefined {
    let base = v;
    while (
      base.type === "CallExpression" &&
      /^(?:__importStar|__importDefault|_interopRequireDefault|_interopRequireWildcard|__toESM)$/.test(
        ((base.callee as N).name as string) ?? "",
      )
    )
      base = (base.arguments as N[])[0] ?? base;
    if (base.type === "AwaitExpression") base = base.argument as N;
    let spec: string | undefined;
    if (base.type === "ModuleRef") spec = base.spec as string | undefined;
    else if (base.type === "CallExpression") {
      const c = base.callee as N;
      if (c.type === "Identifier" && REQUIRE_NAMES.has(c.name as string))
        spec = this.host.constString((base.arguments as N[])[0]);
    } else if (base.type === "ImportExpression") spec = this.host.constString(base.source as N);
    return spec !== undefined && /^\.\.?(?:\/|$)/.test(spec) ? spec : undefined;
  }

  private identCalls(): Map<string, N[]> {
    if (!this.callsByName) this.indexCalls();
    return this.callsByName!;
  }

  private memberCalls(): Map<string, N[]> {
    if (!this.callsByMember) this.indexCalls();
    return this.callsByMember!;
  }

  private indexCalls(): void {
    const byName = new Map<string, N[]>();
    const byMember = new Map<string, N[]>();
    for (const call of this.host.calls) {
      if (call.type === "ImportExpression") continue;
      const callee = call.callee as N;
      const key = callee.type === "Identifier" ? (callee.name as string) : undefined;
      const member = callee.type === "MemberExpression" ? propName(callee) : undefined;
      const map = key !== undefined ? byName : member !== undefined ? byMember : undefined;
      const k = key ?? member;
      if (!map || k === undefined) continue;
      const list = map.get(k);
      if (!list) map.set(k, [call]);
      else if (list.length < 256) list.push(call);
    }
    this.callsByName = byName;
    this.callsByMember = byMember;
  }

  /** The spawn calls a `.unref()` receiver is: `spawn(…).unref()`, `const c = spawn(…); c.unref()`. */
  private callsOf(receiver: N): N[] {
    if (receiver.type === "CallExpression") return [receiver];
    if (receiver.type === "Identifier") {
      return this.scopes
        .lookup(receiver.name as string, receiver.start)
        .map((v) => (v.type === "AwaitExpression" ? (v.argument as N) : v))
        .filter((v) => v.type === "CallExpression");
    }
    return [];
  }

  /** What exported functions return, for importers: only what carries source data. */
  private summariseReturns(): void {
    // A file with nothing that can be a source returns none (what it relays from another
    // file is followed one import deep from the file that holds the sink).
    const worth = this.host.sources || this.host.secretHints || this.host.rec.facts.envEnumeration.length > 0;
    for (const [fn, name] of worth ? this.exportedFns : []) {
      if (!this.holdsSource(fn)) continue;
      if (this.steps <= 0 || this.links.returns.size >= 200) break;
      const origins = this.returnsOf(fn, 0);
      const sources = origins.filter((o): o is Src => o.t === 0).map((o) => this.linkedSrc(o));
      const imports = origins
        .filter((o): o is ImportRet => o.t === 2)
        .map(({ spec, name }) => ({ spec, name }));
      if (sources.length > 0 || imports.length > 0) this.links.returns.set(name, { sources, imports });
    }
    for (const call of this.host.importCalls) {
      if (this.steps <= 0) break;
      const callee = call.callee as N;
      const imported = this.importOf(callee);
      if (!imported) continue;
      const args = call.arguments as N[];
      args.forEach((a, i) => {
        if (isFunction(a)) return;
        const origins = this.origins(a, 0);
        const sources = origins.filter((o): o is Src => o.t === 0).map((o) => this.linkedSrc(o));
        const imports = origins
          .filter((o): o is ImportRet => o.t === 2)
          .map(({ spec, name }) => ({ spec, name }));
        if ((sources.length > 0 || imports.length > 0) && this.links.importCalls.length < 500)
          this.links.importCalls.push({
            spec: imported.spec,
            name: imported.name,
            index: i,
            sources,
            imports,
          });
        for (const o of origins) {
          if (o.t !== 1) continue;
          let list = this.links.paramCalls.get(o.name);
          if (!list) {
            list = [];
            this.links.paramCalls.set(o.name, list);
          }
          if (list.length < 50)
            list.push({
              index: o.index,
              spec: imported.spec,
              name: imported.name,
              argIndex: i,
              ...(o.field ? { field: true as const } : {}),
            });
        }
      });
    }
  }

  // ---- names ----

  private readonly refMemo = new Map<N, string | null>();

  /**
   * What a callee or value names (a module's function, a global), as the file-wide resolution
   * says, unless the name's own scope binds it to something else: in a bundle, a local `i`
   * must not inherit what an imported `i` elsewhere is.
   */
  private resolve(node: N | undefined | null): string | undefined {
    if (!node) return undefined;
    const hit = this.refMemo.get(node);
    if (hit !== undefined) return hit ?? undefined;
    return this.scopedRef(node, this.host.resolve(node));
  }

  /** A call's callee, from the resolution the capability pass already made. */
  private callRef(call: N): string | undefined {
    const callee = call.callee as N;
    const hit = this.refMemo.get(callee);
    if (hit !== undefined) return hit ?? undefined;
    return this.scopedRef(callee, this.host.callRefs.get(call));
  }

  private scopedRef(node: N, flat: string | undefined): string | undefined {
    if (flat === undefined) {
      this.refMemo.set(node, null);
      return undefined;
    }
    let root = node;
    for (let i = 0; i < 16 && (root.type === "MemberExpression" || root.type === "CallExpression"); i++)
      root = (root.type === "MemberExpression" ? root.object : root.callee) as N;
    let ref: string | undefined;
    if (root.type === "Identifier") {
      const values = this.scopes.lookup(root.name as string, root.start);
      const local =
        values.length > 0 &&
        !values.some((v) => MAY_NAME_MODULE.has(v.type) && this.host.resolve(v) !== undefined);
      ref = local ? undefined : flat;
    } else ref = flat;
    // The package's own modules are code to follow, not a library's API.
    if (ref?.startsWith("m:.")) ref = undefined;
    this.refMemo.set(node, ref ?? null);
    return ref;
  }

  // ---- origin objects, one per site ----

  private readonly linked = new Map<Src, LinkedSrc>();

  private linkedSrc(src: Src): LinkedSrc {
    let l = this.linked.get(src);
    if (!l) {
      l = { kind: src.kind, detail: src.detail, where: this.host.rec.at(src.at, src.detail) };
      if (src.tool !== undefined) l.tool = src.tool;
      this.linked.set(src, l);
    }
    return l;
  }

  private linkedSink(sink: SinkRec): LinkedSink {
    return { ...sink, where: this.host.rec.at(sink.at, sink.detail) };
  }

  private src(
    node: N,
    kind: FlowSourceKind,
    detail: string,
    extra?: { socket?: boolean; shell?: boolean },
  ): Src {
    let s = this.srcMemo.get(node);
    if (!s) {
      s = { t: 0, kind, at: node.start, detail, ...extra };
      this.srcMemo.set(node, s);
    }
    return s;
  }

  private toolInput(fn: N, tool: string | undefined): Src {
    // One per function and tool: a handler serving several tools names each.
    const key = `${fn.start}\u0000${tool ?? ""}`;
    let s = this.toolSrc.get(key);
    if (!s) {
      s = {
        t: 0,
        kind: "tool-input",
        at: fn.start,
        detail: tool ? `arguments of tool ${tool}` : "tool arguments",
      };
      if (tool !== undefined) s.tool = tool;
      this.toolSrc.set(key, s);
    }
    return s;
  }

  private xparam(name: string, index: number, encoded = false, field = false): XParam {
    const key = `${name}\u0000${index}\u0000${encoded}\u0000${field}`;
    let x = this.xparams.get(key);
    if (!x) {
      x = { t: 1, name, index };
      if (encoded) x.encoded = true;
      if (field) x.field = true;
      this.xparams.set(key, x);
    }
    return x;
  }

  private importRet(spec: string, name: string): ImportRet {
    const key = `${spec}\u0000${name}`;
    let x = this.imports.get(key);
    if (!x) {
      x = { t: 2, spec, name };
      this.imports.set(key, x);
    }
    return x;
  }

  private secret(what: string): Secret {
    let x = this.secrets.get(what);
    if (!x) {
      x = { t: 3, what };
      this.secrets.set(what, x);
    }
    return x;
  }

  private addr(node: N): Addr {
    let x = this.addrs.get(node);
    if (!x) {
      x = { t: 4, node };
      this.addrs.set(node, x);
    }
    return x;
  }

  /** A string with unknown parts as `*`: `home + "/.aws/credentials"` -> `*\/.aws/credentials`. */
  private sketch(node: N, depth: number): string | undefined {
    if (depth > 8) return undefined;
    if (node.type === "BinaryExpression" && node.operator === "+") {
      const l = this.sketch(node.left as N, depth + 1);
      const r = this.sketch(node.right as N, depth + 1);
      return l === undefined && r === undefined ? undefined : `${l ?? "*"}${r ?? "*"}`;
    }
    return this.host.constString(node);
  }
}

/**
 * The flows worth keeping: each names an attack or a risk a heuristic judges. Tool input to
 * the network is what most servers do (an API call with the arguments); a credential-like
 * variable sent in a request is an API key used; both are left out.
 */
function interesting(src: { kind: FlowSourceKind; detail: string }, sink: SinkRec): boolean {
  switch (sink.kind) {
    case "shell":
    case "program":
      return src.kind !== "environment" || src.detail === "whole environment";
    case "code":
      return src.kind !== "environment";
    case "shell-input":
      return true;
    case "network":
      if (src.kind === "credential-file" || src.kind === "shell-output") return true;
      if (src.kind === "environment") return src.detail === "whole environment" || sink.channel === "dns";
      return false;
  }
}

function toFlow(rec: FileRecorder, src: Src, sink: SinkRec): CodeFlow {
  return {
    source: { kind: src.kind, where: rec.at(src.at, src.detail) },
    sink: {
      kind: sink.kind,
      where: rec.at(sink.at, sink.detail),
      ...(sink.channel ? { channel: sink.channel } : {}),
    },
    tools: src.tool ? [src.tool] : [],
  };
}

// ---- across files: after every file is analysed ----

/**
 * Finishes the flows that cross files: data from sources passed to imported functions whose
 * parameters reach sinks there, and sinks whose data an imported function returned. Followed
 * through re-exports and up to FLOW_LIMITS.fileDepth files. The flows are added to the file
 * that holds the sink, at the sink's site (so the tools reaching it are named).
 */
export function linkFlowsAcrossFiles(perFile: ReadonlyMap<string, FileFactsForFlows>): void {
  const keys = new Set<string>();
  const add = (target: FileFactsForFlows, src: LinkedSrc, sink: LinkedSink) => {
    if (!interesting(src, sink)) return;
    const key = `${src.where.file}:${src.where.line}:${src.kind}\u0000${target.path}:${sink.at}:${sink.kind}`;
    if (keys.has(key) || target.flows.length >= CODE_LIMITS.flows) return;
    keys.add(key);
    const flow: CodeFlow = {
      source: { kind: src.kind, where: src.where },
      sink: { kind: sink.kind, where: sink.where, ...(sink.channel ? { channel: sink.channel } : {}) },
      tools: src.tool ? [src.tool] : [],
    };
    target.flows.push(flow);
    const list = target.sites.get(sink.at);
    if (list) list.push(flow);
    else target.sites.set(sink.at, [flow]);
  };
  const returned = (from: string, ref: ImportName, depth: number): LinkedSrc[] => {
    const hit = exportOf(perFile, from, ref, 0);
    if (!hit || depth > FLOW_LIMITS.fileDepth) return [];
    const r = hit.facts.flowLinks.returns.get(hit.name);
    if (!r) return [];
    return [...r.sources, ...r.imports.flatMap((i) => returned(hit.facts.path, i, depth + 1))].slice(0, 24);
  };
  const deliver = (
    from: string,
    ref: ImportName,
    index: number | "all",
    srcs: LinkedSrc[],
    depth: number,
  ) => {
    const hit = exportOf(perFile, from, ref, 0);
    if (!hit || depth > FLOW_LIMITS.fileDepth || srcs.length === 0) return;
    const links = hit.facts.flowLinks;
    for (const ps of links.paramSinks.get(hit.name) ?? [])
      if (index === "all" || ps.index === index)
        for (const s of srcs)
          if (!(ps.encoded && s.kind === "tool-input") && !(ps.field && isWholeEnvLinked(s)))
            add(hit.facts, s, ps.sink);
    for (const pc of links.paramCalls.get(hit.name) ?? [])
      if (index === "all" || pc.index === index)
        deliver(
          hit.facts.path,
          { spec: pc.spec, name: pc.name },
          pc.argIndex,
          pc.field ? srcs.filter((s) => !isWholeEnvLinked(s)) : srcs,
          depth + 1,
        );
  };
  for (const facts of perFile.values()) {
    const links = facts.flowLinks;
    for (const s of links.importSinks) for (const src of returned(facts.path, s, 0)) add(facts, src, s.sink);
    for (const c of links.importCalls) {
      const srcs = [...c.sources, ...c.imports.flatMap((i) => returned(facts.path, i, 0))];
      deliver(facts.path, c, c.index, srcs, 0);
    }
    for (const t of links.toolImports) {
      const src: LinkedSrc = {
        kind: "tool-input",
        detail: `arguments of tool ${t.tool}`,
        where: { file: facts.path, detail: `arguments of tool ${t.tool}` },
        tool: t.tool,
      };
      deliver(facts.path, t, "all", [src], 0);
    }
  }
}

/** What the cross-file pass reads and writes of a file's facts. */
export interface FileFactsForFlows {
  path: string;
  flows: CodeFlow[];
  sites: Map<number, { tools: string[] }[]>;
  flowLinks: FlowLinks;
  links: {
    exports: Map<string, { onlyRefs: boolean; refs: { spec: string; name: string }[] }>;
    starExports: string[];
  };
}

/** The file and name an import resolves to, through re-exports and `export *`. */
function exportOf(
  perFile: ReadonlyMap<string, FileFactsForFlows>,
  from: string,
  ref: ImportName,
  depth: number,
): { facts: FileFactsForFlows; name: string } | undefined {
  if (depth > FLOW_LIMITS.fileDepth) return undefined;
  const path = resolveImport(from, ref.spec, perFile);
  const facts = path === undefined ? undefined : perFile.get(path);
  if (!facts) return undefined;
  const fl = facts.flowLinks;
  if (fl.paramSinks.has(ref.name) || fl.paramCalls.has(ref.name) || fl.returns.has(ref.name))
    return { facts, name: ref.name };
  const re = facts.links.exports.get(ref.name);
  if (re?.onlyRefs && re.refs[0]) return exportOf(perFile, facts.path, re.refs[0], depth + 1);
  for (const star of facts.links.starExports.slice(0, 20)) {
    const hit = exportOf(perFile, facts.path, { spec: star, name: ref.name }, depth + 1);
    if (hit) return hit;
  }
  return { facts, name: ref.name };
}

function union(parts: readonly (readonly Origin[])[]): readonly Origin[] {
  let out: Origin[] | undefined;
  let single: readonly Origin[] | undefined;
  for (const p of parts) {
    if (p.length === 0) continue;
    if (!single) {
      single = p;
      continue;
    }
    if (!out) out = [...single];
    for (const o of p) if (out.length < FLOW_LIMITS.originsPerValue && !out.includes(o)) out.push(o);
  }
  return out ?? single ?? NONE;
}

function objectProp(obj: N, name: string): N | undefined {
  for (const p of obj.properties as N[])
    if (p.type === "Property" && keyName(p) === name) return p.value as N;
  return undefined;
}

export type { CodeLocation };
