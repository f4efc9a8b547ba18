import { getKeys, KEYS } from "eslint-visitor-keys";
import type { CapabilityId } from "../../evidence/code.js";
import type { FileFacts, FileRecorder } from "./facts.js";
import { FlowEngine } from "./flows.js";
import { isModuleExports, linkHandlers } from "./handlers.js";
import { extractMcp, markLateTools, type ToolSite } from "./mcp.js";
import { isNode, keyName, propName } from "./nodes.js";
import type { AstNode } from "./parser.js";
import {
  decodedKind,
  decodeObfuscatorString,
  printable,
  publicIpIn,
  secretPathIn,
  unusualHost,
  urlsIn,
} from "./patterns.js";
import {
  FS_MODULES,
  FS_READ,
  FS_WRITE,
  HTTP_CLIENTS,
  INTEROP_WRAPPER,
  KEYRING_MODULES,
  KNOWN_GLOBALS,
  MEMBER_CAPABILITY,
  MODULE_CAPABILITY,
  moduleName,
  NET_GLOBALS,
  RECIPIENT_KEYS,
  REQUIRE_NAMES,
  SOCKET_LIBS,
} from "./rules.js";
import { isFunction, Scopes } from "./scope.js";

type N = AstNode;

const VISITOR_KEYS = KEYS as Readonly<Record<string, readonly string[] | undefined>>;
const GLOBAL_OBJECTS = new Set(["g:globalThis", "g:global", "g:window", "g:self"]);
const ARG_PARSERS = new Set([
  "commander",
  "yargs",
  "minimist",
  "meow",
  "arg",
  "cac",
  "mri",
  "sade",
  "clipanion",
]);
/** What a call's resolution starts with when the flow pass must look at it (modules, or globals as `g:name`). */
const FLOW_REFS = new Set([
  "g:eval",
  "g:Function",
  "g:fetch",
  "g:navigator.sendBeacon",
  "g:setTimeout",
  "g:setInterval",
  "g:WebSocket",
  "child_process",
  "cross-spawn",
  "execa",
  "shelljs",
  "open",
  "opn",
  "vm",
  "vm2",
  "isolated-vm",
  ...FS_MODULES,
  ...KEYRING_MODULES,
  "http",
  "https",
  "http2",
  "dns",
  "net",
  "tls",
  "dgram",
  ...HTTP_CLIENTS,
  ...SOCKET_LIBS,
]);
/** Modules (and the WebSocket global) whose objects are connections: writes to them are sends. */
const CONNECTS = new Set([
  "g:WebSocket",
  "http",
  "https",
  "http2",
  "net",
  "tls",
  "dgram",
  "ws",
  "isomorphic-ws",
  "socket.io-client",
]);
/** Parts of credential locations: a file with none of them reads no credential file by a path it spells. */
const SECRET_HINT =
  /\.ssh|\.aws|npmrc|netrc|pypirc|git-credentials|gnupg|\.kube|\.docker|gcloud|\.azure|credentials|chrom|brave|firefox|mozilla|login data|local state|key4|logins\.json|cookies|mcp\.json|mcp_config|mcp_settings|claude|cursor|windsurf|codeium|cline|keychain|secret-tool|wallet|electrum|exodus|metamask|id_rsa|id_dsa|id_ecdsa|id_ed25519|authorized_keys|known_hosts|\.env/i;
/** Functions that run code, when handed over as a callback. */
const CODE_RUNNERS = /^(?:eval|Function|runInThisContext|runInNewContext|runInContext|compileFunction)$/;
/** Array mutators: `list.push(x)` puts x's data in list. */
const MUTATORS = new Set(["push", "unshift", "add", "set", "append"]);

/**
 * The scope model is deliberately flat: a name maps to every expression ever assigned to it
 * in the file, and a use resolves through any of them. That over-approximates (two `e`s in a
 * minified bundle share bindings) but never misses an alias, which is the right side to err
 * on when the question is "can this code spawn a shell".
 */
export class AstAnalysis {
  readonly bindings = new Map<string, N[]>();
  private readonly identMemo = new Map<string, string | undefined>();
  /** Calls and `new`s; sorted by offset before judging (handlers.ts looks them up by range). */
  readonly calls: N[] = [];
  // For linking tools to their handlers (handlers.ts). Only with offsets: without them no
  // capability use can be placed inside a handler.
  readonly toolSites: ToolSite[] = [];
  readonly dispatchers: { handler: N; callTool: boolean }[] = [];
  readonly declarations = new Map<string, N[]>();
  readonly classMembers = new Map<string, N[]>();
  /** Class bodies, in source order: `this.x` in a method is that class's x. */
  readonly classBodies: N[] = [];
  /** Names with more bindings or declarations (members) than were kept: links through them are partial. */
  readonly bindingsDropped = new Map<string, boolean>();
  readonly membersDropped = new Map<string, boolean>();
  readonly exportNodes: N[] = [];
  /** `{ schema, handle }` objects: a tool definition and its handler side by side. */
  readonly toolWrappers: N[] = [];
  /** Calls the flow pass looks at (sinks, sources it must place), in source order. */
  readonly flowCalls: N[] = [];
  /** Calls of functions imported relatively: the flow pass records what they are passed. */
  readonly importCalls: N[] = [];
  /** What each call's callee resolves to (the file-wide resolution), for the flow pass. */
  readonly callRefs = new Map<N, string>();
  /** The file opens connections or spawns programs: stream writes may be sinks. */
  connects = false;
  spawns = false;
  /** A literal names part of a credential location: file reads are worth following. */
  secretHints = false;
  /** Something in the file can be a source (a request, a decoder, the whole environment, a spawn). */
  sources = false;
  /** Names bound to relatively imported modules or their members. */
  private readonly relativeNames = new Set<string>();
  private readonly linkable: boolean;
  private readonly members: { node: N; parent: N | undefined }[] = [];
  private readonly patterns: N[] = [];
  private readonly definitionObjects: N[] = [];
  private readonly fsImports: number[] = [];
  private fsUsed = false;
  /** Lexical scopes, for following data (flows.ts); only with offsets. */
  private readonly scopes: Scopes | undefined;
  private readonly secretLiterals = new Map<N, string>();
  private readonly addressLiterals = new Map<N, { reachesNetwork: boolean }>();
  private readonly messageObjects: N[] = [];
  /** `x.to = …`, `x.bcc = …`: recipients set on an object after it was written. */
  private readonly recipientAssignments: N[] = [];
  private readonly unrefReceivers: N[] = [];
  /** Arrays of many strings: an obfuscator's string table, when the file is obfuscated. */
  private readonly stringArrays: N[] = [];
  private packedAt: number | undefined;
  private obfuscatedIdents = 0;
  private firstObfuscatedIdent = 0;
  private longLiteralsChecked = 0;

