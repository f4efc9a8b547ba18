import cacache from "cacache";

/**
 * Remembers that a url answered 404, for endpoints that are absent on most registries
 * (npm's keys and attestations on mirrors): without it every warm run would ask again.
 * Stored in the shared cacache store under its own key space.
 */
export async function knownMissing(cacheDir: string, url: string, ttlSeconds: number): Promise<boolean> {
  try {
    const info = await cacache.get.info(cacheDir, key(url));
    return info !== null && Date.now() - info.time < ttlSeconds * 1000;
  } catch {
    return false;
  }
}

export async function rememberMissing(cacheDir: string, url: string): Promise<void> {
  try {
    await cacache.put(cacheDir, key(url), "404");
  } catch {
    // A read-only cache only costs the next run a request.
  }
}

function key(url: string): string {
  return `mcp-vet:missing:${url}`;
}
