import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HttpClient } from "../../cache/http.js";
import { CacheStore } from "../../cache/store.js";
import type { FetchContext } from "../../src/collect/context.js";
import { NOW } from "./evidence.js";
import type { FixtureServer } from "./fixture-server.js";

/**
 * A FetchContext whose every url points at a fixture server's origin, with fresh caches
 * unless `cacheDir` is given, the run's clock pinned, and no retries (a fault is answered
 * once, so tests stay fast).
 */
export function contextAt(origin: string, overrides: Partial<FetchContext> = {}): FetchContext {
  const cacheDir = overrides.cacheDir ?? mkdtempSync(join(tmpdir(), "mcp-vet-test-cache-"));
  const offline = overrides.offline ?? false;
  const refresh = overrides.refresh ?? false;
  return {
    http: new HttpClient({ cacheDir: join(cacheDir, "http"), timeoutMs: 5000, refresh, offline }),
    store: new CacheStore(join(cacheDir, "npm")),
    registry: { url: `${origin}/`, npmOptions: { cache: join(cacheDir, "npm"), retry: { retries: 0 } } },
    now: NOW,
    cacheDir,
    offline,
    refresh,
    githubApiUrl: `${origin}/github`,
    osvApiUrl: `${origin}/osv`,
    mcpRegistryUrl: `${origin}/mcp-registry`,
    retries: 0,
    log: { debug() {}, warn() {} },
    ...overrides,
  };
}

export function fixtureContext(server: FixtureServer, overrides: Partial<FetchContext> = {}): FetchContext {
  return contextAt(server.url(), overrides);
}

/** contextAt, with a cleanup() that removes its cache folder. */
export async function fetchContext(
  origin: string,
  overrides: Partial<FetchContext> = {},
): Promise<FetchContext & { cleanup(): Promise<void> }> {
  const ctx = contextAt(origin, overrides);
  return { ...ctx, cleanup: () => rm(ctx.cacheDir, { recursive: true, force: true }) };
}
