import { getKeys, KEYS } from "eslint-visitor-keys";
import type { CapabilityId } from "../../evidence/code.js";
import type { FileFacts, FileRecorder } from "./facts.js";
import { isModuleExports, linkHandlers } from "./handlers.js";
import { extractMcp, markLateTools, type ToolSite } from "./mcp.js";
import { isNode, keyName, propName } from "./nodes.js";
import type { AstNode } from "./parser.js";
import { decodedKind, publicIpIn, secretPathIn, unusualHost, urlsIn } from "./patterns.js";
import {
  FS_MODULES,
  FS_READ,
  FS_WRITE,
  INTEROP_WRAPPER,
  KNOWN_GLOBALS,
  MEMBER_CAPABILITY,
  MODULE_CAPABILITY,
  moduleName,
  NET_GLOBALS,
  REQUIRE_NAMES,
  SPAWN_FUNCTIONS,
} from "./rules.js";

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
const SERIALISERS = new Set([
  "g:JSON.stringify",
  "g:URLSearchParams",
  "g:btoa",
  "g:Buffer.from",
  "m:querystring.stringify",
  "m:querystring.encode",
]);

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
  /** Names with more bindings or declarations (members) than were kept: links through them are partial. */
  readonly bindingsDropped = new Map<string, boolean>();
  readonly membersDropped = new Map<string, boolean>();
  readonly exportNodes: N[] = [];
  /** `{ schema, handle }` objects: a tool definition and its handler side by side. */
  readonly toolWrappers: N[] = [];
  private readonly linkable: boolean;
  private readonly members: { node: N; parent: N | undefined }[] = [];
  private readonly patterns: N[] = [];
  private readonly definitionObjects: N[] = [];
  private readonly fsImports: number[] = [];
  private fsUsed = false;
  private unrefSeen = false;
  private packedAt: number | undefined;
  private obfuscatedIdents = 0;
  private firstObfuscatedIdent = 0;
  private longLiteralsChecked = 0;

  constructor(
    readonly rec: FileRecorder,
    private readonly program: N,
  ) {
    this.linkable = Number.isFinite(program.start);
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
    while (nodes.length > 0) {
      const node = nodes.pop()!;
      const parent = parents.pop();
      this.visit(node, parent);
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
          else if (name === "unref") this.unrefSeen = true;
          else if (obj.type === "Identifier" && /^[A-Z][A-Z0-9_]*$/.test(name))
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
        else if (this.linkable && left.type === "MemberExpression") this.memberAssignment(node, left);
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
      case "ArrayExpression":
        this.charCodeArray(node.elements as (N | null)[], node.start);
        break;
      case "ObjectExpression": {
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
    if (id.type === "Identifier") this.bind(id.name as string, init);
    else if (id.type === "ObjectPattern") {
      this.patterns.push(node);
      for (const p of id.properties as N[]) {
        if (p.type !== "Property") continue;
        const key = keyName(p);
        let value = p.value as N;
        if (value.type === "AssignmentPattern") value = value.left as N;
        if (key !== undefined && value.type === "Identifier") {
          this.bind(value.name as string, synthMember(init, key));
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
      if (s.type === "ImportSpecifier") {
        const imported = s.imported as N;
        const name = imported.type === "Identifier" ? (imported.name as string) : String(imported.value);
        this.bind(local, name === "default" ? module : synthMember(module, name));
      } else this.bind(local, module);
    }
    this.importSite(spec, node.start);
  }

  private literal(text: string, node: N): void {
    const rec = this.rec;
    if (text.length <= 200) {
      const what = secretPathIn(text);
      if (what && spaces(text) <= 3) rec.capability("secrets.paths", node.start, what);
      const ip = publicIpIn(text);
      if (ip) rec.suspicious("hardcoded-ip", node.start, `address ${ip}`);
      if (text.charCodeAt(0) === 45 && /^--[a-z][a-z0-9-]{1,40}(?:[ =<[].*)?$/.test(text)) {
        rec.flagLiteral(text.split(/[ =<[]/)[0]!);
      }
    }
    for (const hit of urlsIn(text)) {
      rec.host(hit.host);
      if (unusualHost(hit))
        rec.suspicious("unusual-host", node.start, `URL to ${hit.host}${hit.path.slice(0, 60)}`);
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
        this.rec.suspicious("obfuscation", node.start, "string written as hex escapes");
      return;
    }
    const kind = decodedKind(decoded);
    if (kind) this.rec.suspicious(kind, node.start, `encoded literal decodes to: ${decoded.slice(0, 80)}`);
  }

  private charCodeArray(elements: (N | null)[], start: number): void {
    if (elements.length < 24) return;
    let text = "";
    for (const e of elements) {
      if (e?.type !== "Literal" || typeof e.value !== "number" || e.value < 9 || e.value > 126) return;
      text += String.fromCharCode(e.value);
    }
    const kind = decodedKind(text);
    if (kind) this.rec.suspicious(kind, start, `char-code array decodes to: ${text.slice(0, 80)}`);
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
        const base = this.resolve(node.object as N, depth + 1);
        if (!base) return undefined;
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
    if (this.obfuscatedIdents >= 20) {
      this.rec.suspicious(
        "obfuscation",
        this.firstObfuscatedIdent,
        `${this.obfuscatedIdents} obfuscator-style identifiers (_0x…)`,
      );
    }
    if (this.packedAt !== undefined)
      this.rec.suspicious("obfuscation", this.packedAt, "packed code (p,a,c,k,e,d packer)");
    if (this.rec.facts.envSerialised.length > 0 && this.rec.has("net.outbound")) {
      const at = this.rec.facts.envSerialised[0]!;
      this.rec.facts.suspicious.push({
        kind: "env-exfiltration",
        where: at,
        detail: "the whole environment is serialised in a file that makes network requests",
      });
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
      if (spec === undefined) rec.capability("code.dynamic", node.start, "import() of a computed name");
      else this.importSite(spec, node.start);
      return;
    }
    const callee = node.callee as N;
    const args = node.arguments as N[];
    const ref = this.resolve(callee);
    if (node.type === "CallExpression" && isRequireRef(callee, ref)) {
      const spec = this.constString(args[0]);
      if (spec !== undefined) this.importSite(spec, node.start);
      else if (args.length > 0) rec.capability("code.dynamic", node.start, "require() of a computed name");
      return;
    }
    if (callee.type === "MemberExpression") extractMcp.call(this, node, callee);
    if (!ref) return;
    this.classify(ref, node, args);
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
      if (modCaps) {
        for (const id of modCaps) rec.capability(id, node.start, parts.join("."));
        if (mod === "child_process" && SPAWN_FUNCTIONS.has(last)) this.detached(node, args);
        if (modCaps.includes("code.dynamic")) this.decodedIntoCode(args, node.start);
      }
      if (ref === "m:querystring.stringify" || ref === "m:querystring.encode")
        this.serialises(args, node.start);
      if (mod === "util" && member === "parseArgs") rec.facts.parsesArgs = true;
      return;
    }
    const name = ref.slice(2);
    if (NET_GLOBALS.has(name)) rec.capability("net.outbound", node.start, name);
    else if (name === "eval" || name === "Function") {
      rec.capability("code.dynamic", node.start, name);
      this.decodedIntoCode(args, node.start);
    } else if ((name === "setTimeout" || name === "setInterval") && this.constString(args[0]) !== undefined) {
      rec.capability("code.dynamic", node.start, `${name} with a string`);
    } else if (name === "process.dlopen") rec.capability("native", node.start, "process.dlopen");
    else if (name === "Buffer.from" || name === "atob") this.decodeCall(name, args, node.start);
    else if (name === "String.fromCharCode" && args.length >= 16) {
      const codes = args.map((a) => (a.type === "Literal" && typeof a.value === "number" ? a.value : -1));
      if (codes.every((c) => c >= 0)) {
        // Spread a bounded slice: a call with 200k literal arguments would overflow the stack.
        const text = String.fromCharCode(...codes.slice(0, 1024));
        const kind = decodedKind(text) ?? "obfuscation";
        this.rec.suspicious(kind, node.start, `String.fromCharCode builds: ${text.slice(0, 80)}`);
      }
    }
    if (SERIALISERS.has(ref)) this.serialises(args, node.start);
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
    const kind = decodedKind(decoded);
    if (kind) this.rec.suspicious(kind, offset, `${name} decodes to: ${decoded.slice(0, 80)}`);
  }

  /** eval(atob(x)), new Function(Buffer.from(x, "base64").toString()): decoding straight into code. */
  private decodedIntoCode(args: N[], offset: number): void {
    for (const a of args) {
      if (this.isDecode(a, 0)) {
        this.rec.suspicious("decode-to-code", offset, "decoded data is run as code");
        return;
      }
    }
  }

  private isDecode(node: N | undefined, depth: number): boolean {
    if (!node || depth > 4) return false;
    if (node.type === "CallExpression") {
      const callee = node.callee as N;
      const ref = this.resolve(callee);
      if (ref === "g:atob") return true;
      if (ref === "g:Buffer.from") {
        const enc = this.constString((node.arguments as N[])[1]);
        return enc === "base64" || enc === "hex" || enc === "base64url";
      }
      if (callee.type === "MemberExpression") return this.isDecode(callee.object as N, depth + 1);
      return (node.arguments as N[]).some((a) => this.isDecode(a, depth + 1));
    }
    if (node.type === "Identifier") {
      const inits = this.bindings.get(node.name as string);
      return !!inits && inits.some((i) => this.isDecode(i, depth + 1));
    }
    return false;
  }

  /** JSON.stringify(process.env) and friends: the whole environment turned into a payload. */
  private serialises(args: N[], offset: number): void {
    for (const a of args) {
      if (this.isWholeEnv(a, 0)) {
        this.rec.envSerialised(offset);
        return;
      }
    }
  }

  private isWholeEnv(node: N | undefined, depth: number): boolean {
    if (!node || depth > 3) return false;
    if (this.resolve(node) === "g:process.env") return true;
    if (node.type === "ObjectExpression") {
      return (node.properties as N[]).some((p) =>
        p.type === "SpreadElement"
          ? this.isWholeEnv(p.argument as N, depth + 1)
          : this.isWholeEnv(p.value as N, depth + 1),
      );
    }
    if (node.type === "CallExpression")
      return (node.arguments as N[]).some((a) => this.isWholeEnv(a, depth + 1));
    return false;
  }

  /** spawn(cmd, args, { detached: true, stdio: "ignore" }) (+ unref): a child that outlives the server, silently. */
  private detached(node: N, args: N[]): void {
    for (const a of args) {
      if (a.type !== "ObjectExpression") continue;
      let detachedFlag = false;
      let silent = false;
      for (const p of a.properties as N[]) {
        if (p.type !== "Property") continue;
        const key = keyName(p);
        const v = p.value as N;
        if (key === "detached" && v.type === "Literal" && v.value === true) detachedFlag = true;
        if (key === "stdio") {
          if (v.type === "Literal" && v.value === "ignore") silent = true;
          if (v.type === "ArrayExpression") {
            silent = (v.elements as (N | null)[]).every((e) => e?.type === "Literal" && e.value === "ignore");
          }
        }
      }
      if (detachedFlag && (silent || this.unrefSeen)) {
        this.rec.suspicious(
          "detached-process",
          node.start,
          "starts a detached child process with its output hidden",
        );
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
