// Minimal types for npm's own libraries that ship none. Only what mcp-vet uses.
declare module "@npmcli/config" {
  interface ConfigOptions {
    definitions: unknown;
    shorthands: unknown;
    flatten: unknown;
    nerfDarts?: unknown;
    npmPath: string;
    argv?: string[];
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    excludeNpmCwd?: boolean;
    warn?: boolean;
  }
  export default class Config {
    constructor(options: ConfigOptions);
    load(): Promise<void>;
    readonly flat: unknown;
  }
}

declare module "@npmcli/config/lib/definitions/index.js" {
  const defs: { definitions: unknown; shorthands: unknown; flatten: unknown; nerfDarts: unknown };
  export default defs;
}

declare module "npm-pick-manifest" {
  interface PickOptions {
    defaultTag?: string;
    before?: string | Date;
  }
  export default function pickManifest<T>(packument: unknown, wanted: string, opts?: PickOptions): T;
}

declare module "npm-normalize-package-bin" {
  /** Rewrites `bin` in place to npm's normal form (an object of command → relative path) and returns pkg. */
  export default function normalizeBin<T extends { name?: string; bin?: unknown }>(
    pkg: T,
  ): Omit<T, "bin"> & { bin?: Record<string, string> };
}

declare module "@npmcli/agent" {
  import type { AgentOptions, Agent as HttpAgent } from "node:http";
  import type { SecureContext } from "node:tls";

  interface NpmAgentOptions extends AgentOptions {
    proxy?: string;
    noProxy?: string;
    /** Idle timeout, ms. */
    timeout?: number;
    localAddress?: string;
    secureContext?: SecureContext;
  }
  /** npm's keep-alive agent with proxy support (the one npm-registry-fetch builds per request options). */
  export class Agent extends HttpAgent {
    constructor(options?: NpmAgentOptions);
    /** Opens the socket for a request (agent-base's hook); `options` are the connection's. */
    connect(
      request: unknown,
      options: { secureEndpoint?: boolean; secureContext?: SecureContext },
    ): Promise<unknown>;
  }
}
