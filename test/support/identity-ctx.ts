import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HttpClient } from "../../cache/http.js";
import type { FetchContext } from "../../src/fetchers/context.js";
import { NOW } from "./evidence.js";
import type { FixtureServer } from "./fixture-server.js";

/** A FetchContext pointed at the fixture server, with a fresh cache folder. */
export function fixtureContext(server: FixtureServer, overrides: Partial<FetchContext> = {}): FetchContext {
  const cacheDir = mkdtempSync(join(tmpdir(), "mcp-vet-id-"));
  return {
    http: new HttpClient({ cacheDir, timeoutMs: 5000 }),
    registry: {
      url: `${server.url()}/`,
      npmOptions: { cache: join(cacheDir, "npm"), retry: { retries: 0 } },
    },
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
