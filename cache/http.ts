import { createHash } from "node:crypto";
import cacache from "cacache";
import { type Dispatcher, request } from "undici";

/**
 * The one HTTP client every non-registry fetcher (GitHub, OSV, MCP registry) goes through.
 * It keeps a cacache store beside npm-registry-fetch's, revalidates with ETag /
 * Last-Modified (a 304 costs GitHub no rate limit), collapses identical requests in flight
 * (an audit asks once however many targets need the same thing), caps body sizes, and
 * serves `--offline` runs from the store alone.
 */
export interface HttpClientOptions {
  /** Folder for the cacache store. */
  cacheDir: string;
  /** Cache only: a miss is an OfflineMissError. */
  offline?: boolean;
  /** Revalidate every cached entry, whatever its age. */
  refresh?: boolean;
  /** Passed explicitly to undici (tests use it for mocks and proxies); never set globally. */
  dispatcher?: Dispatcher;
  /** Per-request timeout for headers and body, ms. */
  timeoutMs?: number;
}

export interface HttpRequest {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** JSON-serialisable body for POST. */
  body?: unknown;
  /** Seconds a stored answer is used without asking again. 0: always revalidate. */
  ttlSeconds?: number;
  /** Key for the store; defaults to method + url (+ body hash for POST). Never include a token. */
  cacheKey?: string;
  /** Largest body accepted, bytes. */
  maxBytes?: number;
  /** Do not store the answer (e.g. rate-limit probes). */
  noStore?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Answered from the store without a request. */
  fromCache: boolean;
  /** Answered by a 304 against the stored copy. */
  revalidated: boolean;
}

export class OfflineMissError extends Error {
  constructor(url: string) {
    super(`not in the cache and --offline is set: ${redactUrl(url)}`);
    this.name = "OfflineMissError";
  }
}

export class ResponseTooLargeError extends Error {
  constructor(url: string, limit: number) {
    super(`response from ${redactUrl(url)} is larger than ${limit} bytes`);
    this.name = "ResponseTooLargeError";
  }
}

interface StoredMeta {
  status: number;
  headers: Record<string, string>;
  storedAt: number;
}

export interface HttpStats {
  /** Requests that went to the network (including conditional ones). */
  network: number;
  /** Answered from the store with no request. */
  cacheHits: number;
  /** 304s: stored copy confirmed. */
  revalidated: number;
  /** Requests that joined an identical one already in flight. */
  shared: number;
}

const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
const KEPT_HEADERS = [
  "etag",
  "last-modified",
  "content-type",
  "link",
  "x-ratelimit-remaining",
  "x-ratelimit-reset",
];

export class HttpClient {
  readonly stats: HttpStats = { network: 0, cacheHits: 0, revalidated: 0, shared: 0 };
  private readonly inFlight = new Map<string, Promise<HttpResponse>>();

  constructor(private readonly options: HttpClientOptions) {}

  request(url: string, req: HttpRequest = {}): Promise<HttpResponse> {
    const key = req.cacheKey ?? defaultKey(url, req);
    const pending = this.inFlight.get(key);
    if (pending) {
      this.stats.shared++;
      return pending;
    }
    const p = this.fetchThroughCache(url, key, req).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, p);
    return p;
  }

  /** GET (or POST) and parse JSON; non-2xx answers are returned for the caller to judge. */
  async json(
    url: string,
    req: HttpRequest = {},
  ): Promise<{ status: number; data: unknown; response: HttpResponse }> {
    const response = await this.request(url, req);
    let data: unknown;
    try {
      data = response.body.length ? JSON.parse(response.body.toString("utf8")) : undefined;
    } catch {
      throw new Error(`${redactUrl(url)} answered ${response.status} with a body that is not JSON`);
    }
    return { status: response.status, data, response };
  }

  private async fetchThroughCache(url: string, key: string, req: HttpRequest): Promise<HttpResponse> {
    const stored = await this.readStore(key);
    const ttl = (req.ttlSeconds ?? 0) * 1000;
    if (
      stored &&
      (this.options.offline || (!this.options.refresh && Date.now() - stored.meta.storedAt < ttl))
    ) {
      this.stats.cacheHits++;
      return { ...stored.response, fromCache: true, revalidated: false };
    }
    if (this.options.offline) throw new OfflineMissError(url);

    const headers: Record<string, string> = { "user-agent": "mcp-vet", ...req.headers };
    if (stored) {
      const etag = stored.meta.headers.etag;
      const lastModified = stored.meta.headers["last-modified"];
      if (etag) headers["if-none-match"] = etag;
      else if (lastModified) headers["if-modified-since"] = lastModified;
    }
    const fresh = await this.send(url, req, headers);
    if (fresh.status === 304 && stored) {
      this.stats.revalidated++;
      await this.writeStore(key, stored.response);
      return { ...stored.response, fromCache: true, revalidated: true };
    }
    if (fresh.status >= 200 && fresh.status < 300 && !req.noStore) await this.writeStore(key, fresh);
    return fresh;
  }

  private async send(url: string, req: HttpRequest, headers: Record<string, string>): Promise<HttpResponse> {
    const method = req.method ?? "GET";
    let body: string | undefined;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers["content-type"] = "application/json";
    }
    this.stats.network++;
    const timeout = this.options.timeoutMs ?? 30_000;
    const res = await request(url, {
      method,
      headers,
      body,
      dispatcher: this.options.dispatcher,
      headersTimeout: timeout,
      bodyTimeout: timeout,
      maxRedirections: 0,
    } as Parameters<typeof request>[1]);
    const limit = req.maxBytes ?? DEFAULT_MAX_BYTES;
    const declared = Number(res.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) {
      res.body.destroy();
      throw new ResponseTooLargeError(url, limit);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > limit) {
        res.body.destroy();
        throw new ResponseTooLargeError(url, limit);
      }
      chunks.push(chunk as Buffer);
    }
    return {
      status: res.statusCode,
      headers: flattenHeaders(res.headers),
      body: Buffer.concat(chunks),
      fromCache: false,
      revalidated: false,
    };
  }

  private async readStore(key: string): Promise<{ meta: StoredMeta; response: HttpResponse } | undefined> {
    try {
      const entry = await cacache.get(this.options.cacheDir, key);
      const meta = entry.metadata as StoredMeta;
      return {
        meta,
        response: {
          status: meta.status,
          headers: meta.headers,
          body: entry.data,
          fromCache: true,
          revalidated: false,
        },
      };
    } catch {
      return undefined;
    }
  }

  private async writeStore(key: string, response: HttpResponse): Promise<void> {
    const headers: Record<string, string> = {};
    for (const h of KEPT_HEADERS) if (response.headers[h]) headers[h] = response.headers[h];
    const meta: StoredMeta = { status: response.status, headers, storedAt: Date.now() };
    try {
      await cacache.put(this.options.cacheDir, key, response.body, { metadata: meta });
    } catch {
      // A cache that cannot be written (read-only disk) slows later runs; it never fails this one.
    }
  }
}

function defaultKey(url: string, req: HttpRequest): string {
  const method = req.method ?? "GET";
  if (req.body === undefined) return `mcp-vet:${method}:${url}`;
  const digest = createHash("sha256").update(JSON.stringify(req.body)).digest("hex");
  return `mcp-vet:${method}:${url}:${digest}`;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

/** A url safe to print: credentials and query strings (which may carry tokens) removed. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    if (u.search) u.search = "?…";
    return u.toString();
  } catch {
    return "<invalid url>";
  }
}
