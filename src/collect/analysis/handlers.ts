import { KEYS } from "eslint-visitor-keys";
import type { CapabilityId, CodeLocation, ToolHandler } from "../../evidence/code.js";
import { CAPABILITY_IDS } from "../../evidence/code.js";
import type { FileFacts, FileRecorder, ImportRef, Reach } from "./facts.js";
import type { ToolSite } from "./mcp.js";
import { isNode, keyName, propName } from "./nodes.js";
import type { AstNode } from "./parser.js";
import { resolveImport } from "./paths.js";
import { INTEROP_WRAPPER, REQUIRE_NAMES } from "./rules.js";

type N = AstNode;

/** What the linker reads from one file's analysis (AstAnalysis provides it). */
export interface LinkSource {
  readonly rec: FileRecorder;
  readonly bindings: Map<string, N[]>;
  /** Function and class declarations by name. */
  readonly declarations: Map<string, N[]>;
  /** Class methods and fields, and `this.x = …` assignments, by name. */
  readonly classMembers: Map<string, N[]>;
  /** Names with more bindings / declarations, or members, than were kept. */
  readonly bindingsDropped: ReadonlyMap<string, boolean>;
  readonly membersDropped: ReadonlyMap<string, boolean>;
  /** Every call and `new`, sorted by start offset. */
  readonly calls: readonly N[];
  readonly toolSites: readonly ToolSite[];
  readonly dispatchers: readonly { handler: N; callTool: boolean }[];
  /** ESM export declarations and CommonJS `exports.x = …` / `module.exports = …` assignments. */
  readonly exportNodes: readonly N[];
  /** `{ schema: definition, handle }` objects. */
  readonly toolWrappers: readonly N[];
  constString(node: N | undefined | null): string | undefined;
}

/**
 * Bounds on following calls. A handler is usually a few functions deep; a bundle's flat,
 * name-based bindings can make one call reach half the file, so the walk stops and says it
 * stopped (`complete: false`) rather than grow with the file.
 */
const LIMITS = {
  /** Functions followed from one root. */
  functions: 64,
  /** Call levels below the root. */
  depth: 6,
  /** Calls examined from one root. */
  calls: 4000,
  /** Calls examined for all of a file's export summaries together. */
  exportCalls: 40_000,
  exports: 200,
  /** AST nodes searched for `switch`/`if` on the tool name, per dispatcher. */
  dispatchNodes: 20_000,
  /** Call levels below a dispatcher searched (`handler -> handleCall -> switch`). */
  dispatchDepth: 2,
  /** Files crossed when following imports. */
  fileDepth: 4,
  /** (file, name) pairs one import lookup may open through re-exports and `export *`. */
  lookupFiles: 64,
  /** Levels of expression (aliases of aliases, wrappers) resolved to find a callee's code. */
  exprDepth: 8,
  /** Functions one expression may stand for (flat bindings can name many). */
  exprTargets: 32,
} as const;

const VISITOR_KEYS = KEYS as Readonly<Record<string, readonly string[] | undefined>>;
const FUNCTION_NODES = new Set(["ArrowFunctionExpression", "FunctionExpression", "FunctionDeclaration"]);
const DELETES = /\.(?:rm|rmdir|unlink|remove|removeSync|emptyDir|rimraf)(?:Sync)?$/;

/**
 * The fact sites (flows' sinks, exec calls, e-mail messages, credential reads; see
 * FileFacts.sites) each handler reaches, as `file\u0000offset`. Kept beside the evidence, not
 * in it: it only serves to name the tools in those facts once every file is linked.
 */
const REACHED = new WeakMap<ToolHandler, Set<string>>();

export function reachedSites(handler: ToolHandler): ReadonlySet<string> | undefined {
  return REACHED.get(handler);
}

function addSites(into: ToolHandler, from: ReadonlySet<string> | undefined): void {
  if (!from || from.size === 0) return;
  let set = REACHED.get(into);
  if (!set) {
    set = new Set();
    REACHED.set(into, set);
  }
  for (const k of from) set.add(k);
}

/**
 * The functions a tool's handler expression stands for (a function, a name bound to one, a
 * bound method, the functions a wrapper is given), and the imported ones as refs.
 */
export function handlerFunctionTargets(
  src: LinkSource,
  expr: N,
): ({ node: N } | { ref: { spec: string; name: string } })[] {
  return new Linker(src).handlerTargets(expr);
}

interface Span {
  start: number;
  end: number;
  /** Call depth from the root: 0 for the root's own code. */
  depth: number;
}
/** An imported function, before it is known at which call depth it is entered. */
type RefName = Omit<ImportRef, "depth">;
type Target = { node: N } | { ref: RefName };
const NO_TARGETS: readonly Target[] = [];
interface NameTargets {
  targets: readonly Target[];
  cut: boolean;
}

interface SpanUses {
  /** Capability -> index of its first use in the file's use log. */
  first: Map<CapabilityId, number>;
  deletes?: number;
}
interface Direct {
  /** Calls inside the function's span. */
  calls: number;
  targets: Target[];
  /** Too many calls to look at all of them. */
  truncated: boolean;
}
interface Followed {
  spans: Span[];
  /** Function nodes reached, in the order reached (the dispatcher search walks them). */
  nodes: N[];
  refs: ImportRef[];
  complete: boolean;
}

