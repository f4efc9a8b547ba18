import type { HttpClient, HttpResponse } from "../../cache/http.js";

/**
 * A WHATWG `fetch` over the shared HttpClient, for libraries that take a fetch function
 * (Octokit's `request: { fetch }`): every GET they make is cached, revalidated with ETag and
 * counted in the client's stats like any other request. GET only; anything else is refused
 * rather than cached.
 */
export interface FetchViaOptions {
  /**
   * The origin (scheme://host:port) a credential belongs to. Requests elsewhere lose their
   * Authorization header, and redirects are followed only within it.
   */
  origin: string;
  /** Seconds a stored answer may be used without asking; read on each request. */
  ttlSeconds: () => number;
  maxBytes?: number;
  /** Called for every answer, redirect hops included (for budgets and counts). */
  onResponse?: (url: string, response: HttpResponse) => void;
}

/** Set on each Response: `network` (a full answer), `revalidated` (a 304), `hit` (no request). */
export const CACHE_STATUS_HEADER = "x-mcp-vet-cache";

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 2;
// Statuses the Response constructor refuses a body for.
const NULL_BODY = new Set([101, 204, 205, 304]);

export function fetchVia(http: HttpClient, options: FetchViaOptions): typeof fetch {
  return async (input, init) => {
    const method = (init?.method ?? "GET").toUpperCase();
    if (method !== "GET") throw new TypeError(`only GET requests go through the cache, not ${method}`);
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => {
      headers[key] = value;
    });
    let url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    for (let hop = 0; ; hop++) {
      const sameOrigin = new URL(url).origin === options.origin;
      const res = await http.request(url, {
        headers: sameOrigin ? headers : withoutCredentials(headers),
        ttlSeconds: options.ttlSeconds(),
        maxBytes: options.maxBytes,
        ...(init?.signal ? { signal: init.signal } : {}),
      });
      options.onResponse?.(url, res);
      const location = res.headers.location;
      if (REDIRECTS.has(res.status) && location && hop < MAX_REDIRECTS) {
        const next = new URL(location, url);
        // A redirect to another host is handed back as is: the caller sees an odd answer,
        // and the credential never leaves its host.
        if (next.origin === options.origin) {
          url = next.href;
          continue;
        }
      }
      return toResponse(res);
    }
  };
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  const out = { ...headers };
  delete out.authorization;
  delete out.cookie;
  return out;
}

function toResponse(res: HttpResponse): Response {
  const headers = new Headers(res.headers);
  headers.set(CACHE_STATUS_HEADER, res.revalidated ? "revalidated" : res.fromCache ? "hit" : "network");
  // A 304 served from the store reaches the caller as the stored 200.
  const status = res.status;
  const body = NULL_BODY.has(status) ? null : new Uint8Array(res.body);
  return new Response(body, { status, headers });
}
