import { createHash } from "node:crypto";
import type { McpTool, ToolAnnotations, ToolSyntax } from "../../evidence/code.js";
import { CODE_LIMITS } from "../../evidence/code.js";
import { canonicalJson, type JsonValue } from "../../evidence/tool-definition.js";
import { addTool, cap, type FileRecorder } from "./facts.js";
import { isNode, keyName, propName } from "./nodes.js";
import type { AstNode } from "./parser.js";
import { countHidden } from "./patterns.js";

type N = AstNode;

/** What mcp.ts needs from the file's analysis: constant folding and the flat bindings. */
export interface StaticEval {
  readonly rec: FileRecorder;
  readonly bindings: Map<string, N[]>;
  /** Each tool recorded, with the expression given as its handler (linked by handlers.ts). */
  readonly toolSites: ToolSite[];
  /** Handlers given to `setRequestHandler`, CallTool's first: low-level servers dispatch on the tool name there. */
  readonly dispatchers: { handler: N; callTool: boolean }[];
  constString(node: N | undefined | null): string | undefined;
}

export interface ToolSite {
  tool: McpTool;
  /** The call or object literal that declares the tool. */
  node: N;
  handler: N | undefined;
}

const ANNOTATION_KEYS = new Set([
  "title",
  "readOnlyHint",
  "destructiveHint",
  "idempotentHint",
  "openWorldHint",
]);
/** Where tool-definition objects keep their handler, by framework: SDK-style, FastMCP, templates. */
const HANDLER_KEYS = ["handler", "execute", "handle", "logic", "run", "callback"];
const FUNCTION_TYPES = new Set([
  "ArrowFunctionExpression",
  "FunctionExpression",
  "Identifier",
  "MemberExpression",
]);

/** A function, a name for one, or `this.method.bind(this)`. */
function isFunctionLike(node: N): boolean {
  if (FUNCTION_TYPES.has(node.type)) return true;
  const callee = node.callee as N | undefined;
  return node.type === "CallExpression" && callee?.type === "MemberExpression" && propName(callee) === "bind";
}

/**
 * Static extraction of the MCP surface, for the SDK's `server.tool(...)` overloads,
 * `registerTool/registerPrompt/registerResource`, FastMCP's `addTool({...})`, and literal
 * `{ name, description, inputSchema }` objects as returned from a ListTools handler.
 */
