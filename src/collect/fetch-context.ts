import type { HttpClient } from "../../cache/http.js";

/** How to reach the npm registry, as npm itself would (registry url, auth, cache). */
export interface RegistryConfig {
  /** Default registry, with a trailing slash. */
  url: string;
  /**
   * Options handed to npm-registry-fetch / pacote / arborist untouched: scoped registries
   * (`@scope:registry`), auth (`//host/:_authToken`), cache path, offline flags. npm's own
   * libraries send each credential only to its own host.
   */
  npmOptions: Record<string, unknown>;
}

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
  registry: RegistryConfig;
  /** The run's clock (ISO); also written into Evidence.collectedAt. */
  now: string;
  cacheDir: string;
  offline: boolean;
  refresh: boolean;
  githubApiUrl: string;
  /** From GITHUB_TOKEN or GH_TOKEN only; sent only to githubApiUrl's host. */
  githubToken?: string;
  osvApiUrl: string;
  /** Offline OSV export (folder or zip) used instead of the API. */
  osvDb?: string;
  mcpRegistryUrl: string;
  /** Retries of an OSV request after a 5xx or a network error (default 2, as GitHub's); tests set 0. */
  retries?: number;
  log: Logger;
}
