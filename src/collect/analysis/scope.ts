import { keyName } from "./nodes.js";
import type { AstNode } from "./parser.js";

type N = AstNode;

export function isFunction(node: N): boolean {
  const t = node.type;
  return t === "ArrowFunctionExpression" || t === "FunctionExpression" || t === "FunctionDeclaration";
}

/** A function's parameter, as the value of the names it binds. */
export function paramNode(fn: N, index: number): N {
  return { type: "Param", start: fn.start, end: fn.start, fn, index };
}

/** An element of an iterable or array (for-of, array destructuring). */
export function elementNode(of: N): N {
  return { type: "Element", start: of.start, end: of.end, of };
}

/**
 * Lexical bindings by function, for following data: unlike the flat, file-wide table the
 * capability resolution uses (where two minified `e`s share bindings, which is the safe side
 * for "can this code spawn a shell"), data followed through a flat table would make every `e`
 * of a bundle carry every other's data. Scopes are functions (block scopes are folded into
 * their function: an over-approximation), a name is looked up from the innermost function
 * outwards, and assignments join the scope that declares the name.
 */
export class Scopes {
  /** Functions in source order (the walk is pre-order), for finding the one around an offset. */
  private readonly fns: N[] = [];
  /** Enclosing function (or program) of each function. */
  readonly parent = new Map<N, N>();
  /** Declarations and parameters: name -> [scope, value] pairs, in walk order. */
  private readonly decls = new Map<string, N[]>();
  /** Assignments waiting for the walk to end: names, values and offsets side by side. */
  private readonly pendingNames: string[] = [];
  private readonly pendingValues: N[] = [];
  private readonly pendingSites: number[] = [];
  private readonly index = new Map<string, Map<N, N[]>>();
  /** The node each function hangs from (a call, a declarator, a property…): where it is passed or named. */
  private readonly hangs = new Map<N, N>();
  private readonly argMemo = new Map<N, { call: N; index: number } | null>();
  private readonly nameMemo = new Map<N, { name: string; member: boolean }[]>();
  /** Return values by function (arrow bodies are read off the node). */
  readonly returns = new Map<N, N[]>();
  private finished = false;

  constructor(readonly program: N) {}

  /**
   * A function met by the walk. Little is recorded here (a bundle has tens of thousands of
   * functions, a few of which the flow pass asks about): its scope and what it hangs from;
   * parameters, names and the call it is passed to are read off those when asked.
   */
  fn(node: N, parent: N | undefined, scope: N): void {
    this.fns.push(node);
    this.parent.set(node, scope);
    if (parent) this.hangs.set(node, parent);
    const id = node.id as N | null | undefined;
    if (id && node.type === "FunctionDeclaration") this.declare(id.name as string, node, scope);
  }

  /** The call a function is passed to, and at which position. */
  argOf(fn: N): { call: N; index: number } | undefined {
    const hit = this.argMemo.get(fn);
    if (hit !== undefined) return hit ?? undefined;
    const parent = this.hangs.get(fn);
    let out: { call: N; index: number } | null = null;
    if (parent && (parent.type === "CallExpression" || parent.type === "NewExpression")) {
      const i = (parent.arguments as N[]).indexOf(fn);
      if (i >= 0) out = { call: parent, index: i };
    }
    this.argMemo.set(fn, out);
    return out ?? undefined;
  }

  /** Names a function is called by: `function f`, `const f =`, `{ f: … }`, `f() {}` (member: called as `x.f()`). */
  names(fn: N): readonly { name: string; member: boolean }[] {
    const hit = this.nameMemo.get(fn);
    if (hit) return hit;
    const out: { name: string; member: boolean }[] = [];
    const id = fn.id as N | null | undefined;
    if (id && fn.type === "FunctionDeclaration") out.push({ name: id.name as string, member: false });
    const parent = this.hangs.get(fn);
    switch (parent?.type) {
      case "VariableDeclarator": {
        const pid = parent.id as N;
        if (pid.type === "Identifier") out.push({ name: pid.name as string, member: false });
        break;
      }
      case "Property":
      case "MethodDefinition":
      case "PropertyDefinition": {
        const k = keyName(parent);
        if (k !== undefined) out.push({ name: k, member: true });
        break;
      }
      case "AssignmentExpression": {
        const left = parent.left as N;
        if (left.type === "Identifier") out.push({ name: left.name as string, member: false });
        else if (left.type === "MemberExpression" && !left.computed)
          out.push({ name: (left.property as N).name as string, member: true });
        break;
      }
    }
    this.nameMemo.set(fn, out);
    return out;
  }

  /** Whether a function's parameters bind a name, and at which position: read off the patterns. */
  private paramOf(fn: N, name: string): N[] | undefined {
    const params = fn.params as N[];
    for (let i = 0; i < params.length; i++) {
      const found = binds(params[i]!, name, 0);
      // The default is a value too: `function f(env = process.env)`.
      if (found) return found === true ? [paramNode(fn, i)] : [paramNode(fn, i), found];
    }
    // A named function expression's name is bound inside it (recursion).
    const id = fn.id as N | null | undefined;
    if (id && fn.type === "FunctionExpression" && id.name === name) return [fn];
    return undefined;
  }

  declare(name: string, value: N, scope: N): void {
    const list = this.decls.get(name);
    if (!list) this.decls.set(name, [scope, value]);
    else list.push(scope, value);
  }

