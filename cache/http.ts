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
  /**
   * The run's one dispatcher (createContext builds it with npm's proxy and CA settings),
   * passed explicitly to every request; never set globally. Undici's default when unset. A
   * function is called on the first request (a TLS context takes time to build, and a run
   * answered from the cache never needs it).
   */
  dispatcher?: Dispatcher | (() => Dispatcher);
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
  /**
   * The caller's deadline: it stops waiting when this fires. The request itself stops when
   * every caller sharing it (identical requests in flight are joined) has stopped waiting.
   */
  signal?: AbortSignal;
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

/** The caller's deadline fired before the answer came. */
export class AbortedError extends Error {
  constructor(url: string) {
    super(`cut at the deadline: ${redactUrl(url)}`);
    this.name = "AbortedError";
  }
}

export class ResponseTooLargeError extends Error {
  constructor(url: string, limit: number) {
    super(`response from ${redactUrl(url)} is larger than ${limit} bytes`);
    this.name = "ResponseTooLargeError";
  }
}

/**
 * A request that got no answer, said in words a user can act on. `code` is the system's or
 * undici's (ENOTFOUND, SELF_SIGNED_CERT_IN_CHAIN, …) and the original error is the cause.
 * `lasting`: asking again a second later will fail the same way (a name that does not
 * resolve, a certificate not trusted, a proxy that wants credentials), so nobody retries it.
 */
export class ConnectionError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly lasting: boolean,
    cause: unknown,
  ) {
    super(message, { cause });
    this.name = "ConnectionError";
  }
}