export const extractMcp = {
  call(ev: StaticEval, node: N, callee: N): void {
    const method = propName(callee);
    const args = node.arguments as N[];
    switch (method) {
      case "tool":
        toolOverloads(ev, node, args);
        return;
      case "registerTool": {
        const name = ev.constString(args[0]);
        const config = objectOf(ev, args[1]);
        if (name === undefined || !config) return;
        const p = props(config);
        const schema = schemaInfo(ev, p.get("inputSchema"), 0);
        recordTool(ev, node, "registerTool", {
          name,
          title: ev.constString(p.get("title")),
          description: ev.constString(p.get("description")),
          keys: schema.keys,
          text: schema.text,
          annotations: annotationsOf(ev, objectOf(ev, p.get("annotations"))),
          handler: args[2],
          ...literalSchemas(ev, p.get("inputSchema"), p.get("outputSchema")),
        });
        return;
      }
      case "addTool": {
        const def = objectOf(ev, args[0]);
        if (!def) return;
        const p = props(def);
        const name = ev.constString(p.get("name"));
        if (name === undefined) return;
        const schema = schemaInfo(ev, p.get("parameters") ?? p.get("inputSchema"), 0);
        recordTool(ev, node, "addTool", {
          name,
          title: undefined,
          description: ev.constString(p.get("description")),
          keys: schema.keys,
          text: schema.text,
          annotations: annotationsOf(ev, objectOf(ev, p.get("annotations"))),
          handler: p.get("execute") ?? p.get("handler"),
          ...literalSchemas(ev, p.get("parameters") ?? p.get("inputSchema"), p.get("outputSchema")),
        });
        return;
      }
      case "setRequestHandler": {
        if (args.length < 2) return;
        const schema = args[0]!;
        const schemaName =
          schema.type === "Identifier"
            ? (schema.name as string)
            : schema.type === "MemberExpression"
              ? propName(schema)
              : undefined;
        // Bundlers rename imports (CallToolRequestSchema2); some servers pass the method string.
        const callTool =
          schemaName?.includes("CallToolRequestSchema") === true || ev.constString(schema) === "tools/call";
        if (ev.dispatchers.length < 20) ev.dispatchers.push({ handler: args[1]!, callTool });
        return;
      }
      case "prompt":
      case "registerPrompt": {
        const name = ev.constString(args[0]);
        if (name === undefined || args.length < 2 || !isFunctionLike(args[args.length - 1]!)) return;
        const config = method === "registerPrompt" ? objectOf(ev, args[1]) : undefined;
        const description = config
          ? ev.constString(props(config).get("description"))
          : ev.constString(args[1]);
        if (ev.rec.facts.prompts.length >= CODE_LIMITS.tools) return;
        ev.rec.facts.prompts.push({
          name: cap(name, 200),
          ...(description !== undefined
            ? { description: cap(description, CODE_LIMITS.descriptionChars) }
            : {}),
          where: ev.rec.at(node.start),
        });
        return;
      }
      case "resource":
      case "registerResource": {
        const name = ev.constString(args[0]);
        if (name === undefined || args.length < 3 || !isFunctionLike(args[args.length - 1]!)) return;
        const uriNode = args[1];
        const uri =
          uriNode?.type === "NewExpression"
            ? ev.constString((uriNode.arguments as N[])[0])
            : ev.constString(uriNode);
        const meta = objectOf(ev, args[2]);
        const description = meta ? ev.constString(props(meta).get("description")) : undefined;
        if (ev.rec.facts.resources.length >= CODE_LIMITS.tools) return;
        ev.rec.facts.resources.push({
          name: cap(name, 200),
          ...(uri !== undefined ? { uri: cap(uri, 500) } : {}),
          ...(description !== undefined
            ? { description: cap(description, CODE_LIMITS.descriptionChars) }
            : {}),
          where: ev.rec.at(node.start),
        });
        return;
      }
    }
  },

  definitionObject(ev: StaticEval, obj: N): void {
    const p = props(obj);
    const name = ev.constString(p.get("name"));
    if (name === undefined) return;
    const schemaNode = p.get("inputSchema") ?? p.get("schema") ?? p.get("parameters");
    const schema = schemaInfo(ev, schemaNode, 0);
    recordTool(ev, obj, "definition-object", {
      ...literalSchemas(ev, schemaNode, p.get("outputSchema")),
      name,
      title: ev.constString(p.get("title")),
      description: ev.constString(p.get("description")),
      keys: schema.keys,
      text: schema.text,
      annotations: annotationsOf(ev, objectOf(ev, p.get("annotations"))),
      // ListTools objects have none: their code is a branch of the CallTool dispatcher.
      handler: HANDLER_KEYS.map((k) => p.get(k)).find((v) => v !== undefined),
    });
  },
};

/** McpServer.tool(name, [description], [paramsSchema], [annotations], handler). */
function toolOverloads(ev: StaticEval, node: N, args: N[]): void {
  if (args.length < 2) return;
  const name = ev.constString(args[0]);
  const handler = args[args.length - 1]!;
  if (name === undefined || !isFunctionLike(handler)) return;
  let description: string | undefined;
  let schemaNode: N | undefined;
  let annotations: N | undefined;
  for (const a of args.slice(1, -1)) {
    const s = ev.constString(a);
    if (s !== undefined && description === undefined && !schemaNode) {
      description = s;
      continue;
    }
    const obj = objectOf(ev, a);
    if (obj && isAnnotations(obj)) annotations = obj;
    else if (!schemaNode) schemaNode = a;
  }
  const schema = schemaInfo(ev, schemaNode, 0);
  recordTool(ev, node, "tool", {
    ...literalSchemas(ev, schemaNode, undefined),
    name,
    title: undefined,
    description,
    keys: schema.keys,
    text: schema.text,
    annotations: annotationsOf(ev, annotations),
    handler,
  });
}