/**
 * Links the file's tools to their handler code and records, per tool, the capabilities that
 * code reaches. Runs after the judging pass, so every capability use of the file is known; a
 * use belongs to a handler when its offset falls inside one of the spans the handler reaches
 * (a sorted-offset lookup, no second walk of the file).
 */
export function linkHandlers(src: LinkSource): void {
  const linker = new Linker(src);
  const links = src.rec.facts.links;
  const wrapped = wrappedHandlers(src);
  for (const site of src.toolSites) {
    const handlerExpr = site.handler ?? wrapped.get(site.node);
    if (!handlerExpr) continue;
    const reach = linker.reach([handlerExpr], handlerExpr.start);
    if (!reach) continue;
    site.tool.handler = reach.handler;
    if (reach.refs.length > 0) links.tools.push({ tool: site.tool, reach });
  }
  const branches = linker.dispatchBranches();
  for (const [name, spans] of branches) {
    const reach = linker.reachSpans(spans);
    links.dispatch.set(name, reach);
    for (const site of src.toolSites) {
      if (site.tool.name !== name || site.tool.handler) continue;
      site.tool.handler = cloneHandler(reach.handler);
      if (reach.refs.length > 0)
        links.tools.push({ tool: site.tool, reach: { ...reach, handler: site.tool.handler } });
    }
  }
  linker.summariseExports();
}

/** Definition object -> the handler beside it in a `{ schema: definition, handle }` wrapper. */
function wrappedHandlers(src: LinkSource): Map<N, N> {
  const out = new Map<N, N>();
  for (const w of src.toolWrappers) {
    let schema = objectProperty(w, "schema");
    const handler =
      objectProperty(w, "handle") ?? objectProperty(w, "handler") ?? objectProperty(w, "execute");
    if (schema?.type === "Identifier") {
      const inits = src.bindings.get(schema.name as string);
      schema = inits?.length === 1 ? inits[0] : undefined;
    }
    if (schema?.type === "ObjectExpression" && handler && !out.has(schema)) out.set(schema, handler);
  }
  return out;
}

class Linker {
  private useOrder: number[] | undefined;
  private exportBudget: number = LIMITS.exportCalls;
  private readonly direct = new Map<N, Direct>();
  private readonly spanUses = new Map<string, SpanUses>();
  private readonly locations = new Map<number, CodeLocation>();
  /** Calls counted by the last follow. */
  private lastCost = 0;
  private readonly calledNames = new Map<string, NameTargets>();
  private readonly passedNames = new Map<string, NameTargets>();
  /**
   * Set when resolving an expression stopped at a bound (alias depth, target count, a name
   * with more bindings than were kept): what it stands for may be incomplete.
   */
  private cut = false;

  private sortedSites: number[] | undefined;

  constructor(private readonly src: LinkSource) {}

  handlerTargets(expr: N): Target[] {
    const out: Target[] = [];
    this.targets(expr, out, 0, true);
    return out.filter((t) => "ref" in t || FUNCTION_NODES.has(t.node.type));
  }

  /** What the given expressions (a handler, an export) reach; undefined when they name no code. */
  reach(roots: N[], at: number, budget: number = LIMITS.calls): Reach | undefined {
    const targets: Target[] = [];
    this.cut = false;
    for (const r of roots) this.targets(r, targets, 0, true);
    const cut = this.cut;
    if (targets.length === 0) return undefined;
    const f = this.follow(targets, budget);
    if (cut) f.complete = false;
    const first = f.nodes[0];
    return this.toReach(f, first ? first.start : at, f.spans.length === 0);
  }

  /** What a set of source ranges (the branches of a dispatcher) reach. */
  reachSpans(spans: Omit<Span, "depth">[]): Reach {
    const f = this.follow(
      spans.map((s) => ({ node: { type: "Span", start: s.start, end: s.end } })),
      LIMITS.calls,
    );
    return this.toReach(f, spans[0]!.start, false);
  }

  private toReach(f: Followed, at: number, onlyRefs: boolean): Reach {
    const handler: ToolHandler = { where: this.src.rec.at(at), complete: f.complete, capabilities: [] };
    this.capabilitiesIn(f.spans, handler);
    return { handler, refs: f.refs, onlyRefs };
  }

  /**
   * Breadth-first over the calls inside each reached span: callees and functions passed as
   * arguments that resolve to code of this file become spans; those imported relatively
   * become refs. Calls into packages are not followed: their capabilities, when known, are
   * recorded at the call site already.
   */
  private follow(roots: Target[], budget: number, maxDepth: number = LIMITS.depth): Followed {
    const out: Followed = { spans: [], nodes: [], refs: [], complete: true };
    const refKeys = new Set<string>();
    const seen = new Set<number>();
    let queue: Target[] = roots;
    const initial = budget;
    for (let depth = 0; queue.length > 0; depth++) {
      const next: Target[] = [];
      for (const t of queue) {
        if ("ref" in t) {
          const key = `${t.ref.spec}\u0000${t.ref.name}`;
          if (refKeys.has(key)) continue;
          refKeys.add(key);
          if (out.refs.length < LIMITS.functions) out.refs.push({ ...t.ref, depth });
          else out.complete = false;
          continue;
        }
        const { start, end } = t.node;
        if (seen.has(start) || out.spans.some((s) => s.start <= start && end <= s.end)) continue;
        if (out.spans.length >= LIMITS.functions || depth > maxDepth || budget <= 0) {
          out.complete = false;
          continue;
        }
        seen.add(start);
        out.spans.push({ start, end, depth });
        if (t.node.type !== "Span") out.nodes.push(t.node);
        const d = this.directOf(t.node);
        // Counted from the function's size, not the work done, so that the answer does not
        // depend on what an earlier root left memoised.
        budget -= d.calls;
        if (d.truncated) out.complete = false;
        for (const x of d.targets) next.push(x);
      }
      queue = next;
    }
    this.lastCost = initial - budget;
    return out;
  }

