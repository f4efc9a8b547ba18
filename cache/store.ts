import cacache from "cacache";

/** mcp-vet's own records, each kind in its own key space of the store. */
export type RecordKind = "evidence" | "tree" | "missing";

/**
 * mcp-vet's records in the one cacache store that the HTTP client and npm's libraries share:
 * analysed evidence (named by tarball integrity), resolved dependency trees, and URLs known to
 * answer 404. A store without a path keeps nothing. Every failure reads as a miss: a cache
 * that cannot be read or written costs the next run time, never this run's answer.
 */
export class CacheStore {
  constructor(readonly path: string | undefined) {}

  /** The stored value, if there is one no older than `maxAgeMs` (any age when absent). */
  async get<T>(kind: RecordKind, key: string, maxAgeMs?: number): Promise<T | undefined> {
    if (!this.path) return undefined;
    try {
      if (maxAgeMs !== undefined) {
        const info = await cacache.get.info(this.path, keyOf(kind, key));
        if (!info || Date.now() - info.time > maxAgeMs) return undefined;
      }
      const { data } = await cacache.get(this.path, keyOf(kind, key));
      return JSON.parse(data.toString("utf8")) as T;
    } catch {
      return undefined;
    }
  }

  async put(kind: RecordKind, key: string, value: unknown): Promise<void> {
    if (!this.path) return;
    try {
      await cacache.put(this.path, keyOf(kind, key), JSON.stringify(value));
    } catch {
      // A read-only or full cache only costs the next run.
    }
  }
}

function keyOf(kind: RecordKind, key: string): string {
  return `mcp-vet:${kind}:${key}`;
}
