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