  /** The calls directly inside a function (nested functions included), and where they lead; memoised. */
  private directOf(node: N): Direct {
    const memo = this.direct.get(node);
    if (memo) return memo;
    const d: Direct = { calls: 0, targets: [], truncated: false };
    const calls = this.src.calls;
    const keys = new Set<unknown>();
    const outer = this.cut;
    this.cut = false;
    const add = (list: readonly Target[]) => {
      for (const x of list) {
        const key = "ref" in x ? `${x.ref.spec}\u0000${x.ref.name}` : x.node;
        if (keys.has(key)) continue;
        if (d.targets.length >= 256) {
          d.truncated = true;
          continue;
        }
        keys.add(key);
        d.targets.push(x);
      }
    };
    const scratch: Target[] = [];
    for (let i = lowerBound(calls, node.start); i < calls.length && calls[i]!.start < node.end; i++) {
      if (d.calls++ >= LIMITS.calls) {
        d.truncated = true;
        break;
      }
      const call = calls[i]!;
      if (call.type === "ImportExpression") continue;
      scratch.length = 0;
      this.targets(call.callee as N, scratch, 0, true);
      for (const a of call.arguments as N[]) {
        if (a.type === "Identifier" || a.type === "MemberExpression") this.targets(a, scratch, 0, false);
      }
      add(scratch);
    }
    if (this.cut) d.truncated = true;
    this.cut = outer;
    this.direct.set(node, d);
    return d;
  }

  /**
   * The code an expression stands for when called. `results` says whether a value computed by
   * a call counts (`const h = makeHandler()` called as `h()`: follow the factory); for
   * arguments it does not, since `use(config)` does not run `loadConfig` again.
   */
  private targets(expr: N | undefined, out: Target[], depth: number, results: boolean): void {
    if (!expr) return;
    if (depth > LIMITS.exprDepth || out.length > LIMITS.exprTargets) {
      this.cut = true;
      return;
    }
    switch (expr.type) {
      case "ArrowFunctionExpression":
      case "FunctionExpression":
      case "FunctionDeclaration":
        out.push({ node: expr });
        return;
      case "ClassDeclaration":
      case "ClassExpression": {
        // Constructing a class runs its constructor, not every method.
        const ctor = ((expr.body as N).body as N[]).find(
          (m) => m.type === "MethodDefinition" && m.kind === "constructor",
        );
        if (ctor) out.push({ node: ctor.value as N });
        return;
      }
      case "Identifier":
        for (const t of this.nameTargets(expr.name as string, results, depth)) out.push(t);
        return;
      case "ModuleRef": {
        const spec = expr.spec as string | undefined;
        if (spec !== undefined && isRelative(spec)) out.push({ ref: { spec, name: "default" } });
        return;
      }
      case "MemberExpression":
        this.memberTargets(expr, out, depth, results);
        return;
      case "CallExpression":
      case "NewExpression": {
        const callee = expr.callee as N;
        const args = expr.arguments as N[];
        const spec = requiredSpec(this.src, expr);
        if (spec !== undefined) {
          if (isRelative(spec)) out.push({ ref: { spec, name: "default" } });
          return;
        }
        if (callee.type === "Identifier" && INTEROP_WRAPPER.test(callee.name as string)) {
          this.targets(args[0], out, depth + 1, results);
          return;
        }
        if (callee.type === "MemberExpression" && propName(callee) === "bind") {
          this.targets(callee.object as N, out, depth + 1, results);
          return;
        }
        if (!results) return;
        // A wrapper (`withAuth(scopes, makeHandler(logic))`) runs the functions it is given; a
        // factory returns code written in its own body. The arguments come first: the tool's
        // own function is where its handler is said to begin, not the shared wrapper.
        for (const a of args) {
          if (FUNCTION_NODES.has(a.type)) out.push({ node: a });
          else if (a.type === "Identifier" || a.type === "MemberExpression")
            this.targets(a, out, depth + 1, false);
          else if (a.type === "CallExpression") this.targets(a, out, depth + 1, true);
        }
        this.targets(callee, out, depth + 1, results);
        return;
      }
      case "AwaitExpression":
        this.targets(expr.argument as N, out, depth + 1, results);
        return;
      case "ChainExpression":
        this.targets(expr.expression as N, out, depth + 1, results);
        return;
      case "SequenceExpression": {
        const list = expr.expressions as N[];
        this.targets(list[list.length - 1], out, depth + 1, results);
        return;
      }
      case "LogicalExpression":
        this.targets(expr.left as N, out, depth + 1, results);
        this.targets(expr.right as N, out, depth + 1, results);
        return;
      case "ConditionalExpression":
        this.targets(expr.consequent as N, out, depth + 1, results);
        this.targets(expr.alternate as N, out, depth + 1, results);
        return;
      default:
        return;
    }
  }

