import type { JSONRPCMessage, Transport, TransportSendOptions } from "@modelcontextprotocol/client";
import type { ProbeCall, ProbeListing } from "../../evidence/probe.js";
import { PROBE_LIMITS } from "../../evidence/probe.js";
import { canonicalJson, pinDefinition, type ToolDefinition } from "../../evidence/tool-definition.js";
import { TOOL } from "../../version.js";
import { exampleArguments } from "./examples.js";
import { parseNamed, parseToolList } from "./parse.js";

/**
 * Speaking MCP to a server under test with the official SDK's client, over any transport
 * (the sandbox's stdio, streamable HTTP, SSE). The SDK drives the protocol; what the server
 * answered is read off the wire (a tap on the transport) and checked here, so a malformed
 * tool neither hides the others nor is reshaped by the client before it is recorded.
 */

/** A transport wrapper that records the raw results of list requests, by section. */
export class WireTap implements Transport {
  section = "";
  readonly pages = new Map<string, { method: string; result: unknown }[]>();
  readonly errors = new Map<string, string>();
  listChanged = false;
  private readonly sent = new Map<string | number, { method: string; section: string }>();
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport["onmessage"];

  constructor(private readonly inner: Transport) {}

  get sessionId(): string | undefined {
    return this.inner.sessionId;
  }

  get hasPerRequestStream(): boolean | undefined {
    return this.inner.hasPerRequestStream;
  }

  setProtocolVersion(version: string): void {
    this.inner.setProtocolVersion?.(version);
  }