  constructor(
    readonly rec: FileRecorder,
    private readonly program: N,
  ) {
    this.linkable = Number.isFinite(program.start);
    this.scopes = this.linkable ? new Scopes(program) : undefined;
  }

  run(): FileFacts {
    this.collect();
    this.judge();
    return this.rec.finish();
  }

  // ---- pass 1: one walk that records bindings, literals, and the nodes pass 2 needs ----

  private collect(): void {
    // Depth-first in source order without recursion (bundles nest deeper than the stack allows):
    // children are pushed last-first so that they pop first-first. Child fields come from the
    // ESTree visitor-key table rather than enumerating every property of every node.
    const nodes: N[] = [this.program];
    const parents: (N | undefined)[] = [undefined];
    // The functions around the node being visited, innermost last: nodes come in source
    // order, so a function is left once a node starts at or after its end.
    const open: N[] = [];
    const scoped = this.scopes;
    while (nodes.length > 0) {
      const node = nodes.pop()!;
      const parent = parents.pop();
      this.visit(node, parent);
      if (scoped) {
        while (open.length > 0 && open[open.length - 1]!.end <= node.start) open.pop();
        const scope = open.length > 0 ? open[open.length - 1]! : this.program;
        if (isFunction(node)) {
          scoped.fn(node, parent, scope);
          open.push(node);
        } else this.scope(scoped, node, scope);
      }
      const keys = VISITOR_KEYS[node.type] ?? getKeys(node);
      for (let k = keys.length - 1; k >= 0; k--) {
        const v = node[keys[k]!];
        if (Array.isArray(v)) {
          for (let i = v.length - 1; i >= 0; i--) {
            const c: unknown = v[i];
            if (isNode(c)) {
              nodes.push(c);
              parents.push(node);
            }
          }
        } else if (isNode(v)) {
          nodes.push(v);
          parents.push(node);
        }
      }
    }
  }

  /** Declarations, assignments and returns, by the function they are in. */
  private scope(scoped: Scopes, node: N, scope: N): void {
    switch (node.type) {
      case "VariableDeclarator": {
        const init = node.init as N | null;
        if (init) scoped.bindPattern(node.id as N, init, scope, 0);
        else if ((node.id as N).type === "Identifier")
          scoped.declare((node.id as N).name as string, node, scope);
        break;
      }
      case "AssignmentExpression": {
        const left = node.left as N;
        const right = node.right as N;
        if (left.type === "Identifier") scoped.assign(left.name as string, right, node.start);
        else if (left.type === "MemberExpression") {
          // `obj.x = v`, `obj[k] = v`: obj now holds v's data.
          let root = left;
          for (let i = 0; i < 8 && root.type === "MemberExpression"; i++) root = root.object as N;
          // A method attached (`obj.run = function`) is no data; nor are CommonJS exports.
          if (
            root.type === "Identifier" &&
            !isFunction(right) &&
            root.name !== "exports" &&
            root.name !== "module"
          )
            scoped.assign(root.name as string, right, node.start);
        } else if (left.type === "ObjectPattern" || left.type === "ArrayPattern") {
          scoped.bindPattern(left, right, scope, 0);
        }
        break;
      }
      case "ForOfStatement":
      case "ForInStatement": {
        const left = node.left as N;
        const of: N = {
          type: "Element",
          start: (node.right as N).start,
          end: (node.right as N).end,
          of: node.right,
        };
        if (left.type === "VariableDeclaration") {
          for (const d of left.declarations as N[]) scoped.bindPattern(d.id as N, of, scope, 0);
        } else if (left.type === "Identifier") scoped.assign(left.name as string, of, node.start);
        break;
      }
      case "ReturnStatement":
        if (node.argument) scoped.returned(scope, node.argument as N);
        break;
      case "ClassDeclaration": {
        const id = node.id as N | null;
        if (id) scoped.declare(id.name as string, node, scope);
        break;
      }
      case "CallExpression": {
        // `list.push(x)`, `map.set(k, x)`: the collection holds x's data.
        const callee = node.callee as N;
        if (callee.type !== "MemberExpression" || (callee.object as N).type !== "Identifier") break;
        const name = propName(callee);
        if (name === undefined || !MUTATORS.has(name)) break;
        const args = node.arguments as N[];
        const value = name === "set" ? args[1] : args[0];
        if (value) scoped.assign((callee.object as N).name as string, value, node.start);
        break;
      }
    }
  }