  /** What a name stands for, memoised per file (bindings are flat by name, so the answer is too). */
  private nameTargets(name: string, results: boolean, depth: number): readonly Target[] {
    const memo = results ? this.calledNames : this.passedNames;
    const hit = memo.get(name);
    if (hit) {
      if (hit.cut) this.cut = true;
      return hit.targets;
    }
    // The depth goes on through names, so that a chain of a thousand aliases stops at the
    // bound instead of at the stack's end; the memo keeps the work linear in the names.
    const entry: NameTargets = { targets: NO_TARGETS, cut: false };
    memo.set(name, entry); // in progress: `a = b; b = a` ends here
    const outer = this.cut;
    // A name called may stand for what any dropped binding computes; a name passed along only
    // for the functions bound to it.
    const dropped = this.src.bindingsDropped.get(name);
    this.cut = dropped === undefined ? false : results || dropped;
    const out: Target[] = [];
    for (const d of this.src.declarations.get(name) ?? []) this.targets(d, out, depth + 1, results);
    for (const init of this.src.bindings.get(name) ?? []) {
      if (results || !isCall(init)) this.targets(init, out, depth + 1, results);
    }
    entry.targets = out;
    entry.cut = this.cut;
    this.cut = outer || entry.cut;
    return out;
  }

  /** `this.read`, `this.handlers.read`, `helpers.read`, `lib.read` (a relative import), `new Ops().read`. */
  private memberTargets(expr: N, out: Target[], depth: number, results: boolean): void {
    const prop = propName(expr);
    if (prop === undefined) return;
    const obj = expr.object as N;
    switch (obj.type) {
      case "ThisExpression":
        // Flat by name: `this.run` is any class's `run` of this file.
        if (this.src.membersDropped.has(prop)) this.cut = true;
        for (const v of this.src.classMembers.get(prop) ?? []) this.targets(v, out, depth + 1, results);
        return;
      case "ModuleRef": {
        const spec = obj.spec as string | undefined;
        if (spec !== undefined && isRelative(spec)) out.push({ ref: { spec, name: prop } });
        return;
      }
      case "CallExpression": {
        const spec = requiredSpec(this.src, obj);
        if (spec !== undefined && isRelative(spec)) out.push({ ref: { spec, name: prop } });
        return;
      }
      case "NewExpression":
        this.instanceMember(obj, prop, out, depth, results);
        return;
      case "MemberExpression": {
        // this.handlers.read: the object assigned to this.handlers, then its property.
        if ((obj.object as N).type !== "ThisExpression") return;
        const field = propName(obj);
        if (field === undefined) return;
        for (const v of this.src.classMembers.get(field) ?? []) {
          const value = objectProperty(v, prop);
          if (value) this.targets(value, out, depth + 1, results);
        }
        return;
      }
      case "Identifier": {
        const name = obj.name as string;
        for (const d of this.src.declarations.get(name) ?? []) {
          // A static method of a class of this file.
          if (d.type === "ClassDeclaration") this.classMember(d, prop, out, depth, results);
        }
        for (const init of this.src.bindings.get(name) ?? []) {
          const base = unwrapInterop(init);
          if (base.type === "ModuleRef" || base.type === "CallExpression") {
            const spec =
              base.type === "ModuleRef" ? (base.spec as string | undefined) : requiredSpec(this.src, base);
            if (spec !== undefined && isRelative(spec)) out.push({ ref: { spec, name: prop } });
          } else if (base.type === "MemberExpression" && (base.object as N).type === "ModuleRef") {
            // `import { tools } from "./tools.js"; tools.read()`: that member of the export.
            const ref = importedRef(base, prop);
            if (ref) out.push({ ref });
          } else if (base.type === "ObjectExpression") {
            const value = objectProperty(base, prop);
            if (value) this.targets(value, out, depth + 1, results);
          } else if (base.type === "NewExpression") this.instanceMember(base, prop, out, depth, results);
        }
        return;
      }
      default:
        return;
    }
  }

  /**
   * `new Ops().read`: that method of an imported class, or of a class of this file. A
   * built-in or package class (`new Map()`) leads to no code of ours.
   */
  private instanceMember(created: N, prop: string, out: Target[], depth: number, results: boolean): void {
    const ctor = created.callee as N;
    if (ctor.type !== "Identifier") return;
    const className = ctor.name as string;
    for (const b of this.src.bindings.get(className) ?? []) {
      const ref = b.type === "MemberExpression" ? importedRef(b, prop) : undefined;
      if (ref) out.push({ ref });
      if (b.type === "ClassExpression") this.classMember(b, prop, out, depth, results);
    }
    for (const d of this.src.declarations.get(className) ?? [])
      if (d.type === "ClassDeclaration") this.classMember(d, prop, out, depth, results);
  }

