import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HttpClient } from "../../cache/http.js";
import type { FetchContext } from "../../src/fetchers/context.js";
import { NOW } from "./evidence.js";

/** A FetchContext for fetcher tests: a fresh cache folder, every url pointed at the fixture server. */
export async function fetchContext(
  origin: string,
  overrides: Partial<FetchContext> = {},
): Promise<FetchContext & { cleanup(): Promise<void> }> {
  const cacheDir = overrides.cacheDir ?? (await mkdtemp(join(tmpdir(), "mcp-vet-test-")));
  const offline = overrides.offline ?? false;
  const refresh = overrides.refresh ?? false;
  return {
    http: new HttpClient({ cacheDir, offline, refresh, timeoutMs: 5000 }),
    registry: { url: `${origin}/`, npmOptions: {} },
    now: NOW,
    cacheDir,
    offline,
    refresh,
    githubApiUrl: `${origin}/github`,
    osvApiUrl: `${origin}/osv`,
    mcpRegistryUrl: `${origin}/mcp-registry`,
    log: { debug() {}, warn() {} },
    ...overrides,
    cleanup: () => rm(cacheDir, { recursive: true, force: true }),
  };
}