  private visit(node: N, parent: N | undefined): void {
    switch (node.type) {
      case "CallExpression":
      case "NewExpression":
        this.calls.push(node);
        break;
      case "MemberExpression": {
        const obj = node.object as N;
        const prop = node.property as N;
        if (!node.computed && prop.type === "Identifier") {
          const name = prop.name as string;
          if (name === "env" || name === "argv") this.members.push({ node, parent });
          else if (name === "unref") {
            if (
              parent?.type === "CallExpression" &&
              parent.callee === node &&
              this.unrefReceivers.length < 200
            )
              this.unrefReceivers.push(obj);
          } else if (obj.type === "Identifier" && /^[A-Z][A-Z0-9_]*$/.test(name))
            this.members.push({ node, parent });
        } else if (node.computed && obj.type === "Identifier" && prop.type === "Literal") {
          this.members.push({ node, parent });
        }
        break;
      }
      case "VariableDeclarator":
        this.bindDeclarator(node);
        break;
      case "AssignmentExpression": {
        const left = node.left as N;
        if (node.operator !== "=") break;
        if (left.type === "Identifier") this.bind(left.name as string, node.right as N);
        else if (this.linkable && left.type === "MemberExpression") {
          this.memberAssignment(node, left);
          // `msg.bcc = "…"` after the message object was written: a recipient added later.
          const key = propName(left);
          if (key !== undefined && isRecipientKey(key) && this.recipientAssignments.length < 500)
            this.recipientAssignments.push(node);
        }
        break;
      }
      case "ImportDeclaration":
        this.importDeclaration(node);
        break;
      case "ImportExpression":
        this.calls.push(node);
        break;
      case "Literal":
        if (typeof node.value === "string") this.literal(node.value, node);
        break;
      case "TemplateElement": {
        const cooked = (node.value as { cooked?: string | null }).cooked;
        if (cooked) this.literal(cooked, node);
        break;
      }
      case "Identifier": {
        const name = node.name as string;
        if (name.charCodeAt(0) === 95 && /^_0x[0-9a-f]{4,}$/.test(name)) {
          if (this.obfuscatedIdents++ === 0) this.firstObfuscatedIdent = node.start;
        }
        break;
      }
      case "ArrayExpression": {
        const elements = node.elements as (N | null)[];
        this.charCodeArray(elements, node.start);
        if (elements.length >= 20 && this.stringArrays.length < 8 && elements[0]?.type === "Literal")
          this.stringArrays.push(node);
        break;
      }
      case "ObjectExpression": {
        if (this.linkable && this.messageObjects.length < 500 && hasRecipientKey(node))
          this.messageObjects.push(node);
        const role = objectRole(node);
        if (role === "tool") this.definitionObjects.push(node);
        else if (role === "wrapper" && this.linkable && this.toolWrappers.length < 1000)
          this.toolWrappers.push(node);
        break;
      }
      case "FunctionExpression":
        // Dean Edwards' packer: `eval(function(p,a,c,k,e,d){…})`. Read from the parameters,
        // not the text, so a scanner's own table of signatures is not packed code.
        if (this.packedAt === undefined && isPackerFunction(node))
          // Without offsets (very large files) the text search places it instead.
          this.packedAt = this.linkable
            ? node.start
            : Math.max(0, this.rec.source.indexOf("function(p,a,c,k,e,"));
        break;
      case "FunctionDeclaration":
      case "ClassDeclaration": {
        const id = node.id as N | null;
        if (this.linkable && id) addTo(this.declarations, id.name as string, node, this.bindingsDropped);
        break;
      }
      case "ClassBody":
        if (this.linkable) this.classBodies.push(node);
        break;
      case "MethodDefinition":
      case "PropertyDefinition": {
        const key = this.linkable ? keyName(node) : undefined;
        if (key !== undefined && node.value)
          addTo(this.classMembers, key, node.value as N, this.membersDropped);
        break;
      }
      case "ExportNamedDeclaration":
      case "ExportDefaultDeclaration":
      case "ExportAllDeclaration":
        if (this.linkable && this.exportNodes.length < 1000) this.exportNodes.push(node);
        break;
    }
  }

  /** `this.x = …` (a handler table, a bound method) and CommonJS `exports.x = …`. */
  private memberAssignment(node: N, left: N): void {
    const obj = left.object as N;
    if (obj.type === "ThisExpression") {
      const name = propName(left);
      if (name !== undefined) addTo(this.classMembers, name, node.right as N, this.membersDropped);
    } else if (
      (obj.type === "Identifier" && obj.name === "exports") ||
      isModuleExports(obj) ||
      isModuleExports(left)
    ) {
      if (this.exportNodes.length < 1000) this.exportNodes.push(node);
    }
  }

  private bind(name: string, init: N): void {
    addTo(this.bindings, name, init, this.bindingsDropped);
  }

