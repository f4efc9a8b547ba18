import { errorLine } from "../errors.js";

export { errorLine };

/**
 * Reads a stream into memory, failing once it passes `limit` bytes (hostile sizes).
 * Event-based like minipass's concat(), which npm's libraries use: their streams report
 * integrity failures as an 'error' that must reject, and async iteration over them leaks
 * listeners.
 */
export function readCapped(stream: NodeJS.ReadableStream, limit: number, what: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on("data", (chunk: Buffer | string) => {
      const b = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      size += b.length;
      if (size > limit) {
        reject(new Error(`the ${what} is larger than ${Math.round(limit / 1024 / 1024)} MB`));
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        return;
      }
      chunks.push(b);
    });
    stream.on("error", reject);
    stream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}

/**
 * One line describing why a source failed, safe to print: no stack, no headers, no token,
 * no query string. npm's and undici's error codes are turned into words.
 */
export function sourceError(err: unknown, offline: boolean): string {
  const e = err as { code?: string; statusCode?: number; message?: string; name?: string };
  if (offline && (e.code === "ENOTCACHED" || e.name === "OfflineMissError")) {
    return "not in the cache (--offline)";
  }
  if (e.statusCode) return `HTTP ${e.statusCode}`;
  // The HTTP client has already worded it, naming the host ("could not resolve api.osv.dev").
  if (e.name === "ConnectionError" && e.message) return scrub(e.message);
  switch (e.code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      return "connection reset";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "host not found";
    case "ETIMEDOUT":
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
    case "FETCH_ERROR":
      return e.message ? scrub(e.message) : "request failed";
    case "EINTEGRITY":
      return "integrity check failed: the tarball does not match the registry's checksum";
  }
  return scrub(e.message ?? String(err));
}

/** First line, urls stripped of credentials and queries, capped. */
function scrub(message: string): string {
  return errorLine(message);
}

/** A timestamp from a source as ISO 8601; undefined when missing or not a date. */
export function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** Retries after a 5xx or a network error, as GitHub's client is configured (octokit's retry plugin). */
export const DEFAULT_RETRIES = 2;

export type Outcome<T> = { value: T } | { error: unknown };

/**
 * Calls `attempt` until it gives an outcome that is not transient, or `retries` more tries
 * are spent; waits `baseMs × n²` before the n-th retry (250 ms, 1 s: octokit's back-off).
 * Returns the last value, or throws the last error.
 */
export async function retryTransient<T>(
  attempt: () => Promise<T>,
  options: {
    retries: number;
    isTransient: (outcome: Outcome<T>) => boolean;
    onRetry?: (outcome: Outcome<T>, delayMs: number) => void;
    baseMs?: number;
  },
): Promise<T> {
  for (let n = 0; ; n++) {
    let outcome: Outcome<T>;
    try {
      outcome = { value: await attempt() };
    } catch (error) {
      outcome = { error };
    }
    if (n >= options.retries || !options.isTransient(outcome)) {
      if ("value" in outcome) return outcome.value;
      throw outcome.error;
    }
    const delayMs = (options.baseMs ?? 250) * (n + 1) ** 2;
    options.onRetry?.(outcome, delayMs);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}
