import { TLSSocket } from "node:tls";
import { Agent, buildConnector, type Dispatcher, fetch as undiciFetch } from "undici";
import { z } from "zod";
import type { RemoteFacts } from "../../reports/model.js";
import type { FetchContext } from "../collect/context.js";
import { runSession } from "../collect/mcp/session.js";
import { networkSettings, tlsOptions } from "../collect/network.js";
import { TargetError } from "../collect/target.js";
import { errorLine } from "../errors.js";
import type { PinnedDefinition } from "../evidence/tool-definition.js";

/** The variable `tools --url` reads the Authorization header from; never a flag, never printed. */
export const AUTHORIZATION_ENV = "MCP_VET_AUTHORIZATION";

const TIMEOUT_MS = 20_000;

/**
 * A remote server's url as given on the command line or in a lock file: http(s) only, and
 * no credentials in it (they belong in MCP_VET_AUTHORIZATION, from where they are never printed).
 */
export function remoteUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TargetError(`${text.slice(0, 200)} is not a url`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new TargetError(`${redact(url)}: only http(s) urls are servers`);
  if (url.username || url.password)
    throw new TargetError(
      `${redact(url)} must not carry credentials: put the Authorization header in ${AUTHORIZATION_ENV}`,
    );
  return url;
}

/** Where a bearer token may go in the clear: https, or plain http to this machine. */
function mayCarryToken(url: URL): boolean {
  return url.protocol === "https:" || ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}
const MAX_BODY = 256 * 1024;
const DAY_MS = 86_400_000;

export interface RemoteInspection {
  facts: RemoteFacts;
  tools: PinnedDefinition[];
  notes: string[];
}

/**
 * `mcp-vet tools --url`: speaks MCP to a remote server over streamable HTTP (SSE when that
 * is all it speaks) with the SDK's client, and records what its endpoint shows: the TLS
 * version and certificate, whether `initialize` answers without credentials, and its OAuth
 * protected-resource metadata (RFC 9728). The Authorization header comes from
 * MCP_VET_AUTHORIZATION only and goes to this origin only.
 */
export async function inspectRemote(
  ctx: FetchContext,
  url: URL,
  env: NodeJS.ProcessEnv,
): Promise<RemoteInspection> {
  const tls: { info?: RemoteFacts["tls"] } = {};
  const dispatcher = capturingAgent(ctx, env, url, ctx.now, tls);
  const fetch = ((input: string | URL, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher } as Parameters<
      typeof undiciFetch
    >[1])) as unknown as typeof globalThis.fetch;
  const notes: string[] = [];
  const facts: RemoteFacts = {
    url: redact(url),
    transport: "none",
    withoutAuth: { status: null, answers: false },
  };
  try {
    const bare = await initializeWithoutAuth(fetch, url);
    facts.withoutAuth = { status: bare.status, answers: bare.answers };
    const metadata = await protectedResourceMetadata(fetch, url, bare.resourceMetadata);
    if (metadata) facts.oauth = metadata;
  } catch (err) {
    facts.error = line(err);
  }
  let authorization = env[AUTHORIZATION_ENV];
  if (authorization && !mayCarryToken(url)) {
    notes.push(`${AUTHORIZATION_ENV} not sent: the server is plain http on another machine`);
    authorization = undefined;
  }
  const headers: Record<string, string> = authorization ? { Authorization: authorization } : {};
  let tools: PinnedDefinition[] = [];
  const { StreamableHTTPClientTransport, SSEClientTransport } = await import("@modelcontextprotocol/client");
  for (const kind of ["streamable-http", "sse"] as const) {
    const transport =
      kind === "streamable-http"
        ? new StreamableHTTPClientTransport(url, { fetch, requestInit: { headers } })
        : new SSEClientTransport(url, {
            fetch,
            requestInit: { headers },
            eventSourceInit: { fetch } as never,
          });
    const session = await runSession(transport, {
      deadline: Date.now() + TIMEOUT_MS,
      secondListDelayMs: 0,
      call: false,
    });
    if (!session.started) {
      notes.push(`${kind}: ${scrub(session.failure ?? "no answer", authorization)}`);
      continue;
    }
    facts.transport = kind;
    if (session.server)
      facts.server = {
        ...(session.server.name ? { name: session.server.name } : {}),
        ...(session.server.version ? { version: session.server.version } : {}),
      };
    tools = session.first?.tools ?? [];
    if (session.first?.error) notes.push(`tools/list: ${scrub(session.first.error, authorization)}`);
    notes.push(...session.notes.map((n) => scrub(n, authorization)));
    break;
  }
  if (facts.transport === "none") facts.error ??= notes.at(-1) ?? "the server did not answer initialize";
  if (tls.info) facts.tls = tls.info;
  await dispatcher.close().catch(() => {});
  return { facts, tools, notes };
}