  private bindDeclarator(node: N): void {
    const id = node.id as N;
    const init = node.init as N | null;
    if (!init) return;
    const relative = this.linkable && isRelativeRequire(init);
    if (id.type === "Identifier") {
      this.bind(id.name as string, init);
      if (relative) this.relativeNames.add(id.name as string);
    } else if (id.type === "ObjectPattern") {
      this.patterns.push(node);
      for (const p of id.properties as N[]) {
        if (p.type !== "Property") continue;
        const key = keyName(p);
        let value = p.value as N;
        if (value.type === "AssignmentPattern") value = value.left as N;
        if (key !== undefined && value.type === "Identifier") {
          this.bind(value.name as string, synthMember(init, key));
          if (relative) this.relativeNames.add(value.name as string);
        }
      }
    }
  }

  private importDeclaration(node: N): void {
    const spec = (node.source as N).value;
    if (typeof spec !== "string") return;
    if ((node as { importKind?: string }).importKind === "type") return;
    const module: N = {
      type: "ModuleRef",
      start: node.start,
      end: node.end,
      ref: `m:${moduleName(spec)}`,
      spec,
    };
    for (const s of node.specifiers as N[]) {
      const local = (s.local as N).name as string;
      if (spec.startsWith(".")) this.relativeNames.add(local);
      if (s.type === "ImportSpecifier") {
        const imported = s.imported as N;
        const name = imported.type === "Identifier" ? (imported.name as string) : String(imported.value);
        this.bind(local, name === "default" ? module : synthMember(module, name));
        this.scopes?.declare(local, synthMember(module, name), this.program);
      } else {
        this.bind(local, module);
        this.scopes?.declare(
          local,
          s.type === "ImportDefaultSpecifier" ? synthMember(module, "default") : module,
          this.program,
        );
      }
    }
    this.importSite(spec, node.start);
  }