  /** The method or field `prop` of one class (not its parents). */
  private classMember(cls: N, prop: string, out: Target[], depth: number, results: boolean): void {
    for (const m of (cls.body as N).body as N[]) {
      if (
        (m.type === "MethodDefinition" || m.type === "PropertyDefinition") &&
        keyName(m) === prop &&
        m.value
      )
        this.targets(m.value as N, out, depth + 1, results);
    }
  }

  /** The nearest use of each capability inside the spans (they come in call-depth order). */
  private capabilitiesIn(spans: Span[], handler: ToolHandler): void {
    this.sitesIn(spans, handler);
    if (this.src.rec.uses.at.length === 0 || spans.length === 0) return;
    const found = new Map<CapabilityId, { use: number; depth: number }>();
    let deletes: { use: number; depth: number } | undefined;
    for (const s of spans) {
      const u = this.usesIn(s);
      for (const [id, use] of u.first) if (!found.has(id)) found.set(id, { use, depth: s.depth });
      if (!deletes && u.deletes !== undefined) deletes = { use: u.deletes, depth: s.depth };
    }
    handler.capabilities = CAPABILITY_IDS.filter((id) => found.has(id)).map((id) => {
      const f = found.get(id)!;
      return { id, where: this.location(f.use), depth: f.depth };
    });
    if (deletes) handler.deletes = { where: this.location(deletes.use), depth: deletes.depth };
  }