interface ToolParts {
  name: string;
  title: string | undefined;
  description: string | undefined;
  keys: string[];
  text: string[];
  annotations: ToolAnnotations | undefined;
  handler: N | undefined;
  /** The input schema as a literal JSON Schema, or why it is not one. */
  inputSchema?: JsonValue;
  outputSchema?: JsonValue;
  inputSchemaUnread?: string;
}

function recordTool(ev: StaticEval, node: N, syntax: ToolSyntax, t: ToolParts): void {
  const schemaText = t.text.join("\n");
  const keys = [...new Set(t.keys)].sort();
  const full = canonical({
    name: t.name,
    title: t.title ?? null,
    description: t.description ?? null,
    inputKeys: keys,
    schemaText,
    annotations: t.annotations ?? null,
  });
  const tool: McpTool = {
    name: cap(t.name, 200),
    descriptionLength: t.description?.length ?? 0,
    inputKeys: keys.slice(0, 100).map((k) => cap(k, 100)),
    hiddenChars: countHidden(t.name) + countHidden(t.description ?? "") + countHidden(schemaText),
    hash: createHash("sha256").update(full).digest("hex"),
    syntax,
    where: ev.rec.at(node.start),
  };
  if (t.title !== undefined) tool.title = cap(t.title, 200);
  if (t.description !== undefined) tool.description = cap(t.description, CODE_LIMITS.descriptionChars);
  if (schemaText) tool.schemaText = cap(schemaText, CODE_LIMITS.schemaTextChars);
  if (t.annotations) tool.annotations = t.annotations;
  if (t.inputSchema !== undefined) tool.inputSchema = t.inputSchema;
  if (t.outputSchema !== undefined) tool.outputSchema = t.outputSchema;
  if (t.inputSchemaUnread) tool.inputSchemaUnread = t.inputSchemaUnread;
  if (addTool(ev.rec.facts, tool)) ev.toolSites.push({ tool, node, handler: t.handler });
}

/** JSON with sorted keys, so the hash does not depend on property order in the source. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

function props(obj: N): Map<string, N> {
  const out = new Map<string, N>();
  for (const p of obj.properties as N[]) {
    if (p.type !== "Property") continue;
    const k = keyName(p);
    if (k !== undefined && !out.has(k)) out.set(k, p.value as N);
  }
  return out;
}

/** An object literal, directly or through a `const` that holds one. */
function objectOf(ev: StaticEval, node: N | undefined, depth = 0): N | undefined {
  if (!node || depth > 4) return undefined;
  if (node.type === "ObjectExpression") return node;
  if (node.type === "Identifier") {
    const inits = ev.bindings.get(node.name as string);
    return inits?.length === 1 ? objectOf(ev, inits[0], depth + 1) : undefined;
  }
  return undefined;
}

function isAnnotations(obj: N): boolean {
  const p = props(obj);
  return (
    p.size > 0 &&
    [...p.keys()].every((k) => ANNOTATION_KEYS.has(k)) &&
    [...p.keys()].some((k) => k !== "title")
  );
}