/** An agent with mcp-vet's CA settings that notes the first TLS connection's version and certificate. */
function capturingAgent(
  ctx: FetchContext,
  env: NodeJS.ProcessEnv,
  url: URL,
  now: string,
  out: { info?: RemoteFacts["tls"] },
): Dispatcher {
  const settings = networkSettings(ctx.registry.npmOptions, env);
  const base = buildConnector({
    ...tlsOptions(settings, env),
    timeout: TIMEOUT_MS,
  } as buildConnector.BuildOptions);
  return new Agent({
    connect: (opts, cb) =>
      base(opts, (err, socket) => {
        if (!err && socket instanceof TLSSocket && !out.info && opts.hostname === url.hostname) {
          const cert = socket.getPeerCertificate();
          const validTo = cert?.valid_to ? new Date(cert.valid_to) : undefined;
          out.info = {
            ...(socket.getProtocol() ? { version: socket.getProtocol()! } : {}),
            ...(cert?.issuer ? { issuer: dn(cert.issuer) } : {}),
            ...(cert?.subject ? { subject: dn(cert.subject) } : {}),
            ...(validTo && !Number.isNaN(validTo.getTime())
              ? {
                  validTo: validTo.toISOString(),
                  daysLeft: Math.floor((validTo.getTime() - Date.parse(now)) / DAY_MS),
                }
              : {}),
          };
        }
        // undici's callback types: either an error or a socket.
        (cb as (e: Error | null, s: typeof socket | null) => void)(err, socket);
      }),
  });
}

function dn(name: Record<string, string | string[] | undefined>): string {
  return Object.entries(name)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join("+") : v}`)
    .join(", ")
    .slice(0, 300);
}

/** An initialize request sent without credentials: what anyone on the network gets. */
async function initializeWithoutAuth(
  fetch: typeof globalThis.fetch,
  url: URL,
): Promise<{ status: number; answers: boolean; resourceMetadata?: string }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: {
        protocolVersion: "2025-06-18",
        capabilities: {},
        clientInfo: { name: "mcp-vet", version: "0" },
      },
    }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
    redirect: "manual",
  });
  const text = await readCapped(res);
  const answers = res.ok && /"result"\s*:/.test(text);
  const challenge = res.headers.get("www-authenticate") ?? "";
  const resourceMetadata = /resource_metadata="([^"]+)"/i.exec(challenge)?.[1];
  const session = res.headers.get("mcp-session-id");
  if (session && /^[\x21-\x7e]{1,200}$/.test(session))
    await fetch(url, {
      method: "DELETE",
      headers: { "mcp-session-id": session },
      signal: AbortSignal.timeout(5000),
    })
      .then((r) => r.body?.cancel())
      .catch(() => {});
  return { status: res.status, answers, ...(resourceMetadata ? { resourceMetadata } : {}) };
}

const ProtectedResource = z.object({
  resource: z.string().max(2000).optional().catch(undefined),
  authorization_servers: z.array(z.string().max(2000)).max(50).catch([]).default([]),
  scopes_supported: z.array(z.string().max(200)).max(200).catch([]).default([]),
});

/**
 * The server's protected-resource metadata: where its 401 points (`resource_metadata`), else
 * the RFC 9728 well-known places for the url's path, then for its origin. Only this origin
 * is asked.
 */
async function protectedResourceMetadata(
  fetch: typeof globalThis.fetch,
  url: URL,
  hinted: string | undefined,
): Promise<RemoteFacts["oauth"] | undefined> {
  const candidates: string[] = [];
  if (hinted) {
    try {
      const u = new URL(hinted, url);
      if (u.origin === url.origin) candidates.push(u.href);
    } catch {
      // Not a url: the well-known places still apply.
    }
  }
  const path = url.pathname.replace(/\/$/, "");
  if (path) candidates.push(`${url.origin}/.well-known/oauth-protected-resource${path}`);
  candidates.push(`${url.origin}/.well-known/oauth-protected-resource`);
  for (const candidate of [...new Set(candidates)]) {
    try {
      const res = await fetch(candidate, {
        headers: { accept: "application/json" },
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: "manual",
      });
      if (!res.ok) {
        await res.body?.cancel();
        continue;
      }
      const parsed = ProtectedResource.safeParse(JSON.parse(await readCapped(res)));
      if (!parsed.success) continue;
      return {
        metadataUrl: candidate,
        ...(parsed.data.resource ? { resource: parsed.data.resource } : {}),
        authorizationServers: parsed.data.authorization_servers,
        scopes: parsed.data.scopes_supported,
      };
    } catch {
      // The next place, if any.
    }
  }
  return undefined;
}

async function readCapped(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    if (size > MAX_BODY) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A url as the report shows it: no credentials, no query (tokens live there too). */
function redact(url: URL): string {
  const u = new URL(url.href);
  u.username = "";
  u.password = "";
  u.search = "";
  u.hash = "";
  return u.href;
}

/** The Authorization value never appears in what is recorded, even quoted by an error. */
function scrub(text: string, secret: string | undefined): string {
  if (!secret) return text;
  let out = text.split(secret).join("***");
  const token = secret.replace(/^\S+\s+/, "");
  if (token.length >= 8) out = out.split(token).join("***");
  return out;
}

/** errorLine, with the cause a fetch failure hides its reason in (ECONNREFUSED, a TLS error). */
function line(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : "";
  return errorLine(`${err instanceof Error ? err.message : String(err)}${cause}`);
}