  /** `x = v` (or `x += v`, `x.y = v`, `x.push(v)`): joins x's declaring scope, found once the walk is done. */
  assign(name: string, value: N, site: number): void {
    this.pendingNames.push(name);
    this.pendingValues.push(value);
    this.pendingSites.push(site);
  }

  /** Binds the names of a declaration or parameter pattern to (parts of) a value. */
  bindPattern(pattern: N, value: N, scope: N, depth: number): void {
    if (depth > 8) return;
    switch (pattern.type) {
      case "Identifier":
        this.declare(pattern.name as string, value, scope);
        return;
      case "ObjectPattern":
        for (const p of pattern.properties as N[]) {
          if (p.type === "RestElement") this.bindPattern(p.argument as N, value, scope, depth + 1);
          else if (p.type === "Property") {
            const k = keyName(p);
            const part: N =
              k === undefined
                ? value
                : {
                    type: "MemberExpression",
                    start: value.start,
                    end: value.end,
                    object: value,
                    property: { type: "Identifier", name: k, start: value.start, end: value.end },
                    computed: false,
                  };
            this.bindPattern(p.value as N, part, scope, depth + 1);
          }
        }
        return;
      case "ArrayPattern":
        for (const e of pattern.elements as (N | null)[])
          if (e) this.bindPattern(e, elementNode(value), scope, depth + 1);
        return;
      case "RestElement":
        this.bindPattern(pattern.argument as N, value, scope, depth + 1);
        return;
      case "AssignmentPattern":
        this.bindPattern(pattern.left as N, value, scope, depth + 1);
        // The default is a value too: `function f(env = process.env)`.
        this.bindPattern(pattern.left as N, pattern.right as N, scope, depth + 1);
        return;
    }
  }

  returned(scope: N, value: N): void {
    if (scope === this.program) return;
    const list = this.returns.get(scope);
    if (!list) this.returns.set(scope, [value]);
    else if (list.length < 32) list.push(value);
  }

  /** Places the assignments in their declaring scopes; the walk is over. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    for (let i = 0; i < this.pendingNames.length; i++) {
      const byScope = this.indexOf(this.pendingNames[i]!);
      const name = this.pendingNames[i]!;
      let s: N | undefined = this.scopeAt(this.pendingSites[i]!);
      while (s && !byScope.has(s) && (s === this.program || !this.paramOf(s, name))) s = this.parent.get(s);
      const target = s ?? this.program;
      const list = byScope.get(target);
      if (list) {
        if (list.length < 256) list.push(this.pendingValues[i]!);
      } else byScope.set(target, [this.pendingValues[i]!]);
    }
    this.pendingNames.length = 0;
    this.pendingValues.length = 0;
    this.pendingSites.length = 0;
  }

  /** The values a name can hold at an offset: its innermost declaration's, plus assignments to it. */
  lookup(name: string, at: number): readonly N[] {
    const byScope = this.indexOf(name);
    let s: N | undefined = this.scopeAt(at);
    while (s) {
      const hit = byScope.get(s);
      if (s !== this.program) {
        // A parameter is declared with the function: its value first, then what the body assigns.
        const param = this.paramOf(s, name);
        if (param) return hit ? [...param, ...hit] : param;
      }
      if (hit) return hit;
      s = this.parent.get(s);
    }
    return byScope.get(this.program) ?? [];
  }

  /** The innermost function around an offset, else the program. */
  scopeAt(at: number): N {
    const fns = this.fns;
    let lo = 0;
    let hi = fns.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (fns[mid]!.start <= at) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    let s: N | undefined = found >= 0 ? fns[found] : undefined;
    while (s && s !== this.program && !(s.start <= at && at < s.end)) s = this.parent.get(s);
    return s ?? this.program;
  }

  private indexOf(name: string): Map<N, N[]> {
    let byScope = this.index.get(name);
    if (byScope) return byScope;
    byScope = new Map();
    const flat = this.decls.get(name);
    if (flat) {
      for (let i = 0; i < flat.length; i += 2) {
        const scope = flat[i]!;
        const list = byScope.get(scope);
        if (list) {
          if (list.length < 256) list.push(flat[i + 1]!);
        } else byScope.set(scope, [flat[i + 1]!]);
      }
      this.decls.delete(name);
    }
    this.index.set(name, byScope);
    return byScope;
  }
}

/** Whether a parameter pattern binds a name: true, or the default value it has. */
function binds(pattern: N, name: string, depth: number): boolean | N {
  if (depth > 8) return false;
  switch (pattern.type) {
    case "Identifier":
      return pattern.name === name;
    case "ObjectPattern":
      for (const p of pattern.properties as N[]) {
        const b = binds((p.type === "RestElement" ? p.argument : p.value) as N, name, depth + 1);
        if (b) return b;
      }
      return false;
    case "ArrayPattern":
      for (const e of pattern.elements as (N | null)[]) {
        const b = e ? binds(e, name, depth + 1) : false;
        if (b) return b;
      }
      return false;
    case "RestElement":
      return binds(pattern.argument as N, name, depth + 1);
    case "AssignmentPattern": {
      const b = binds(pattern.left as N, name, depth + 1);
      return b === true ? (pattern.right as N) : b;
    }
    default:
      return false;
  }
}