  /** The fact sites inside the spans. */
  private sitesIn(spans: Span[], handler: ToolHandler): void {
    const sites = this.src.rec.facts.sites;
    if (sites.size === 0 || spans.length === 0) return;
    if (!this.sortedSites) this.sortedSites = [...sites.keys()].sort((a, b) => a - b);
    const order = this.sortedSites;
    const path = this.src.rec.path;
    const found = new Set<string>();
    for (const s of spans) {
      let lo = 0;
      let hi = order.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (order[mid]! < s.start) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < order.length && order[i]! < s.end; i++) found.add(`${path}\u0000${order[i]}`);
    }
    addSites(handler, found);
  }

  /** The first use of each capability in a span, and its first deletion; memoised. */
  private usesIn(s: Omit<Span, "depth">): SpanUses {
    const key = `${s.start}:${s.end}`;
    const memo = this.spanUses.get(key);
    if (memo) return memo;
    const uses = this.src.rec.uses;
    const order = this.sortedUses();
    const out: SpanUses = { first: new Map() };
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (uses.at[order[mid]!]! < s.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < order.length; i++) {
      const u = order[i]!;
      if (uses.at[u]! >= s.end) break;
      const id = uses.id[u]!;
      if (!out.first.has(id)) out.first.set(id, u);
      if (out.deletes === undefined && id === "fs.write") {
        const detail = uses.detail[u];
        if (detail !== undefined && DELETES.test(detail)) out.deletes = u;
      }
    }
    this.spanUses.set(key, out);
    return out;
  }

  private location(use: number): CodeLocation {
    let loc = this.locations.get(use);
    if (!loc) {
      const uses = this.src.rec.uses;
      loc = this.src.rec.at(uses.at[use]!, uses.detail[use]);
      this.locations.set(use, loc);
    }
    return loc;
  }

  private sortedUses(): number[] {
    if (!this.useOrder) {
      const at = this.src.rec.uses.at;
      this.useOrder = Array.from(at.keys()).sort((a, b) => at[a]! - at[b]!);
    }
    return this.useOrder;
  }

  /**
   * The branches of low-level CallTool handlers, by the tool name they test:
   * `switch (request.params.name) { case "read": … }` and `if (name === "read") { … }`,
   * searched in the handler and the functions it calls.
   */
  dispatchBranches(): Map<string, Omit<Span, "depth">[]> {
    const out = new Map<string, Omit<Span, "depth">[]>();
    const all = this.src.dispatchers;
    if (all.length === 0) return out;
    // A server that names CallTool dispatches there. Other handlers (prompts/get switches on
    // prompt names; a bundled SDK's own) are searched only when none is recognisable (a
    // bundler renamed the schema) and this file has tools still waiting for a handler.
    const waiting = this.src.toolSites.some((s) => !s.tool.handler);
    const chosen = all.some((d) => d.callTool) ? all.filter((d) => d.callTool) : waiting ? all : [];
    for (const d of chosen) {
      const targets: Target[] = [];
      this.targets(d.handler, targets, 0, true);
      const f = this.follow(targets, LIMITS.calls, LIMITS.dispatchDepth);
      let budget: number = LIMITS.dispatchNodes;
      const searched: N[] = [];
      for (const fn of f.nodes) {
        // A function inside one already searched was searched with it.
        if (searched.some((x) => x.start <= fn.start && fn.end <= x.end)) continue;
        searched.push(fn);
        budget = this.branchesIn(fn, out, budget);
        if (budget <= 0) break;
      }
    }
    return out;
  }

  private branchesIn(root: N, out: Map<string, Omit<Span, "depth">[]>, budget: number): number {
    const stack: N[] = [root];
    while (stack.length > 0 && budget-- > 0) {
      const node = stack.pop()!;
      if (node.type === "SwitchStatement") this.switchBranches(node, out);
      else if (node.type === "IfStatement") {
        const names: string[] = [];
        this.testedNames(node.test as N, names, 0);
        const body = node.consequent as N;
        for (const n of names) addSpan(out, n, { start: body.start, end: body.end });
      }
      const keys = VISITOR_KEYS[node.type] ?? [];
      for (const k of keys) {
        const v = node[k];
        if (Array.isArray(v)) {
          for (const c of v) if (isNode(c)) stack.push(c);
        } else if (isNode(v)) stack.push(v);
      }
    }
    return budget;
  }

  private switchBranches(node: N, out: Map<string, Omit<Span, "depth">[]>): void {
    let pending: string[] = [];
    for (const c of node.cases as N[]) {
      const name = c.test ? this.caseName(c.test as N) : undefined;
      if (name !== undefined) pending.push(name);
      const body = c.consequent as N[];
      if (body.length === 0) continue; // falls through to the next case's body
      const span = { start: body[0]!.start, end: body[body.length - 1]!.end };
      for (const n of pending) addSpan(out, n, span);
      pending = [];
    }
  }

  /** `name === "x"`, `"x" == req.params.name`, and `||` of those. */
  private testedNames(test: N, out: string[], depth: number): void {
    if (depth > 8) return;
    if (test.type === "LogicalExpression" && test.operator === "||") {
      this.testedNames(test.left as N, out, depth + 1);
      this.testedNames(test.right as N, out, depth + 1);
    } else if (test.type === "BinaryExpression" && (test.operator === "===" || test.operator === "==")) {
      const l = test.left as N;
      const r = test.right as N;
      const name = l.type === "Literal" ? this.caseName(l) : this.caseName(r);
      const other = l.type === "Literal" ? r : l;
      if (name !== undefined && (other.type === "Identifier" || other.type === "MemberExpression"))
        out.push(name);
    }
  }

  /** A case label: a string, or a member of a constant object (`case Tools.READ:`). */
  private caseName(test: N): string | undefined {
    const s = this.src.constString(test);
    if (s !== undefined) return s;
    if (test.type !== "MemberExpression") return undefined;
    const obj = test.object as N;
    const prop = propName(test);
    if (obj.type !== "Identifier" || prop === undefined) return undefined;
    const inits = this.src.bindings.get(obj.name as string);
    if (inits?.length !== 1) return undefined;
    const value = objectProperty(inits[0]!, prop);
    return value ? this.src.constString(value) : undefined;
  }

  /** What each exported function reaches, for handlers in other files that import it. */
  summariseExports(): void {
    const links = this.src.rec.facts.links;
    for (const node of this.src.exportNodes) {
      for (const [name, value] of exportedValues(node, links.starExports)) {
        if (links.exports.size >= LIMITS.exports || this.exportBudget <= 0) return;
        if (links.exports.has(name)) continue;
        if (value.type === "ReExport") {
          const spec = value.spec as string;
          const handler: ToolHandler = {
            where: this.src.rec.at(node.start),
            complete: true,
            capabilities: [],
          };
          links.exports.set(name, {
            handler,
            refs: [{ spec, name: value.name as string, depth: 0 }],
            onlyRefs: true,
          });
          continue;
        }
        this.summarise(name, value);
        // Importers call methods of exported objects and classes: `ops.read()`, `new Ops().read()`.
        for (const [member, fn] of this.memberFunctions(value, 0)) {
          if (links.exports.size >= LIMITS.exports) return;
          this.summarise(`${name}.${member}`, fn);
        }
      }
    }
  }

  /** Function-valued properties of an object literal; methods of a class, or of the class an instance was made from. */
  private memberFunctions(value: N, depth: number): [string, N][] {
    const out: [string, N][] = [];
    if (value.type === "ObjectExpression") {
      for (const p of value.properties as N[]) {
        const k = p.type === "Property" ? keyName(p) : undefined;
        if (k !== undefined && FUNCTION_NODES.has((p.value as N).type)) out.push([k, p.value as N]);
      }
    } else if (value.type === "ClassDeclaration" || value.type === "ClassExpression") {
      for (const m of (value.body as N).body as N[]) {
        const k = m.type === "MethodDefinition" && m.kind !== "constructor" ? keyName(m) : undefined;
        if (k !== undefined) out.push([k, m.value as N]);
      }
    } else if (depth < 2 && (value.type === "NewExpression" || value.type === "Identifier")) {
      // `export const history = new History()`, `export { history }`, `export { History }`.
      const id = value.type === "Identifier" ? value : (value.callee as N);
      if (id.type !== "Identifier") return out;
      const name = id.name as string;
      const init = value.type === "Identifier" ? this.src.bindings.get(name) : undefined;
      const next = this.src.declarations.get(name)?.[0] ?? (init?.length === 1 ? init[0] : undefined);
      if (next) return this.memberFunctions(next, depth + 1);
    }
    return out.slice(0, 50);
  }

  private summarise(name: string, value: N): void {
    const reach = this.reach([value], value.start, Math.min(LIMITS.calls, this.exportBudget));
    this.exportBudget -= this.lastCost + 1;
    // A value that is no code (a schema, a constant) reaches nothing: complete, and empty.
    this.src.rec.facts.links.exports.set(
      name,
      reach ?? {
        handler: { where: this.src.rec.at(value.start), complete: true, capabilities: [] },
        refs: [],
        onlyRefs: false,
      },
    );
  }
}