const DNS_FAILURES = new Set(["ENOTFOUND", "EAI_AGAIN"]);
/** Certificate errors that mean "signed by a CA this machine does not trust". */
const UNTRUSTED_ISSUER = new Set([
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_UNTRUSTED",
]);
const OTHER_CERT_ERRORS = new Set([
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_REVOKED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** A failure no retry will mend (see ConnectionError.lasting); looks through `cause`, as Octokit wraps. */
export function isLastingFailure(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    if (e instanceof ConnectionError) return e.lasting;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && DNS_FAILURES.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

function connectionError(err: unknown, url: string): unknown {
  const e = err as { code?: unknown; hostname?: unknown; message?: unknown } | undefined;
  const code = typeof e?.code === "string" ? e.code : undefined;
  const message = typeof e?.message === "string" ? e.message : "";
  const host = hostOf(url);
  if (code && DNS_FAILURES.has(code)) {
    // With a proxy, the name that failed may be the proxy's: the error says which.
    const name = typeof e?.hostname === "string" ? e.hostname : host;
    return new ConnectionError(`could not resolve ${name}`, code, true, err);
  }
  if (code && UNTRUSTED_ISSUER.has(code)) {
    return new ConnectionError(
      `TLS: the certificate of ${host} is not trusted (${message}); if a proxy or private CA signs it, point npm's cafile or NODE_EXTRA_CA_CERTS at that CA`,
      code,
      true,
      err,
    );
  }
  if (code && OTHER_CERT_ERRORS.has(code)) {
    return new ConnectionError(`TLS: the certificate of ${host} was rejected (${message})`, code, true, err);
  }
  const tunnel = /^Proxy response \((\d+)\)/.exec(message);
  if (tunnel) {
    const auth = tunnel[1] === "407";
    const hint = auth ? ": it wants credentials (http://user:password@host:port)" : "";
    return new ConnectionError(
      `the proxy refused a tunnel to ${host} (HTTP ${tunnel[1]})${hint}`,
      code,
      auth,
      err,
    );
  }
  return err;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "<invalid url>";
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

/** A request in flight and the callers waiting for it. */
interface Shared {
  promise: Promise<HttpResponse>;
  controller: AbortController;
  /** Callers still waiting; the request is aborted when the last one stops. */
  waiting: number;
}

export class HttpClient {
  readonly stats: HttpStats = { network: 0, cacheHits: 0, revalidated: 0, shared: 0 };
  private readonly inFlight = new Map<string, Shared>();
  /**
   * Hosts whose name did not resolve in this run, with the error: every later request to them
   * fails at once. A resolver that does not know a name can take seconds to say so (5 s each
   * under concurrency here), once per request of every target of an audit.
   */
  private readonly unresolved = new Map<string, ConnectionError>();

  private made: Dispatcher | undefined;

  constructor(private readonly options: HttpClientOptions) {}

  private dispatcher(): Dispatcher | undefined {
    const d = this.options.dispatcher;
    if (typeof d !== "function") return d;
    this.made ??= d();
    return this.made;
  }

  request(url: string, req: HttpRequest = {}): Promise<HttpResponse> {
    if (req.signal?.aborted) return Promise.reject(new AbortedError(url));
    const key = req.cacheKey ?? defaultKey(url, req);
    let shared = this.inFlight.get(key);
    if (shared) this.stats.shared++;
    else {
      const controller = new AbortController();
      const promise = this.fetchThroughCache(url, key, req, controller.signal).finally(() =>
        this.inFlight.delete(key),
      );
      shared = { promise, controller, waiting: 0 };
      this.inFlight.set(key, shared);
    }
    return this.wait(shared, url, req.signal);
  }

  /** The shared answer, or an AbortedError as soon as this caller's signal fires. */
  private wait(shared: Shared, url: string, signal: AbortSignal | undefined): Promise<HttpResponse> {
    shared.waiting++;
    if (!signal) {
      // A caller without a deadline keeps the request alive to the end.
      shared.waiting = Number.POSITIVE_INFINITY;
      return shared.promise;
    }
    return new Promise<HttpResponse>((resolve, reject) => {
      const onAbort = () => {
        if (--shared.waiting <= 0) shared.controller.abort();
        reject(new AbortedError(url));
      };
      signal.addEventListener("abort", onAbort, { once: true });
      shared.promise.then(
        (r) => {
          signal.removeEventListener("abort", onAbort);
          resolve(r);
        },
        (e: unknown) => {
          signal.removeEventListener("abort", onAbort);
          reject(e);
        },
      );
    });
  }

  /**
   * This client as seen by one target: every request carries `signal` (its deadline) unless it
   * brings its own. The store, the stats and the requests in flight are the same.
   */
  withSignal(signal: AbortSignal): HttpClient {
    const view = Object.create(this) as HttpClient;
    view.request = (url: string, req: HttpRequest = {}) => this.request(url, { signal, ...req });
    return view;
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

  private async fetchThroughCache(
    url: string,
    key: string,
    req: HttpRequest,
    signal: AbortSignal,
  ): Promise<HttpResponse> {
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
    const fresh = await this.send(url, req, headers, signal);
    if (fresh.status === 304 && stored) {
      this.stats.revalidated++;
      await this.writeStore(key, stored.response);
      return { ...stored.response, fromCache: true, revalidated: true };
    }
    if (fresh.status >= 200 && fresh.status < 300 && !req.noStore) await this.writeStore(key, fresh);
    return fresh;
  }

  private async send(
    url: string,
    req: HttpRequest,
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<HttpResponse> {
    const method = req.method ?? "GET";
    let body: string | undefined;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers["content-type"] = "application/json";
    }
    const known = this.unresolved.get(hostOf(url));
    if (known) throw known;
    this.stats.network++;
    const timeout = this.options.timeoutMs ?? 30_000;
    let res: Awaited<ReturnType<typeof request>>;
    try {
      res = await request(url, {
        method,
        headers,
        body,
        dispatcher: this.dispatcher(),
        headersTimeout: timeout,
        bodyTimeout: timeout,
        maxRedirections: 0,
        signal,
      } as Parameters<typeof request>[1]);
    } catch (err) {
      const failure = connectionError(err, url);
      if (failure instanceof ConnectionError && failure.code && DNS_FAILURES.has(failure.code))
        this.unresolved.set(hostOf(url), failure);
      throw failure;
    }
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