  private literal(text: string, node: N): void {
    const rec = this.rec;
    if (!this.secretHints && text.length <= 80 && SECRET_HINT.test(text)) this.secretHints = true;
    if (text.length <= 200) {
      const what = secretPathIn(text);
      if (what && spaces(text) <= 3) {
        rec.capability("secrets.paths", node.start, what);
        this.secretLiterals.set(node, what);
      }
      const ip = publicIpIn(text);
      if (ip) {
        const fact = rec.address(node.start, "ip", ip);
        if (fact) this.addressLiterals.set(node, fact);
      }
      if (text.charCodeAt(0) === 45 && /^--[a-z][a-z0-9-]{1,40}(?:[ =<[].*)?$/.test(text)) {
        rec.flagLiteral(text.split(/[ =<[]/)[0]!);
      }
    }
    for (const hit of urlsIn(text)) {
      rec.host(hit.host);
      if (unusualHost(hit)) {
        const fact = rec.address(node.start, "unusual-host", `${hit.host}${hit.path.slice(0, 60)}`);
        if (fact && !this.addressLiterals.has(node)) this.addressLiterals.set(node, fact);
      }
    }
    if (text.length >= 120 && this.longLiteralsChecked < 64) this.encodedLiteral(text, node);
  }

  /** A long base64 or hex literal that decodes to code or a URL is hiding it. */
  private encodedLiteral(text: string, node: N): void {
    let decoded: string | undefined;
    if (/^[A-Za-z0-9+/=_-]+$/.test(text) && text.length % 4 !== 1) {
      this.longLiteralsChecked++;
      decoded = Buffer.from(text.slice(0, 1 << 20), "base64").toString("latin1");
    } else if (/^(?:[0-9a-fA-F]{2})+$/.test(text)) {
      this.longLiteralsChecked++;
      decoded = Buffer.from(text.slice(0, 1 << 20), "hex").toString("latin1");
    } else {
      // Obfuscators write printable text as \x escapes; escape-heavy tables of control or
      // non-ASCII characters (regexes, unicode data) are not that.
      if (this.rec.source.charCodeAt(node.start + 1) !== 92) return;
      const raw = this.rec.source.slice(node.start, Math.min(node.end, node.start + 4096));
      const printableEscapes = raw.match(/\\x(?:[2-6][0-9a-fA-F]|7[0-9a-eA-E])/g)?.length ?? 0;
      if (printableEscapes >= 40)
        this.rec.obfuscation("hex-escapes", node.start, printableEscapes, "string written as hex escapes");
      return;
    }
    this.decodedText(node.start, /^[0-9a-fA-F]+$/.test(text) ? "hex" : "base64", decoded);
  }

  /** Decoded text that is a URL, code or a credential path: a fact, and a secret path named. */
  private decodedText(
    offset: number,
    encoding: "base64" | "hex" | "char-codes" | "string-array",
    text: string,
  ): void {
    const kind = decodedKind(text);
    if (kind) {
      this.rec.decoded(offset, encoding, kind === "decode-to-url" ? "url" : "code", text);
      return;
    }
    const what = text.length <= 200 && printable(text) ? secretPathIn(text) : undefined;
    if (what) {
      this.rec.decoded(offset, encoding, "credential-path", text);
      this.rec.capability("secrets.paths", offset, `${what} (encoded)`);
    }
  }

  private charCodeArray(elements: (N | null)[], start: number): void {
    if (elements.length < 24) return;
    let text = "";
    for (const e of elements) {
      if (e?.type !== "Literal" || typeof e.value !== "number" || e.value < 9 || e.value > 126) return;
      text += String.fromCharCode(e.value);
    }
    this.decodedText(start, "char-codes", text);
  }

  // ---- resolution ----

  resolve(node: N | undefined | null, depth = 0): string | undefined {
    if (!node || depth > 12) return undefined;
    switch (node.type) {
      case "Identifier":
        return this.resolveName(node.name as string, depth);
      case "ModuleRef":
        return node.ref as string;
      case "MemberExpression": {
        let base = this.resolve(node.object as N, depth + 1);
        if (!base) return undefined;
        // `import process from "node:process"` is the global under an import.
        if (base === "m:process") base = "g:process";
        const prop = propName(node);
        if (prop === undefined) return undefined;
        if (GLOBAL_OBJECTS.has(base)) return `g:${prop}`;
        if (prop === "default" && base.startsWith("m:")) return base;
        return `${base}.${prop}`;
      }
      case "CallExpression": {
        const callee = node.callee as N;
        const args = node.arguments as N[];
        const calleeName =
          callee.type === "Identifier"
            ? (callee.name as string)
            : callee.type === "MemberExpression"
              ? propName(callee)
              : undefined;
        if (calleeName && INTEROP_WRAPPER.test(calleeName)) return this.resolve(args[0], depth + 1);
        // Resolve the callee once: resolving it again per question doubles the work at every
        // link of a call chain (a().b().c()...), which is exponential in minified bundles.
        const ref = this.resolve(callee, depth + 1);
        if (isRequireRef(callee, ref)) {
          const spec = this.constString(args[0]);
          return spec === undefined ? undefined : `m:${moduleName(spec)}`;
        }
        if (ref === "m:module.createRequire") return "g:require";
        if (ref === "m:util.promisify") return this.resolve(args[0], depth + 1);
        return libraryInstance(ref);
      }
      case "NewExpression":
        return libraryInstance(this.resolve(node.callee as N, depth + 1));
      case "AwaitExpression":
        return this.resolve(node.argument as N, depth + 1);
      case "ImportExpression": {
        const spec = this.constString(node.source as N);
        return spec === undefined ? undefined : `m:${moduleName(spec)}`;
      }
      case "ChainExpression":
        return this.resolve(node.expression as N, depth + 1);
      case "SequenceExpression": {
        const list = node.expressions as N[];
        return this.resolve(list[list.length - 1], depth + 1);
      }
      case "LogicalExpression":
        return this.resolve(node.left as N, depth + 1) ?? this.resolve(node.right as N, depth + 1);
      case "ConditionalExpression":
        return this.resolve(node.consequent as N, depth + 1) ?? this.resolve(node.alternate as N, depth + 1);
      case "ThisExpression":
        return undefined;
      default:
        return undefined;
    }
  }

  private resolveName(name: string, depth: number): string | undefined {
    if (this.identMemo.has(name)) return this.identMemo.get(name);
    const inits = this.bindings.get(name);
    if (!inits) return KNOWN_GLOBALS.has(name) ? `g:${name}` : undefined;
    this.identMemo.set(name, undefined); // cycle guard: a = b; b = a
    let out: string | undefined;
    for (const init of inits) {
      out = this.resolve(init, depth + 1);
      if (out) break;
    }
    this.identMemo.set(name, out);
    return out;
  }

  /** The string an expression always evaluates to, when that can be known statically. */
  constString(node: N | undefined | null, depth = 0): string | undefined {
    if (!node || depth > 10) return undefined;
    switch (node.type) {
      case "Literal":
        return typeof node.value === "string" ? node.value : undefined;
      case "TemplateLiteral": {
        const quasis = node.quasis as N[];
        const exprs = node.expressions as N[];
        let out = "";
        for (let i = 0; i < quasis.length; i++) {
          out += (quasis[i]!.value as { cooked?: string }).cooked ?? "";
          if (i < exprs.length) {
            const v = this.constString(exprs[i], depth + 1);
            if (v === undefined) return undefined;
            out += v;
          }
        }
        return out;
      }
      case "TaggedTemplateExpression":
        return this.constString(node.quasi as N, depth + 1);
      case "BinaryExpression": {
        if (node.operator !== "+") return undefined;
        const l = this.constString(node.left as N, depth + 1);
        if (l === undefined || l.length > 1 << 20) return undefined;
        const r = this.constString(node.right as N, depth + 1);
        return r === undefined ? undefined : l + r;
      }
      case "Identifier": {
        const inits = this.bindings.get(node.name as string);
        if (inits?.length !== 1) return undefined;
        return this.constString(inits[0], depth + 1);
      }
      case "CallExpression": {
        const callee = node.callee as N;
        if (callee.type !== "MemberExpression") return undefined;
        const method = propName(callee);
        if (method === "trim" || method === "trimStart" || method === "trimEnd") {
          const s = this.constString(callee.object as N, depth + 1);
          return s === undefined ? undefined : s.trim();
        }
        if (method === "join" && (callee.object as N).type === "ArrayExpression") {
          const args = node.arguments as N[];
          const sep = args.length === 0 ? "," : this.constString(args[0], depth + 1);
          if (sep === undefined) return undefined;
          const parts: string[] = [];
          for (const e of (callee.object as N).elements as (N | null)[]) {
            const s = this.constString(e, depth + 1);
            if (s === undefined) return undefined;
            parts.push(s);
          }
          return parts.join(sep);
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  // ---- pass 2: judge the collected nodes ----

  private judge(): void {
    // The walk pops nodes last-first; judge in source order so evidence reads top-down.
    this.calls.sort((a, b) => a.start - b.start);
    this.members.sort((a, b) => a.node.start - b.node.start);
    this.definitionObjects.sort((a, b) => a.start - b.start);
    for (const call of this.calls) this.call(call);
    for (const m of this.members) this.member(m.node, m.parent);
    for (const p of this.patterns) this.envPattern(p);
    for (const obj of this.definitionObjects) extractMcp.definitionObject(this, obj);
    markLateTools(this, this.calls);
    if (this.fsImports.length > 0 && !this.fsUsed) {
      // Imported but no call recognised (passed around, or used through a wrapper): assume read.
      for (const at of this.fsImports) this.rec.capability("fs.read", at, "imports the filesystem module");
    }
    if (this.obfuscatedIdents >= 5) {
      this.rec.obfuscation(
        "identifiers",
        this.firstObfuscatedIdent,
        this.obfuscatedIdents,
        `${this.obfuscatedIdents} obfuscator-style identifiers (_0x…)`,
      );
    }
    if (this.packedAt !== undefined)
      this.rec.obfuscation("packer", this.packedAt, 1, "packed code (p,a,c,k,e,d packer)");
    if (this.obfuscatedIdents >= 20) this.stringTables();
    if (this.scopes) {
      const engine = new FlowEngine(
        this,
        this.scopes,
        this.secretLiterals,
        this.addressLiterals,
        this.messageObjects,
        this.recipientAssignments,
        this.unrefReceivers,
      );
      try {
        engine.run();
        this.rec.facts.flowLinks = engine.links;
        if (engine.exhausted)
          this.rec.facts.reason ??= "data flows followed in part: the file's step budget ran out";
      } catch (e) {
        this.rec.facts.reason ??= `data flows not followed: ${e instanceof Error ? e.message.slice(0, 100) : "error"}`;
      }
    }
    // Last: every capability use of the file is recorded by now.
    if (
      this.linkable &&
      (this.toolSites.length > 0 || this.dispatchers.length > 0 || this.exportNodes.length > 0)
    ) {
      try {
        linkHandlers(this);
      } catch (e) {
        // Linking is an extra: a file that defeats it keeps its capabilities, its tools go unlinked.
        for (const site of this.toolSites) delete site.tool.handler;
        this.rec.facts.reason ??= `tool handlers not linked: ${e instanceof Error ? e.message.slice(0, 100) : "error"}`;
      }
    }
  }

  private importSite(spec: string, offset: number): void {
    if (spec.startsWith(".")) this.rec.facts.relativeImports.push(spec);
    if (spec.endsWith(".node")) this.rec.capability("native", offset, `loads ${spec}`);
    const mod = moduleName(spec);
    for (const id of MODULE_CAPABILITY.get(mod) ?? []) this.rec.capability(id, offset, `imports ${mod}`);
    if (FS_MODULES.has(mod)) this.fsImports.push(offset);
    if (ARG_PARSERS.has(mod)) this.rec.facts.parsesArgs = true;
  }

  private call(node: N): void {
    const rec = this.rec;
    if (node.type === "ImportExpression") {
      const spec = this.constString(node.source as N);
      if (spec === undefined) {
        rec.capability("code.dynamic", node.start, "import() of a computed name");
        this.flowCalls.push(node);
      } else this.importSite(spec, node.start);
      return;
    }
    const callee = node.callee as N;
    const args = node.arguments as N[];
    const ref = this.resolve(callee);
    if (node.type === "CallExpression" && isRequireRef(callee, ref)) {
      const spec = this.constString(args[0]);
      if (spec !== undefined) this.importSite(spec, node.start);
      else if (args.length > 0) {
        rec.capability("code.dynamic", node.start, "require() of a computed name");
        this.flowCalls.push(node);
      }
      return;
    }
    if (callee.type === "MemberExpression") extractMcp.call(this, node, callee);
    if (this.linkable) this.flowCandidate(node, callee, args, ref);
    if (!ref) return;
    this.classify(ref, node, args);
  }

  /** Keeps the calls the flow pass needs: it looks at no other. */
  private flowCandidate(node: N, callee: N, args: N[], ref: string | undefined): void {
    let root = callee;
    for (let i = 0; i < 8 && root.type === "MemberExpression"; i++) root = root.object as N;
    if (root.type === "Identifier" && this.relativeNames.has(root.name as string))
      this.importCalls.push(node);
    if (ref !== undefined) {
      const dot = ref.indexOf(".", 2);
      const mod = ref.startsWith("m:") ? ref.slice(2, dot === -1 ? undefined : dot) : ref;
      if (FLOW_REFS.has(mod)) {
        this.callRefs.set(node, ref);
        this.flowCalls.push(node);
        if (CONNECTS.has(mod)) this.connects = true;
        if (mod === "child_process" || mod === "cross-spawn" || mod === "execa") this.spawns = true;
        if (!FS_MODULES.has(mod)) this.sources = true;
        return;
      }
      if (ref === "g:atob" || (ref === "g:Buffer.from" && args.length > 1)) this.sources = true;
    }
    if (callee.type === "MemberExpression") {
      const prop = propName(callee);
      if (prop === "write" || prop === "end" || prop === "send" || prop === "pipe") {
        this.flowCalls.push(node);
        return;
      }
    }
    for (const a of args) {
      const name =
        a.type === "Identifier"
          ? (a.name as string)
          : a.type === "MemberExpression"
            ? propName(a)
            : undefined;
      if (name !== undefined && CODE_RUNNERS.test(name)) {
        this.flowCalls.push(node);
        return;
      }
    }
  }

  private classify(ref: string, node: N, args: N[]): void {
    const rec = this.rec;
    if (ref.startsWith("m:")) {
      const parts = ref.slice(2).split(".");
      const mod = parts[0]!;
      const member = parts[1];
      const last = parts[parts.length - 1]!;
      if (FS_MODULES.has(mod) && parts.length > 1) {
        const fn = last.replace(/Sync$/, "");
        const id: CapabilityId | undefined = FS_WRITE.has(fn)
          ? "fs.write"
          : FS_READ.has(fn)
            ? "fs.read"
            : undefined;
        if (id) {
          this.fsUsed = true;
          rec.capability(id, node.start, `${mod}.${last}`);
        }
        return;
      }
      const memberCap = member === undefined ? undefined : MEMBER_CAPABILITY.get(mod)?.get(member);
      if (memberCap) {
        rec.capability(memberCap, node.start, `${mod}.${member}`);
        return;
      }
      const modCaps = MODULE_CAPABILITY.get(mod);
      if (modCaps) for (const id of modCaps) rec.capability(id, node.start, parts.join("."));
      if (mod === "util" && member === "parseArgs") rec.facts.parsesArgs = true;
      return;
    }
    const name = ref.slice(2);
    if (NET_GLOBALS.has(name)) rec.capability("net.outbound", node.start, name);
    else if (name === "eval" || name === "Function") rec.capability("code.dynamic", node.start, name);
    else if ((name === "setTimeout" || name === "setInterval") && this.constString(args[0]) !== undefined) {
      rec.capability("code.dynamic", node.start, `${name} with a string`);
    } else if (name === "process.dlopen") rec.capability("native", node.start, "process.dlopen");
    else if (name === "Buffer.from" || name === "atob") this.decodeCall(name, args, node.start);
    else if (name === "String.fromCharCode" && args.length >= 16) {
      const codes = args.map((a) => (a.type === "Literal" && typeof a.value === "number" ? a.value : -1));
      if (codes.every((c) => c >= 0)) {
        // Spread a bounded slice: a call with 200k literal arguments would overflow the stack.
        const text = String.fromCharCode(...codes.slice(0, 1024));
        if (decodedKind(text)) this.decodedText(node.start, "char-codes", text);
        else
          this.rec.obfuscation(
            "char-codes",
            node.start,
            codes.length,
            `String.fromCharCode builds: ${text.slice(0, 80)}`,
          );
      }
    }
  }

  /** `Buffer.from("…", "base64")`, `atob("…")` with a literal: decode it and see what it hides. */
  private decodeCall(name: string, args: N[], offset: number): void {
    const text = this.constString(args[0]);
    if (text === undefined || text.length < 8) return;
    let decoded: string;
    if (name === "atob") decoded = Buffer.from(text, "base64").toString("latin1");
    else {
      const enc = this.constString(args[1]);
      if (enc !== "base64" && enc !== "base64url" && enc !== "hex") return;
      decoded = Buffer.from(text, enc).toString("latin1");
    }
    this.decodedText(
      offset,
      name === "atob" || !/hex/.test(this.constString(args[1]) ?? "") ? "base64" : "hex",
      decoded,
    );
  }

  /**
   * An obfuscator's string table (javascript-obfuscator's `stringArrayEncoding: base64` writes
   * each string in base64 with a lower-case-first alphabet): decoded, the strings are read like
   * any literal, so a credential path or a URL hidden there is seen.
   */
  private stringTables(): void {
    for (const arr of this.stringArrays) {
      const texts: string[] = [];
      for (const e of arr.elements as (N | null)[]) {
        if (e?.type !== "Literal" || typeof e.value !== "string") return;
        texts.push(e.value);
      }
      let readable = 0;
      const decoded = texts.map((t) => {
        const d = /^[A-Za-z0-9+/=]+$/.test(t) ? decodeObfuscatorString(t) : undefined;
        if (d !== undefined && d.length > 0 && printable(d)) readable++;
        return d;
      });
      // Most of the table must decode: plain words in base64's alphabet would otherwise count.
      if (readable < texts.length * 0.6) continue;
      this.rec.obfuscation(
        "string-array",
        arr.start,
        texts.length,
        `string table of ${texts.length} encoded strings`,
      );
      for (const d of decoded) {
        if (d === undefined || !printable(d)) continue;
        this.decodedText(arr.start, "string-array", d);
        for (const hit of urlsIn(d)) this.rec.host(hit.host);
      }
    }
  }

  private member(node: N, parent: N | undefined): void {
    const prop = propName(node);
    if (prop === "argv") {
      if (this.resolve(node.object as N) === "g:process") {
        this.rec.facts.positionalArgs = true;
        this.rec.facts.parsesArgs = true;
      }
      return;
    }
    if (prop === "env") {
      if (this.resolve(node) !== "g:process.env") return;
      if (parent?.type === "MemberExpression" && parent.object === node) {
        const name = propName(parent);
        if (name !== undefined) this.rec.env(name, parent.start);
        else this.rec.capability("env.read", parent.start, "variable chosen at run time");
        return;
      }
      if (
        parent?.type === "VariableDeclarator" &&
        parent.init === node &&
        (parent.id as N).type === "ObjectPattern"
      ) {
        return; // handled with the pattern
      }
      if (parent?.type === "VariableDeclarator" && (parent.id as N).type === "Identifier") return; // an alias
      if (parent?.type === "AssignmentExpression" && parent.left === node) return; // process.env = {...}
      this.rec.envWhole(node.start);
      return;
    }
    // ENV.NAME or env["NAME"] through an alias of process.env.
    const obj = node.object as N;
    if (obj.type !== "Identifier" || this.resolve(obj) !== "g:process.env") return;
    if (prop !== undefined) this.rec.env(prop, node.start);
    else this.rec.capability("env.read", node.start, "variable chosen at run time");
  }

  private envPattern(decl: N): void {
    if (this.resolve(decl.init as N) !== "g:process.env") return;
    for (const p of (decl.id as N).properties as N[]) {
      if (p.type === "RestElement") this.rec.envWhole(p.start);
      else {
        const key = keyName(p);
        if (key !== undefined) this.rec.env(key, p.start);
      }
    }
  }
}

/**
 * Keeps up to 8 nodes per name; a name that had more goes into `dropped`, with whether any
 * node dropped was something other than a call's result (which a passed name never follows).
 */
function addTo(map: Map<string, N[]>, name: string, node: N, dropped: Map<string, boolean>): void {
  const list = map.get(name);
  if (!list) map.set(name, [node]);
  else if (list.length < 8) list.push(node);
  else {
    const value = node.type === "AwaitExpression" ? (node.argument as N) : node;
    const notCall = value.type !== "CallExpression" && value.type !== "NewExpression";
    dropped.set(name, dropped.get(name) === true || notCall);
  }
}

/**
 * What a library's factory or constructor returns is still that library: `simpleGit()`,
 * `axios.create()`, `new pg.Pool()`, so `git.log()` in a tool's handler is process execution
 * there. Only for the libraries that are a capability, and only factory-shaped calls (the
 * module itself, `create…`, a capitalised class), not every function's result.
 */
function libraryInstance(ref: string | undefined): string | undefined {
  if (!ref?.startsWith("m:")) return undefined;
  const [mod, member, ...rest] = ref.slice(2).split(".");
  if (rest.length > 0 || !mod || !MODULE_CAPABILITY.has(mod)) return undefined;
  if (member === undefined || /^(?:create|[A-Z])/.test(member)) return `m:${mod}`;
  return undefined;
}

function isRequireRef(callee: N, ref: string | undefined): boolean {
  if (callee.type === "Identifier" && REQUIRE_NAMES.has(callee.name as string)) return true;
  return ref === "g:require" || ref === "g:module.require" || ref === "g:process.mainModule.require";
}

function synthMember(object: N, name: string): N {
  return {
    type: "MemberExpression",
    start: object.start,
    end: object.end,
    object,
    property: { type: "Identifier", name, start: object.start, end: object.end },
    computed: false,
  };
}

/**
 * An object literal that defines a tool: `{ name, inputSchema }` (the protocol's shape, as
 * returned from ListTools), or `{ name, description, schema|parameters, handler|execute }`
 * (framework helpers such as `defineTool({...})`). Or one that pairs a definition with its
 * handler, `{ schema: definition, handle }` (Playwright MCP's and Browserbase's tools).
 */
function objectRole(obj: N): "tool" | "wrapper" | undefined {
  const props = obj.properties as N[];
  if (props.length > 40) return undefined;
  const keys = new Set<string>();
  for (const p of props) {
    if (p.type !== "Property") continue;
    const k = keyName(p);
    if (k !== undefined) keys.add(k);
  }
  if (!keys.has("name")) {
    return keys.has("schema") && (keys.has("handle") || keys.has("handler") || keys.has("execute"))
      ? "wrapper"
      : undefined;
  }
  if (keys.has("inputSchema")) return "tool";
  return keys.has("description") &&
    (keys.has("schema") || keys.has("parameters")) &&
    (keys.has("handler") || keys.has("execute"))
    ? "tool"
    : undefined;
}

/** `require("./x")`, `require("./x").y`, `__importDefault(require("./x"))`, `await import("./x")`. */
function isRelativeRequire(init: N): boolean {
  let v = init;
  for (let i = 0; i < 4; i++) {
    if (v.type === "AwaitExpression") v = v.argument as N;
    else if (v.type === "MemberExpression") v = v.object as N;
    else if (
      v.type === "CallExpression" &&
      (v.callee as N).type === "Identifier" &&
      INTEROP_WRAPPER.test((v.callee as N).name as string)
    )
      v = ((v.arguments as N[])[0] ?? v) as N;
    else break;
  }
  let spec: unknown;
  if (
    v.type === "CallExpression" &&
    (v.callee as N).type === "Identifier" &&
    REQUIRE_NAMES.has((v.callee as N).name as string)
  )
    spec = ((v.arguments as N[])[0] as N | undefined)?.value;
  else if (v.type === "ImportExpression") spec = (v.source as N).value;
  return typeof spec === "string" && spec.startsWith(".");
}

/** A recipient key, or SES's `Destination` holding them: an object with one is a message candidate. */
function isRecipientKey(k: string): boolean {
  return RECIPIENT_KEYS.has(k) || k === "Destination";
}

function hasRecipientKey(obj: N): boolean {
  const props = obj.properties as N[];
  if (props.length > 40) return false;
  for (const p of props) {
    if (p.type !== "Property") continue;
    const k = keyName(p);
    if (k !== undefined && isRecipientKey(k)) return true;
  }
  return false;
}

function spaces(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) n++;
  return n;
}

const PACKER_PARAMS = new Set(["p,a,c,k,e,d", "p,a,c,k,e,r"]);

function isPackerFunction(node: N): boolean {
  const params = node.params as N[];
  return (
    params.length === 6 &&
    PACKER_PARAMS.has(params.map((p) => (p.type === "Identifier" ? (p.name as string) : "")).join(","))
  );
}
