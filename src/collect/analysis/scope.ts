import { keyName } from "./nodes.js";
import type { AstNode } from "./parser.js";

type N = AstNode;

const FUNCTIONS = new Set(["ArrowFunctionExpression", "FunctionExpression", "FunctionDeclaration"]);

export function isFunction(node: N): boolean {
  return FUNCTIONS.has(node.type);
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
  private readonly pending: { name: string; value: N; site: number }[] = [];
  private readonly index = new Map<string, Map<N, N[]>>();
  /** A function passed as an argument: the call and the position. */
  readonly argOf = new Map<N, { call: N; index: number }>();
  /** Names a function is known by: `function f`, `const f =`, `{ f: … }`, `f() {}` (member: called as `x.f()`). */
  readonly names = new Map<N, { name: string; member: boolean }[]>();
  /** Return values by function (arrow bodies are read off the node). */
  readonly returns = new Map<N, N[]>();
  private finished = false;

  constructor(readonly program: N) {}

  /** A function met by the walk: its parameters, its name, where it is passed. */
  fn(node: N, parent: N | undefined, scope: N): void {
    this.fns.push(node);
    this.parent.set(node, scope);
    const params = node.params as N[];
    for (let i = 0; i < params.length; i++) this.bindPattern(params[i]!, paramNode(node, i), node, 0);
    const id = node.id as N | null | undefined;
    if (id && node.type === "FunctionDeclaration") {
      this.declare(id.name as string, node, scope);
      this.named(node, id.name as string, false);
    } else if (id && node.type === "FunctionExpression") {
      // A named function expression's name is bound inside it (recursion).
      this.declare(id.name as string, node, node);
    }
    if (!parent) return;
    switch (parent.type) {
      case "CallExpression":
      case "NewExpression": {
        const i = (parent.arguments as N[]).indexOf(node);
        if (i >= 0) this.argOf.set(node, { call: parent, index: i });
        break;
      }
      case "VariableDeclarator": {
        const pid = parent.id as N;
        if (pid.type === "Identifier") this.named(node, pid.name as string, false);
        break;
      }
      case "Property":
      case "MethodDefinition":
      case "PropertyDefinition": {
        const k = keyName(parent);
        if (k !== undefined) this.named(node, k, true);
        break;
      }
      case "AssignmentExpression": {
        const left = parent.left as N;
        if (left.type === "Identifier") this.named(node, left.name as string, false);
        else if (left.type === "MemberExpression" && !left.computed)
          this.named(node, (left.property as N).name as string, true);
        break;
      }
    }
  }

  private named(fn: N, name: string, member: boolean): void {
    const list = this.names.get(fn);
    if (!list) this.names.set(fn, [{ name, member }]);
    else if (list.length < 4) list.push({ name, member });
  }

  declare(name: string, value: N, scope: N): void {
    const list = this.decls.get(name);
    if (!list) this.decls.set(name, [scope, value]);
    else list.push(scope, value);
  }

  /** `x = v` (or `x += v`, `x.y = v`, `x.push(v)`): joins x's declaring scope, found once the walk is done. */
  assign(name: string, value: N, site: number): void {
    this.pending.push({ name, value, site });
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
    for (const a of this.pending) {
      const byScope = this.indexOf(a.name);
      let s: N | undefined = this.scopeAt(a.site);
      while (s && !byScope.has(s)) s = this.parent.get(s);
      const target = s ?? this.program;
      const list = byScope.get(target);
      if (list) {
        if (list.length < 256) list.push(a.value);
      } else byScope.set(target, [a.value]);
    }
    this.pending.length = 0;
  }

  /** The values a name can hold at an offset: its innermost declaration's, plus assignments to it. */
  lookup(name: string, at: number): readonly N[] {
    const byScope = this.indexOf(name);
    if (byScope.size === 0) return [];
    let s: N | undefined = this.scopeAt(at);
    while (s) {
      const hit = byScope.get(s);
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
