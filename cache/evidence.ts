import cacache from "cacache";

/**
 * Stores analysed evidence by content: the package files' analysis is a pure function of the
 * tarball (named by its integrity) and of mcp-vet's version, so a warm run, or an audit that
 * meets the same tarball twice, reuses it instead of fetching and parsing again.
 */
export async function getEvidence<T>(cacheDir: string, key: string): Promise<T | undefined> {
  try {
    const { data } = await cacache.get(cacheDir, `mcp-vet:evidence:${key}`);
    return JSON.parse(data.toString("utf8")) as T;
  } catch {
    return undefined;
  }
}

export async function putEvidence(cacheDir: string, key: string, value: unknown): Promise<void> {
  try {
    await cacache.put(cacheDir, `mcp-vet:evidence:${key}`, JSON.stringify(value));
  } catch {
    // A cache that cannot be written costs the next run time, never this one's answer.
  }
}
