import { homedir } from "node:os";
import { join } from "node:path";
import { HttpClient } from "../../cache/http.js";
import { CacheStore } from "../../cache/store.js";
import { createDispatcher, describeNetwork, networkSettings, npmAgent } from "./network.js";
import { loadRegistryConfig, plainRegistryConfig, type RegistryConfig } from "./npm-config.js";
import type { PackumentLayer } from "./packuments.js";

export type { RegistryConfig };

export interface Logger {
  /** Shown with --verbose only; never pass a token or an Authorization header here. */
  debug(message: string): void;
  /** Shown unless --quiet. */
  warn(message: string): void;
}

/**
 * Everything a fetcher may use. Fetchers are the only code that does I/O; they return a
 * Part (data or the recorded reason it is missing) and never throw for a source failure.
 */
export interface FetchContext {
  http: HttpClient;
  /** mcp-vet's own records (evidence, trees, remembered 404s) in the store HTTP and npm share. */
  store: CacheStore;
  registry: RegistryConfig;
  /** The run's clock (ISO); also written into Evidence.collectedAt. */
  now: string;
  /** The cache folder as the user named it (the store is its `_cacache`). */
  cacheDir: string;
  offline: boolean;
  refresh: boolean;
  /**
   * How long a cached registry answer (a packument, a resolved tree) is used without asking
   * the registry again: the policy's `freshness.registryHours` (default a day).
   */
  registryFreshnessMs?: number;
  githubApiUrl: string;
  /** From GITHUB_TOKEN or GH_TOKEN only; sent only to githubApiUrl's host. */
  githubToken?: string;
  osvApiUrl: string;
  /** Offline OSV export (folder or zip) used instead of the API. */
  osvDb?: string;
  mcpRegistryUrl: string;
  /**
   * Aborted at the target's deadline (see pipeline.ts): fetchers pass it to their requests,
   * and nothing is stored once it has fired. Unset outside a vet.
   */
  signal?: AbortSignal;
  /** The deadline of one target, ms; unset: none. `--timeout`, 60 s by default in the CLI. */
  timeoutMs?: number;
  /** The run's packument layer (packumentsOf), made on first use; copies of the context share it. */
  packuments?: { layer?: PackumentLayer };
  /** Retries of an OSV request after a 5xx or a network error (default 2, as GitHub's); tests set 0. */
  retries?: number;
  log: Logger;
}

export interface RunOptions {
  cacheDir?: string;
  registry?: string;
  /** Read the user's npmrc files (CLI: yes; library callers and tests may say no). */
  useNpmConfig?: boolean;
  offline?: boolean;
  refresh?: boolean;
  /** See FetchContext.registryFreshnessMs. */
  registryFreshnessMs?: number;
  githubApiUrl?: string;
  osvApiUrl?: string;
  osvDb?: string;
  mcpRegistryUrl?: string;
  env?: NodeJS.ProcessEnv;
  log?: Logger;
  /** The run's clock; defaults to now. Tests pin it. */
  now?: string;
  /** Seconds one target may take (`--timeout`); past it the vet is cut and incomplete. 0 or unset: none. */
  timeout?: number;
}

export const DEFAULT_URLS = {
  github: "https://api.github.com",
  osv: "https://api.osv.dev",
  mcpRegistry: "https://registry.modelcontextprotocol.io",
} as const;

const silent: Logger = { debug() {}, warn() {} };

/**
 * Builds the one FetchContext a run shares: one cache, one registry config, and one HTTP
 * client whose single dispatcher carries the proxy and CA settings npm uses to every
 * GitHub, OSV and MCP registry request. npm's libraries get one agent for the run too.
 */
export async function createContext(options: RunOptions = {}): Promise<FetchContext> {
  const env = options.env ?? process.env;
  const cacheDir = options.cacheDir ?? defaultCacheDir(env);
  const store = join(cacheDir, "_cacache");
  const flags = { cachePath: store, offline: options.offline ?? false, refresh: options.refresh ?? false };
  const registry =
    options.useNpmConfig === false
      ? plainRegistryConfig(options.registry ?? "https://registry.npmjs.org/", flags)
      : await loadRegistryConfig({ ...flags, registry: options.registry, env });
  const githubToken = env.GITHUB_TOKEN || env.GH_TOKEN || undefined;
  const log = options.log ?? silent;
  const network = networkSettings(registry.npmOptions, env);
  log.debug(describeNetwork(network));
  if (!network.strictSsl) {
    log.warn(
      "strict-ssl is false in the npm config: certificates are not checked, for the registry nor for GitHub, OSV and the MCP registry",
    );
  }
  // Built on the first request: its TLS context parses the CA bundle (see HttpClientOptions).
  const dispatcher = () => createDispatcher(network, env);
  // npm-registry-fetch, pacote and arborist all pass `agent` through to every request.
  const agent = npmAgent(registry.npmOptions, env);
  if (agent) {
    registry.npmOptions.agent = agent;
    // The agent's TLS context holds the CAs. Left in the options, the bundle travels with every
    // request and Node's agent joins it into each socket-pool name, several times a request
    // (200 KB each time: most of a second over a few hundred packuments).
    delete registry.npmOptions.ca;
  }
  return {
    http: new HttpClient({ cacheDir: store, offline: flags.offline, refresh: flags.refresh, dispatcher }),
    store: new CacheStore(store),
    registry,
    packuments: {},
    now: options.now ?? new Date().toISOString(),
    cacheDir,
    offline: flags.offline,
    refresh: flags.refresh,
    ...(options.registryFreshnessMs !== undefined
      ? { registryFreshnessMs: options.registryFreshnessMs }
      : {}),
    githubApiUrl: (options.githubApiUrl ?? env.GITHUB_API_URL ?? DEFAULT_URLS.github).replace(/\/$/, ""),
    githubToken,
    osvApiUrl: (options.osvApiUrl ?? DEFAULT_URLS.osv).replace(/\/$/, ""),
    osvDb: options.osvDb,
    mcpRegistryUrl: (options.mcpRegistryUrl ?? DEFAULT_URLS.mcpRegistry).replace(/\/$/, ""),
    log,
    ...(options.timeout ? { timeoutMs: options.timeout * 1000 } : {}),
  };
}

/** The platform's user cache folder, as other CLI tools use it. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.HOME || env.USERPROFILE || homedir();
  switch (process.platform) {
    case "darwin":
      return join(home, "Library", "Caches", "mcp-vet");
    case "win32":
      return join(env.LOCALAPPDATA || join(home, "AppData", "Local"), "mcp-vet", "Cache");
    default:
      return join(env.XDG_CACHE_HOME || join(home, ".cache"), "mcp-vet");
  }
}
