import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HttpClient } from "../../cache/http.js";
import type { FetchContext } from "../../src/fetchers/context.js";
import { NOW } from "./evidence.js";
import type { FixtureServer } from "./fixture-server.js";

/** A FetchContext pointed at a fixture server, with fresh caches unless `cacheDir` is given. */
export function fixtureContext(server: FixtureServer, overrides: Partial<FetchContext> = {}): FetchContext {
  const cacheDir = overrides.cacheDir ?? mkdtempSync(join(tmpdir(), "mcp-vet-test-cache-"));
  return {
    http: new HttpClient({
      cacheDir: join(cacheDir, "http"),
      timeoutMs: 5000,
      refresh: overrides.refresh === true,
      offline: overrides.offline === true,
    }),
    registry: { url: `${server.url()}/`, npmOptions: { cache: join(cacheDir, "npm") } },
    now: NOW,
    cacheDir,
    offline: false,
    refresh: false,
    githubApiUrl: server.url("/github"),
    osvApiUrl: server.url("/osv"),
    mcpRegistryUrl: server.url("/mcp-registry"),
    log: { debug() {}, warn() {} },
    ...overrides,
  };
}