  start(): Promise<void> {
    this.inner.onmessage = (message, extra) => {
      this.observe(message);
      this.onmessage?.(message, extra);
    };
    this.inner.onerror = (e) => this.onerror?.(e);
    this.inner.onclose = () => this.onclose?.();
    return this.inner.start();
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    const m = message as { id?: string | number; method?: string };
    if (m.id !== undefined && typeof m.method === "string" && this.sent.size < 10_000)
      this.sent.set(m.id, { method: m.method, section: this.section });
    return this.inner.send(message, options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private observe(message: JSONRPCMessage): void {
    const m = message as {
      id?: string | number;
      method?: string;
      result?: unknown;
      error?: { message?: unknown };
    };
    if (m.method === "notifications/tools/list_changed") this.listChanged = true;
    if (m.id === undefined || m.method !== undefined) return;
    const req = this.sent.get(m.id);
    if (!req?.method.endsWith("/list")) return;
    const key = `${req.section}\u0000${req.method}`;
    if (m.error) {
      this.errors.set(key, String(m.error.message ?? "error").slice(0, 300));
      return;
    }
    const list = this.pages.get(key) ?? [];
    if (list.length < 100) list.push({ method: req.method, result: m.result });
    this.pages.set(key, list);
  }

  /** The raw pages of one list method in one section. */
  results(section: string, method: string): unknown[] {
    return (this.pages.get(`${section}\u0000${method}`) ?? []).map((p) => p.result);
  }

  error(section: string, method: string): string | undefined {
    return this.errors.get(`${section}\u0000${method}`);
  }
}

export interface SessionOptions {
  /** The whole session must end by this time (ms since the epoch). */
  deadline: number;
  /** Wait between the first and the second tools/list. */
  secondListDelayMs: number;
  /** Call the tools marked readOnlyHint with example arguments. */
  call: boolean;
  /** Told when a call starts and ends (wall-clock ms), so what happens meanwhile is marked `call`. */
  onCall?: (from: number, to: number) => void;
  /** Something observed the server end (its process exited): stop waiting. */
  ended?: Promise<unknown>;
}

export interface SessionResult {
  started: boolean;
  failure?: string;
  server?: { name?: string; version?: string; protocolVersion?: string; instructions?: string };
  first?: ProbeListing;
  second?: ProbeListing;
  listChanged: boolean;
  calls: ProbeCall[];
  /** When the first tools/list answered (ms since the epoch). */
  listedAt?: number;
  notes: string[];
}

const MAX_CALLS = 10;
const CALL_TIMEOUT_MS = 5_000;

/** initialize; tools, prompts and resources listed (pages followed); tools listed again after a wait; optional calls. */
export async function runSession(transport: Transport, o: SessionOptions): Promise<SessionResult> {
  const { Client } = await import("@modelcontextprotocol/client");
  const tap = new WireTap(transport);
  const client = new Client(
    { name: TOOL.name, version: TOOL.version },
    { capabilities: {}, listMaxPages: 20 },
  );
  const out: SessionResult = { started: false, listChanged: false, calls: [], notes: [] };
  const remaining = () => Math.max(1, o.deadline - Date.now());
  const ended = o.ended ?? new Promise(() => {});
  const race = <T>(p: Promise<T>) =>
    Promise.race([p, ended.then(() => Promise.reject(new Error("the server exited")))]);
  client.onerror = () => {};
  try {
    tap.section = "init";
    await race(client.connect(tap, { timeout: remaining() }));
    out.started = true;
    const info = client.getServerVersion();
    const caps = client.getServerCapabilities();
    const instructions = client.getInstructions();
    out.server = {
      ...(typeof info?.name === "string" ? { name: info.name.slice(0, 200) } : {}),
      ...(typeof info?.version === "string" ? { version: info.version.slice(0, 100) } : {}),
      ...(typeof instructions === "string"
        ? { instructions: instructions.slice(0, PROBE_LIMITS.textChars) }
        : {}),
    };
    const protocolVersion = (
      client as unknown as { getNegotiatedProtocolVersion?: () => string | undefined }
    ).getNegotiatedProtocolVersion?.();
    if (protocolVersion) out.server.protocolVersion = protocolVersion;

    out.first = await listAll(client, tap, "first", caps, remaining, race, out.notes);
    out.listedAt = Date.now();
    if (o.secondListDelayMs > 0)
      await Promise.race([sleep(Math.min(o.secondListDelayMs, remaining())), ended]);
    out.second = await listAll(client, tap, "second", caps, remaining, race, out.notes, true);
    if (o.call)
      out.calls = await callReadOnly(
        client,
        out.first.tools.map((t) => t.definition),
        o,
        remaining,
        race,
      );
  } catch (err) {
    out.failure = oneLine(err);
  } finally {
    out.listChanged = tap.listChanged;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([client.close().catch(() => {}), new Promise((r) => (timer = setTimeout(r, 1000)))]);
    clearTimeout(timer);
  }
  return out;
}

type Race = <T>(p: Promise<T>) => Promise<T>;

async function listAll(
  client: import("@modelcontextprotocol/client").Client,
  tap: WireTap,
  section: string,
  caps: { tools?: unknown; prompts?: unknown; resources?: unknown } | undefined,
  remaining: () => number,
  race: Race,
  notes: string[],
  toolsOnly = false,
): Promise<ProbeListing> {
  tap.section = section;
  const listing: ProbeListing = { tools: [], prompts: [], resources: [] };
  const attempt = async (method: string, call: () => Promise<unknown>) => {
    try {
      await race(call());
    } catch (err) {
      // The SDK may reject an answer it cannot validate; the raw pages are read below all the same.
      const raw = tap.error(section, method);
      if (raw || tap.results(section, method).length === 0) {
        const why = raw ?? oneLine(err);
        if (method === "tools/list") listing.error = why;
        else if (notes.length < 20) notes.push(`${method}: ${why}`);
      }
      if (/exited|closed/i.test(oneLine(err))) throw err;
    }
  };
  await attempt("tools/list", () =>
    client.listTools(undefined, { timeout: remaining(), cacheMode: "bypass" }),
  );
  const defs: ToolDefinition[] = [];
  for (const page of tap.results(section, "tools/list")) {
    const parsed = parseToolList(page, "tools/list");
    if ("error" in parsed) {
      listing.error ??= "the server's tools/list answer holds no tool list";
      continue;
    }
    defs.push(...parsed.tools);
    for (const n of parsed.notes) if (notes.length < 20) notes.push(n);
  }
  listing.tools = defs.slice(0, PROBE_LIMITS.tools).map(pinDefinition);
  if (!toolsOnly) {
    if (caps?.prompts) {
      await attempt("prompts/list", () =>
        client.listPrompts(undefined, { timeout: remaining(), cacheMode: "bypass" }),
      );
      listing.prompts = parseNamed(tap.results(section, "prompts/list"), "prompts", PROBE_LIMITS.prompts).map(
        ({ name, description }) => ({ name, ...(description !== undefined ? { description } : {}) }),
      );
    }
    if (caps?.resources) {
      await attempt("resources/list", () =>
        client.listResources(undefined, { timeout: remaining(), cacheMode: "bypass" }),
      );
      listing.resources = parseNamed(
        tap.results(section, "resources/list"),
        "resources",
        PROBE_LIMITS.prompts,
      );
    }
  }
  return listing;
}

async function callReadOnly(
  client: import("@modelcontextprotocol/client").Client,
  tools: ToolDefinition[],
  o: SessionOptions,
  remaining: () => number,
  race: Race,
): Promise<ProbeCall[]> {
  const calls: ProbeCall[] = [];
  for (const tool of tools.filter((t) => t.annotations?.readOnlyHint === true).slice(0, MAX_CALLS)) {
    if (remaining() < 500) break;
    const args = exampleArguments(tool.inputSchema);
    const from = Date.now();
    let outcome: ProbeCall["outcome"] = "ok";
    let text: string | undefined;
    try {
      const res = (await race(
        client.callTool(
          { name: tool.name, arguments: args },
          { timeout: Math.min(CALL_TIMEOUT_MS, remaining()) },
        ),
      )) as { isError?: unknown; content?: unknown };
      if (res.isError === true) outcome = "tool-error";
      text = contentText(res.content);
    } catch (err) {
      const line = oneLine(err);
      outcome = /timed? ?out/i.test(line) ? "timeout" : "protocol-error";
      text = line;
    }
    const to = Date.now();
    o.onCall?.(from, to);
    calls.push({
      tool: tool.name.slice(0, 200),
      arguments: canonicalJson(args).slice(0, 1000),
      outcome,
      ...(text ? { text: text.slice(0, 500) } : {}),
      ms: to - from,
    });
    if (/exited/.test(text ?? "")) break;
  }
  return calls;
}

function contentText(content: unknown): string | undefined {
  if (!Array.isArray(content)) return undefined;
  const texts = content
    .map((c) =>
      c && typeof c === "object" && typeof (c as { text?: unknown }).text === "string"
        ? (c as { text: string }).text
        : "",
    )
    .filter(Boolean);
  return texts.length ? texts.join("\n") : undefined;
}

export function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split("\n").find((l) => l.trim()) ?? "error").trim().slice(0, 300);
}

/** A wait that keeps the process alive: over HTTP nothing else may. */
function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