function annotationsOf(ev: StaticEval, obj: N | undefined): ToolAnnotations | undefined {
  if (!obj) return undefined;
  const out: ToolAnnotations = {};
  for (const [k, v] of props(obj)) {
    if (k === "title") {
      const s = ev.constString(v);
      if (s !== undefined) out.title = cap(s, 200);
    } else if (ANNOTATION_KEYS.has(k) && v.type === "Literal" && typeof v.value === "boolean") {
      out[k as Exclude<keyof ToolAnnotations, "title">] = v.value;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

interface SchemaInfo {
  keys: string[];
  text: string[];
}

/**
 * Parameter names and the text a model reads about them, from a zod raw shape, `z.object()`,
 * a JSON Schema literal, or `zodToJsonSchema(x)` around any of those.
 */
function schemaInfo(ev: StaticEval, node: N | undefined, depth: number): SchemaInfo {
  const empty = { keys: [], text: [] };
  if (!node || depth > 6) return empty;
  switch (node.type) {
    case "Identifier": {
      const inits = ev.bindings.get(node.name as string);
      return inits?.length === 1 ? schemaInfo(ev, inits[0], depth + 1) : empty;
    }
    case "ObjectExpression": {
      const p = props(node);
      const properties = p.get("properties");
      const target = properties?.type === "ObjectExpression" && p.has("type") ? properties : node;
      return { keys: [...props(target).keys()], text: describedText(ev, node) };
    }
    case "CallExpression": {
      const callee = node.callee as N;
      const args = node.arguments as N[];
      const method =
        callee.type === "MemberExpression"
          ? propName(callee)
          : callee.type === "Identifier"
            ? (callee.name as string)
            : undefined;
      if (method === "object" || method === "strictObject" || method === "looseObject") {
        const inner = schemaInfo(ev, args[0], depth + 1);
        return { keys: inner.keys, text: describedText(ev, node) };
      }
      if (method === "zodToJsonSchema" || method === "toJSONSchema" || method === "toJsonSchema") {
        return schemaInfo(ev, args[0], depth + 1);
      }
      if (callee.type === "MemberExpression") {
        const inner = schemaInfo(ev, callee.object as N, depth + 1);
        return { keys: inner.keys, text: [...inner.text, ...describedText(ev, node, true)] };
      }
      return empty;
    }
    default:
      return empty;
  }
}

/** Strings in `.describe("…")` calls and `description: "…"` properties inside a schema. */
function describedText(ev: StaticEval, root: N, ownCallOnly = false): string[] {
  const out: string[] = [];
  const stack: N[] = [root];
  let budget = 5000;
  while (stack.length > 0 && budget-- > 0) {
    const node = stack.pop()!;
    if (node.type === "CallExpression") {
      const callee = node.callee as N;
      if (callee.type === "MemberExpression" && propName(callee) === "describe") {
        const s = ev.constString((node.arguments as N[])[0]);
        if (s !== undefined) out.push(s);
      }
    } else if (node.type === "Property" && keyName(node) === "description") {
      const s = ev.constString(node.value as N);
      if (s !== undefined) out.push(s);
    }
    if (ownCallOnly) break;
    for (const key in node) {
      if (key === "type" || key === "start" || key === "end") continue;
      const v = node[key];
      if (Array.isArray(v)) {
        for (const c of v) if (isNode(c)) stack.push(c);
      } else if (isNode(v)) stack.push(v);
    }
  }
  return out;
}

/** Bounds on a literal schema kept whole: past them, only its keys and texts are kept. */
const LITERAL_SCHEMA = { nodes: 2000, depth: 16, chars: 16 * 1024 } as const;

/**
 * The input (and output) schema as the literal JSON Schema the code writes out, so a pinned
 * definition holds it whole; or, when it is not one (zod, a value built at run time), why.
 */
function literalSchemas(
  ev: StaticEval,
  input: N | undefined,
  output: N | undefined,
): Pick<ToolParts, "inputSchema" | "outputSchema" | "inputSchemaUnread"> {
  const out: Pick<ToolParts, "inputSchema" | "outputSchema" | "inputSchemaUnread"> = {};
  if (input) {
    const v = jsonSchemaLiteral(ev, input);
    if (v !== undefined) out.inputSchema = v;
    else
      out.inputSchemaUnread = isZod(input)
        ? "a zod schema: its keys and descriptions are read"
        : "not a literal JSON Schema";
  }
  const o = output ? jsonSchemaLiteral(ev, output) : undefined;
  if (o !== undefined) out.outputSchema = o;
  return out;
}

function jsonSchemaLiteral(ev: StaticEval, node: N): JsonValue | undefined {
  const budget = { nodes: LITERAL_SCHEMA.nodes };
  const v = literal(ev, node, 0, budget);
  if (!v || typeof v !== "object" || Array.isArray(v)) return undefined;
  // A JSON Schema, not a zod raw shape of literals: it says what it is.
  if (!("type" in v) && !("properties" in v) && !("$schema" in v)) return undefined;
  return canonicalJson(v).length <= LITERAL_SCHEMA.chars ? v : undefined;
}

function literal(
  ev: StaticEval,
  node: N | undefined,
  depth: number,
  budget: { nodes: number },
): JsonValue | undefined {
  if (!node || depth > LITERAL_SCHEMA.depth || --budget.nodes < 0) return undefined;
  switch (node.type) {
    case "ObjectExpression": {
      const out: { [k: string]: JsonValue } = {};
      for (const p of node.properties as N[]) {
        if (p.type !== "Property" || p.computed || p.kind !== "init") return undefined;
        const k = keyName(p);
        if (k === undefined) return undefined;
        const v = literal(ev, p.value as N, depth + 1, budget);
        if (v === undefined) return undefined;
        Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case "ArrayExpression": {
      const out: JsonValue[] = [];
      for (const e of node.elements as (N | null)[]) {
        const v = e ? literal(ev, e, depth + 1, budget) : undefined;
        if (v === undefined) return undefined;
        out.push(v);
      }
      return out;
    }
    case "Literal":
      return typeof node.value === "string" || typeof node.value === "boolean" || node.value === null
        ? (node.value as JsonValue)
        : typeof node.value === "number" && Number.isFinite(node.value)
          ? node.value
          : undefined;
    case "UnaryExpression":
      return node.operator === "-" &&
        (node.argument as N).type === "Literal" &&
        typeof (node.argument as N).value === "number"
        ? -((node.argument as N).value as number)
        : undefined;
    case "Identifier": {
      const inits = ev.bindings.get(node.name as string);
      if (inits?.length === 1) return literal(ev, inits[0], depth + 1, budget);
      return ev.constString(node);
    }
    default:
      return ev.constString(node);
  }
}

/** `z.object(...)`, `z.string()...`, or a shape whose values are zod calls. */
function isZod(node: N): boolean {
  let n: N | undefined = node;
  for (let i = 0; n && i < 20; i++) {
    if (n.type === "CallExpression") n = n.callee as N;
    else if (n.type === "MemberExpression") n = n.object as N;
    else break;
  }
  if (n?.type === "Identifier" && /^z$|zod/i.test(n.name as string)) return true;
  if (node.type === "ObjectExpression")
    return (node.properties as N[]).some((p) => p.type === "Property" && p.value && isZod(p.value as N));
  return false;
}
// ---- tools that appear only after the server has started ----

const TIMERS = new Set(["setTimeout", "setInterval", "setImmediate", "queueMicrotask", "nextTick"]);
const LIST_ADDERS = new Set(["push", "unshift", "splice", "set", "add", "concat"]);
const FUNCTIONS = new Set(["ArrowFunctionExpression", "FunctionExpression"]);
/** Nodes searched per file for conditions and counters: handlers are small, bundles are not. */
const LATE_WALK_BUDGET = 100_000;

interface LateSpan {
  start: number;
  end: number;
  how: string;
  /** A ListTools-style request handler: the tool objects written in it are the first list. */
  list?: boolean;
  handler?: boolean;
  fn: N;
}

/**
 * Marks the tools a client cannot see in its first tools/list: registered in a timer, after
 * `connect()`, inside a request handler or another tool's handler (the SDK then announces them
 * with list_changed), pushed onto the tool list there, or listed only once a counter or flag the
 * handlers change allows it. What a user approved at start is then not what runs (a rug pull).
 * Lexical, within the file: a registration in a function another file calls from a handler is
 * not seen here.
 */
export function markLateTools(ev: StaticEval, calls: readonly N[]): void {
  if (ev.toolSites.length === 0 || !Number.isFinite(ev.toolSites[0]!.node.start)) return;
  const spans = lateSpans(ev, calls);
  const byBinding = toolsByBinding(ev);
  const mark = (site: ToolSite | undefined, how: string, at: number) => {
    if (site && !site.tool.late) site.tool.late = { how, where: ev.rec.at(at) };
  };
  for (const site of ev.toolSites) {
    // The objects a ListTools handler returns are the list itself, not additions to it.
    const own = site.tool.syntax === "definition-object" ? spans.filter((s) => !s.list) : spans;
    const span = innermost(own, site.node.start);
    if (span) mark(site, `registered ${span.how}`, site.node.start);
  }
  // `tools.push(backup)` in a timer: a definition declared at start, listed later.
  for (const call of calls) {
    const callee = call.callee as N | undefined;
    if (call.type !== "CallExpression" || callee?.type !== "MemberExpression") continue;
    if (!LIST_ADDERS.has(propName(callee) ?? "")) continue;
    const span = innermost(spans, call.start);
    if (!span) continue;
    for (const a of call.arguments as N[])
      if (a.type === "Identifier")
        mark(byBinding.get(a.name as string), `added to the tool list ${span.how}`, call.start);
  }
  conditionalListing(ev, spans, byBinding, mark);
}

function lateSpans(ev: StaticEval, calls: readonly N[]): LateSpan[] {
  const out: LateSpan[] = [];
  const add = (fn: N | undefined, how: string, kind: { list?: boolean; handler?: boolean } = {}) => {
    const f = functionOf(ev, fn);
    if (f) out.push({ start: f.start, end: f.end, how, fn: f, ...kind });
  };
  for (const call of calls) {
    if (call.type !== "CallExpression") continue;
    const callee = call.callee as N;
    const args = call.arguments as N[];
    const name =
      callee.type === "Identifier"
        ? (callee.name as string)
        : callee.type === "MemberExpression"
          ? propName(callee)
          : undefined;
    if (name !== undefined && TIMERS.has(name)) add(args[0], `in a ${name} callback`);
    else if (name === "then" && callee.type === "MemberExpression" && callsConnect(callee.object as N))
      add(args[0], "after connect()");
  }
  for (const d of ev.dispatchers)
    add(d.handler, "inside a request handler", { list: !d.callTool, handler: true });
  for (const site of ev.toolSites)
    add(site.handler, `inside the handler of tool ${site.tool.name}`, { handler: true });
  return out;
}

/** `server.connect(t)` somewhere in the chain a `.then` hangs on. */
function callsConnect(node: N): boolean {
  for (let n: N | undefined = node, i = 0; n && i < 8; i++) {
    if (n.type === "CallExpression") {
      const c = n.callee as N;
      if (c.type === "MemberExpression" && propName(c) === "connect") return true;
      n = c.type === "MemberExpression" ? (c.object as N) : undefined;
    } else if (n.type === "AwaitExpression") n = n.argument as N;
    else return false;
  }
  return false;
}

/** The function an argument is: inline, or a `const` holding one. */
function functionOf(ev: StaticEval, node: N | undefined): N | undefined {
  if (!node) return undefined;
  if (FUNCTIONS.has(node.type)) return node;
  if (node.type === "Identifier") {
    const inits = ev.bindings.get(node.name as string);
    const f = inits?.length === 1 ? inits[0] : undefined;
    return f && FUNCTIONS.has(f.type) ? f : undefined;
  }
  return undefined;
}

/** The smallest late span holding `at`: the most specific reason. */
function innermost(spans: readonly LateSpan[], at: number): LateSpan | undefined {
  let best: LateSpan | undefined;
  for (const s of spans)
    if (s.start < at && at < s.end && (!best || s.end - s.start < best.end - best.start)) best = s;
  return best;
}

/** Names bound to a tool definition object (`const backup = { name, description, inputSchema }`). */
function toolsByBinding(ev: StaticEval): Map<string, ToolSite> {
  const sites = new Map(
    ev.toolSites.filter((s) => s.tool.syntax === "definition-object").map((s) => [s.node, s]),
  );
  const out = new Map<string, ToolSite>();
  if (sites.size === 0) return out;
  for (const [name, inits] of ev.bindings) {
    const site = inits.length === 1 ? sites.get(inits[0]!) : undefined;
    if (site) out.set(name, site);
  }
  return out;
}

/**
 * A ListTools handler that lists a tool in one branch only (`listed > 1 ? [...base, extra] :
 * base`, `if (used) tools.push(extra)`) when the condition reads a name that a handler changes
 * (`listed++`, `used = true`): the list grows with the session, not with configuration.
 */
function conditionalListing(
  ev: StaticEval,
  spans: readonly LateSpan[],
  byBinding: ReadonlyMap<string, ToolSite>,
  mark: (site: ToolSite | undefined, how: string, at: number) => void,
): void {
  if (byBinding.size === 0) return;
  const handlerSpans = spans.filter((s) => s.handler);
  const changed = new Set<string>();
  const conditions: N[] = [];
  const budget = { left: LATE_WALK_BUDGET };
  for (const s of handlerSpans) {
    walk(s.fn, budget, (n) => {
      if (n.type === "UpdateExpression" && (n.argument as N).type === "Identifier")
        changed.add((n.argument as N).name as string);
      else if (n.type === "AssignmentExpression" && (n.left as N).type === "Identifier")
        changed.add((n.left as N).name as string);
      else if ((n.type === "ConditionalExpression" || n.type === "IfStatement") && s.list) conditions.push(n);
    });
  }
  for (const c of conditions) {
    const read = new Set<string>();
    walk(c.test as N, budget, (n) => {
      if (n.type === "Identifier") read.add(n.name as string);
    });
    const counter = [...read].find((r) => changed.has(r));
    if (!counter) continue;
    const yes = toolNames(c.consequent as N, byBinding, budget);
    const no = c.alternate ? toolNames(c.alternate as N, byBinding, budget) : new Set<ToolSite>();
    const test = ev.rec.source.slice((c.test as N).start, (c.test as N).end).slice(0, 80);
    for (const site of [...yes].filter((t) => !no.has(t)))
      mark(site, `listed only when \`${test}\`, which the handlers change (${counter})`, c.start);
    for (const site of [...no].filter((t) => !yes.has(t)))
      mark(site, `listed only unless \`${test}\`, which the handlers change (${counter})`, c.start);
  }
}

function toolNames(
  node: N,
  byBinding: ReadonlyMap<string, ToolSite>,
  budget: { left: number },
): Set<ToolSite> {
  const out = new Set<ToolSite>();
  walk(node, budget, (n) => {
    if (n.type === "Identifier") {
      const site = byBinding.get(n.name as string);
      if (site) out.add(site);
    }
  });
  return out;
}

/** Every node under `root`, depth-first, within a budget shared by the file's walks. */
function walk(root: N, budget: { left: number }, visit: (n: N) => void): void {
  const stack: N[] = [root];
  while (stack.length > 0 && budget.left-- > 0) {
    const n = stack.pop()!;
    visit(n);
    for (const key in n) {
      if (key === "type" || key === "start" || key === "end" || key === "loc" || key === "range") continue;
      const v = n[key];
      if (Array.isArray(v)) {
        for (const c of v) if (isNode(c)) stack.push(c);
      } else if (isNode(v)) stack.push(v);
    }
  }
}
