/**
 * Evidence from MCP client configuration files (`mcp-vet config`): the client entry that
 * launches the server under vet. Plain data; values that look like credentials are stored
 * only in masked form, with the detector's classification.
 */

/** Clients whose configuration files mcp-vet knows how to find and read. */
export type ConfigClient =
  | "claude-desktop"
  | "claude-code"
  | "cursor"
  | "vscode"
  | "windsurf"
  | "cline"
  | "roo-code"
  | "zed"
  | "gemini-cli"
  | "amazon-q"
  | "copilot-cli"
  | "lm-studio"
  | "unknown";

export type ConfigScope = "user" | "project";

/** What the detector thinks a credential-looking value is. */
export type SecretKind =
  | "github-token"
  | "openai-key"
  | "anthropic-key"
  | "slack-token"
  | "aws-access-key"
  | "stripe-live-key"
  | "npm-token"
  | "google-api-key"
  | "jwt"
  | "private-key"
  | "connection-string-password"
  | "url-credentials"
  | "bearer-token"
  | "password"
  | "high-entropy"
  | "sendgrid-key"
  | "webhook-url"
  | "telegram-bot-token"
  | "url-path-secret"
  | "connection-string-secret"
  | "cookie"
  /** Any value under a name or flag that says it is a credential (`API_KEY`, `--token`, `-p`). */
  | "named-secret";

/** A JSON path inside the config file, as jsonc-parser spells it. */
export type JsonPath = (string | number)[];

/** One value the entry passes to the server (an env var, an argument, a header, the url). */
export interface ConfigValueFact {
  /**
   * `env`, `args`, `headers`, `url`, `cwd`, `settings` (Zed extension settings, by dotted key),
   * `command`, `key` (a server, env, header or settings name that is itself a credential; its
   * stored name is the mask) or `other` (any other string of the entry: `autoApprove`, unknown
   * fields; kept only when it holds a credential).
   */
  where: "env" | "args" | "headers" | "url" | "cwd" | "settings" | "command" | "key" | "other";
  /** The env var, header or settings key; for args, the flag name when written `--flag=value` or `KEY=value`. */
  key?: string;
  /** Index in `args`. */
  index?: number;
  /** The value with every detected secret masked (never the raw secret), capped. */
  masked: string;
  /** `${env:X}`, `${input:x}`, `${X}`, `$X` references the value contains. */
  references: string[];
  /** Set when the value holds a credential written into the file. */
  secret?: {
    kinds: SecretKind[];
    /** The env var name a fix should read the secret from. */
    envName: string;
    /** The value rewritten with a reference in the client's syntax (the secret part replaced). */
    replacement: string;
  };
  /** Where the value sits in the file, for `--fix`. */
  path: JsonPath;
  line?: number;
  /** For `key` facts: the key's offset in the file's text, where `--fix` renames it. */
  keyOffset?: number;
}

/** What an stdio entry runs, as far as its command line says. */
export type Launch =
  | {
      kind: "npm";
      runner: "npx" | "npm-exec" | "bunx" | "pnpm-dlx" | "yarn-dlx";
      /** The spec for the vet pipeline: `name`, `name@1.2.3`, `name@^1`, `name@latest`. */
      spec: string;
      name: string;
      /** What was asked for after `@`, if anything. */
      requested?: string;
      /** An exact version: what runs cannot change under the user. */
      pinned: boolean;
      /** `--ignore-scripts` or `npm_config_ignore_scripts=true`. */
      ignoreScripts: boolean;
      /**
       * A registry or npmrc the launch installs from (`--registry`, `npm_config_registry`,
       * `--userconfig`): not the registry mcp-vet vets against, so the package is not vetted.
       */
      registry?: string;
      /** Index of the spec in `args`, for pinning. */
      specIndex: number;
      /** Arguments after the spec, passed to the server. */
      serverArgs: string[];
    }
  /**
   * npx (or another runner) given a url, a git repository or a path instead of a registry
   * package: fetched and run with no registry, version or integrity in between.
   */
  | {
      kind: "npm-url";
      runner: "npx" | "npm-exec" | "bunx" | "pnpm-dlx" | "yarn-dlx";
      source: "remote" | "git" | "file" | "directory";
      /** The spec as written (masked). */
      spec: string;
      /** For `file` and `directory`: the path as npm resolves it (relative to where the client runs). */
      path?: string;
      ignoreScripts: boolean;
      specIndex: number;
      serverArgs: string[];
    }
  | { kind: "node"; script?: string; serverArgs: string[] }
  | {
      kind: "python";
      runner: "uvx" | "uv" | "pipx" | "python";
      package?: string;
      pinned: boolean;
      serverArgs: string[];
    }
  | {
      kind: "docker";
      image: string;
      tag?: string;
      digest?: string;
      mounts: { source: string; target?: string; readOnly: boolean }[];
      privileged: boolean;
      hostNetwork: boolean;
      serverArgs: string[];
    }
  | { kind: "binary"; command: string; serverArgs: string[] }
  | { kind: "remote"; url: string; transport: "http" | "sse" | "streamable-http" | "unknown" }
  | { kind: "extension"; id: string }
  | { kind: "unknown"; reason: string };

/** Another definition of the same server (same name or same target) elsewhere. */
export interface ConfigDuplicate {
  file: string;
  client: ConfigClient;
  name: string;
  line?: number;
  reason: "same-key-in-object" | "same-name" | "same-target";
  /** True when command, args, env, url and headers are the same. */
  sameSettings: boolean;
}

/** A path the entry gives the server: a positional argument, a `--dir=` value, a docker mount, cwd. */
export interface ConfigPathFact {
  value: string;
  source: "arg" | "mount" | "cwd";
  /** For mounts: `:ro` / `readonly`. */
  readOnly?: boolean;
}

export interface ConfigEntryEvidence {
  file: string;
  client: ConfigClient;
  scope: ConfigScope;
  /** Claude Code `~/.claude.json` per-project entries: the project folder. */
  project?: string;
  /** The server's name in the file (its key), capped. */
  name: string;
  line?: number;
  /** JSON path of the entry object, for `--fix`. */
  path: JsonPath;
  transport: "stdio" | "http" | "sse" | "streamable-http" | "unknown";
  /** The command as written (masked if it held a secret). */
  command?: string;
  args: ConfigValueFact[];
  env: ConfigValueFact[];
  headers: ConfigValueFact[];
  /** String values in Zed extension `settings` (API keys live there too). */
  settings: ConfigValueFact[];
  url?: ConfigValueFact;
  cwd?: ConfigValueFact;
  disabled: boolean;
  /** False when the client expands no `${VAR}` references (Claude Desktop, Cline, Zed): a fix must go through the environment the client starts from. */
  expandsReferences: boolean;
  /** Client flags that skip confirmation (Gemini `trust`, Cline `alwaysAllow`/`autoApprove`). */
  autoApprove: string[];
  launch: Launch;
  /**
   * The command, names that were credentials, and any other string of the entry holding one
   * (`autoApprove`, unknown fields): every credential in the entry is a fact `--fix` rewrites.
   */
  extra?: ConfigValueFact[];
  /** Wrappers taken off to find the launch, outermost first (`env`, `bash -lc`, `cmd /c`). */
  wrappers?: string[];
  /** Other commands a shell string runs beside the server (masked, capped). */
  alsoRuns?: string[];
  paths: ConfigPathFact[];
  duplicates: ConfigDuplicate[];
  /** Odd things about this entry, one line each. */
  notes: string[];
}