/** Exported name -> the expression exported, for one export declaration or CommonJS assignment. */
export function exportedValues(node: N, stars: string[]): [string, N][] {
  switch (node.type) {
    case "ExportNamedDeclaration": {
      const decl = node.declaration as N | null;
      const from = (node.source as N | null)?.value;
      if (decl) {
        if ((decl.type === "FunctionDeclaration" || decl.type === "ClassDeclaration") && decl.id)
          return [[((decl.id as N).name as string) ?? "", decl]];
        if (decl.type === "VariableDeclaration") {
          return (decl.declarations as N[])
            .filter((d) => (d.id as N).type === "Identifier" && d.init)
            .map((d) => [(d.id as N).name as string, d.init as N]);
        }
        return [];
      }
      return (node.specifiers as N[]).map((s) => {
        const local = s.local as N;
        const exported = s.exported as N;
        const name = exported.type === "Identifier" ? (exported.name as string) : String(exported.value);
        const localName = local.type === "Identifier" ? (local.name as string) : String(local.value);
        return [
          name,
          typeof from === "string"
            ? { type: "ReExport", start: node.start, end: node.end, spec: from, name: localName }
            : local,
        ];
      });
    }
    case "ExportDefaultDeclaration":
      return [["default", node.declaration as N]];
    case "ExportAllDeclaration": {
      const from = (node.source as N).value;
      if (typeof from === "string" && !node.exported && stars.length < 20) stars.push(from);
      return [];
    }
    case "AssignmentExpression": {
      const left = node.left as N;
      const right = node.right as N;
      if (isModuleExports(left)) {
        if (right.type !== "ObjectExpression") return [["default", right]];
        const out: [string, N][] = [];
        for (const p of right.properties as N[]) {
          const k = p.type === "Property" ? keyName(p) : undefined;
          if (k !== undefined) out.push([k, p.value as N]);
        }
        return out;
      }
      // tsc declares CommonJS exports first: `exports.a = exports.b = void 0;`.
      if (
        right.type === "AssignmentExpression" ||
        (right.type === "UnaryExpression" && right.operator === "void")
      )
        return [];
      const name = propName(left);
      return name === undefined ? [] : [[name, right]];
    }
    default:
      return [];
  }
}

/** `module.exports` (the left side of a whole-module CommonJS export). */
export function isModuleExports(node: N): boolean {
  return (
    node.type === "MemberExpression" &&
    (node.object as N).type === "Identifier" &&
    (node.object as N).name === "module" &&
    propName(node) === "exports"
  );
}

function requiredSpec(src: LinkSource, call: N): string | undefined {
  if (call.type !== "CallExpression") return undefined;
  const callee = call.callee as N;
  if (callee.type !== "Identifier" || !REQUIRE_NAMES.has(callee.name as string)) return undefined;
  return src.constString((call.arguments as N[])[0]);
}

function unwrapInterop(node: N): N {
  if (node.type === "CallExpression") {
    const callee = node.callee as N;
    if (callee.type === "Identifier" && INTEROP_WRAPPER.test(callee.name as string)) {
      const a = (node.arguments as N[])[0];
      return a ? unwrapInterop(a) : node;
    }
  }
  if (node.type === "AwaitExpression") return unwrapInterop(node.argument as N);
  return node;
}

/** `{name}` imported from a relative module, then `.member`: a ref to `name.member`. */
function importedRef(imported: N, member: string): RefName | undefined {
  const module = imported.object as N;
  const spec = module.spec as string | undefined;
  const name = propName(imported);
  if (module.type !== "ModuleRef" || spec === undefined || name === undefined || !isRelative(spec))
    return undefined;
  return { spec, name: `${name}.${member}` };
}

function objectProperty(obj: N, name: string): N | undefined {
  if (obj.type !== "ObjectExpression") return undefined;
  for (const p of obj.properties as N[]) {
    if (p.type === "Property" && keyName(p) === name) return p.value as N;
  }
  return undefined;
}

function isCall(node: N): boolean {
  const n = node.type === "AwaitExpression" ? (node.argument as N) : node;
  return n.type === "CallExpression" || n.type === "NewExpression";
}

function isRelative(spec: string): boolean {
  return spec.startsWith("./") || spec.startsWith("../") || spec === "." || spec === "..";
}

