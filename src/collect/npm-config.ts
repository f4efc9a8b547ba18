import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Config from "@npmcli/config";
import npmConfigDefinitions from "@npmcli/config/lib/definitions/index.js";

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

export interface NpmConfigOptions {
  /** --registry: replaces the default registry (scoped registries from npmrc still apply). */
  registry?: string;
  /** Folder for the npm-registry-fetch cacache store (mcp-vet's, not npm's). */
  cachePath: string;
  offline: boolean;
  refresh: boolean;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Reads npm's configuration the way npm does (builtin, global, user and project npmrc files
 * and npm_config_* variables) with @npmcli/config, so a private registry, scoped registries
 * and their auth just work. mcp-vet's own flags are not npm's: argv is not handed over.
 */
export async function loadRegistryConfig(options: NpmConfigOptions): Promise<RegistryConfig> {
  const config = new Config({
    definitions: npmConfigDefinitions.definitions,
    shorthands: npmConfigDefinitions.shorthands,
    flatten: npmConfigDefinitions.flatten,
    nerfDarts: npmConfigDefinitions.nerfDarts,
    npmPath: findNpmPath(),
    argv: [process.execPath, "mcp-vet"],
    env: options.env ?? process.env,
    cwd: options.cwd ?? process.cwd(),
    excludeNpmCwd: true,
    warn: false,
  });
  await config.load();
  const flat = { ...(config.flat as Record<string, unknown>) };
  const registry = withSlash(options.registry ?? String(flat.registry ?? "https://registry.npmjs.org/"));
  return { url: registry, npmOptions: { ...flat, ...mcpVetNpmOptions(registry, options) } };
}

/** What mcp-vet sets whatever the npm config says. */
function mcpVetNpmOptions(
  registry: string,
  options: Omit<NpmConfigOptions, "registry">,
): Record<string, unknown> {
  return {
    registry,
    cache: options.cachePath,
    offline: options.offline,
    preferOnline: options.refresh,
    // Never run anything of the package under test, whatever npmrc says.
    ignoreScripts: true,
    // Full metadata: publish times, scripts and deprecations are not in the abbreviated document.
    fullMetadata: true,
    ...INTERACTIVE_RETRY,
  };
}

/**
 * npm retries a failing request for up to a minute (10 s then 60 s back-off). A vet is
 * interactive: one quick retry, then the source is reported unavailable.
 */
const INTERACTIVE_RETRY = {
  retry: { retries: 1, factor: 2, minTimeout: 250, maxTimeout: 1000 },
  timeout: 30_000,
};

/** Registry config without reading npmrc files: for tests and library callers. */
export function plainRegistryConfig(
  url: string,
  options: Omit<NpmConfigOptions, "registry">,
): RegistryConfig {
  const registry = withSlash(url);
  return { url: registry, npmOptions: mcpVetNpmOptions(registry, options) };
}

function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

/** npm's own folder, for its builtin npmrc; a missing one is fine (no builtin config). */
function findNpmPath(): string {
  const candidates = [
    resolve(dirname(process.execPath), "../lib/node_modules/npm"),
    resolve(dirname(process.execPath), "node_modules/npm"),
  ];
  return candidates.find((p) => existsSync(join(p, "package.json"))) ?? candidates[0]!;
}