function lowerBound(calls: readonly N[], offset: number): number {
  let lo = 0;
  let hi = calls.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (calls[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function addSpan(out: Map<string, Omit<Span, "depth">[]>, name: string, span: Omit<Span, "depth">): void {
  const list = out.get(name);
  if (!list) out.set(name, [span]);
  else if (list.length < 8 && !list.some((s) => s.start === span.start)) list.push(span);
}

function cloneHandler(h: ToolHandler): ToolHandler {
  const copy = { ...h, capabilities: [...h.capabilities] };
  addSites(copy, REACHED.get(h));
  return copy;
}

// ---- across files: after every file is analysed ----

/**
 * Finishes the links that cross files: handlers that call functions imported relatively get
 * those functions' capabilities (followed a few files deep), and tools declared in one file
 * (a ListTools array) get the dispatcher branch of the same name from another. A call that
 * cannot be followed (the file was not analysed, or parsed without offsets; the name is not
 * an export found) leaves the handler incomplete.
 */
export function linkAcrossFiles(perFile: ReadonlyMap<string, FileFacts>): void {
  for (const facts of perFile.values()) {
    for (const { tool, reach } of facts.links.tools) {
      const h = tool.handler;
      if (!h) continue;
      const found = extend(h, reach.refs, facts.path, perFile, 0, 0, new Set());
      // A handler imported as is: it lives where the import leads, or nowhere we could see.
      if (reach.onlyRefs) {
        if (found) h.where = found;
        else delete tool.handler;
      }
    }
  }
  const dispatchers = [...perFile.values()].filter((f) => f.links.dispatch.size > 0);
  if (dispatchers.length === 0) return;
  for (const facts of perFile.values()) {
    for (const tool of facts.tools) {
      if (tool.handler) continue;
      // The dispatcher in the tool's own file first, then any other.
      const from =
        (facts.links.dispatch.has(tool.name) ? facts : undefined) ??
        dispatchers.find((f) => f.links.dispatch.has(tool.name));
      const reach = from?.links.dispatch.get(tool.name);
      if (!from || !reach) continue;
      const handler = cloneHandler(reach.handler);
      extend(handler, reach.refs, from.path, perFile, 0, 0, new Set());
      tool.handler = handler;
    }
  }
}

/**
 * Adds what `refs` (relative to `fromPath`, called `base` calls below the handler) reach;
 * returns where the first one found begins, if any.
 */
function extend(
  h: ToolHandler,
  refs: ImportRef[],
  fromPath: string,
  perFile: ReadonlyMap<string, FileFacts>,
  base: number,
  files: number,
  seen: Set<string>,
): CodeLocation | undefined {
  let first: CodeLocation | undefined;
  for (const ref of refs) {
    const target = lookup(fromPath, ref, perFile, 0);
    if (!target) {
      h.complete = false;
      continue;
    }
    first ??= target.reach.handler.where;
    const key = `${target.path}\u0000${target.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    merge(h, target.reach.handler, base + ref.depth);
    if (target.reach.refs.length > 0) {
      if (files + 1 >= LIMITS.fileDepth) h.complete = false;
      else extend(h, target.reach.refs, target.path, perFile, base + ref.depth, files + 1, seen);
    }
  }
  return first;
}

/**
 * The export a ref names: `name`, or `name.member` (a method of an exported object, class or
 * instance). Re-exports and `export *` are followed a few files deep.
 */
function lookup(
  fromPath: string,
  ref: RefName,
  perFile: ReadonlyMap<string, FileFacts>,
  depth: number,
  // Files x names already asked in this lookup, and a cap on the files opened: `export *`
  // cycles and fans (20 stars of 20 stars…) must not multiply.
  visited: Set<string> = new Set(),
): { path: string; name: string; reach: Reach } | undefined {
  const path = resolveImport(fromPath, ref.spec, perFile);
  const facts = path === undefined ? undefined : perFile.get(path);
  if (!path || !facts || depth > LIMITS.fileDepth) return undefined;
  const key = `${path}\u0000${ref.name}`;
  if (visited.has(key) || visited.size >= LIMITS.lookupFiles) return undefined;
  visited.add(key);
  const dot = ref.name.indexOf(".");
  const head = dot === -1 ? ref.name : ref.name.slice(0, dot);
  const exact = facts.links.exports.get(ref.name);
  const reach = exact ?? facts.links.exports.get(head);
  if (reach) {
    // An export found without the member called on it: that member's code is unknown (the
    // export's own summary is what runs at load, e.g. a constructor, not what the call runs).
    if (!reach.onlyRefs) return exact ? { path, name: ref.name, reach } : undefined;
    // A re-export: `export { x as y } from "./z.js"`.
    const next = reach.refs[0];
    if (!next) return undefined;
    const name = dot === -1 || exact ? next.name : `${next.name}${ref.name.slice(dot)}`;
    return lookup(path, { spec: next.spec, name }, perFile, depth + 1, visited);
  }
  for (const star of new Set(facts.links.starExports)) {
    const hit = lookup(path, { spec: star, name: ref.name }, perFile, depth + 1, visited);
    if (hit) return hit;
  }
  return undefined;
}

/** Adds another function's reach, `base` calls deeper; the nearest use of each capability wins. */
function merge(into: ToolHandler, from: ToolHandler, base: number): void {
  if (!from.complete) into.complete = false;
  addSites(into, REACHED.get(from));
  for (const c of from.capabilities) {
    const depth = base + c.depth;
    const i = into.capabilities.findIndex((x) => x.id === c.id);
    if (i === -1) into.capabilities.push({ ...c, depth });
    else if (depth < into.capabilities[i]!.depth) into.capabilities[i] = { ...c, depth };
  }
  into.capabilities.sort((a, b) => CAPABILITY_IDS.indexOf(a.id) - CAPABILITY_IDS.indexOf(b.id));
  if (from.deletes && (!into.deletes || base + from.deletes.depth < into.deletes.depth))
    into.deletes = { where: from.deletes.where, depth: base + from.deletes.depth };
}
