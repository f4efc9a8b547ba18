/**
 * What the server did when it was installed and started inside a sandbox with no network
 * (`--probe`): the install scripts, watched; the MCP surface it answered with, listed twice;
 * every file it opened, connection it attempted and program it ran, each with its time and
 * phase. Everything quoted here came from hostile code: capped, and escaped at render time.
 */
import type { PinnedDefinition } from "./tool-definition.js";

/** When an event happened: running install scripts, starting and listing, or answering a `--probe-call`. */
export type ProbePhase = "install" | "run" | "call";

export type ProbeEventKind =
  /** A file opened for reading (or a folder listed). */
  | "open"
  /** A file opened for writing, created, removed or renamed, or a folder made, outside /tmp. */
  | "write"
  | "connect"
  /** A DNS query for a name (sent to the sandbox's resolver, which does not answer). */
  | "dns"
  | "exec";

export interface ProbeEvent {
  kind: ProbeEventKind;
  phase: ProbePhase;
  /** Milliseconds since the phase's sandbox started. */
  t: number;
  /** The process, numbered from 1 in the order the probe saw them (pids are the host's business). */
  proc: number;
  /** open/write/exec: the path inside the sandbox (`~` for the canary home). */
  path?: string;
  /** connect: `1.2.3.4:443`, `[::1]:80`, `unix:/path`; dns: the name asked for. */
  address?: string;
  /** exec: the arguments, capped. */
  argv?: string[];
  /** write: what was done (`open-write`, `create`, `unlink`, `rename`, `mkdir`). */
  op?: string;
  /** The call's result: `ok`, or the errno name (`ENETUNREACH`, `EROFS`, `ENOENT`). */
  result: string;
  /** Set when the path is a planted canary: its id (`ssh-key`, `aws-credentials`, ...). */
  canary?: string;
  /** install: the package and hook whose script did it (`esbuild postinstall`). */
  script?: string;
}

export interface ProbeCanary {
  id: string;
  kind: "file" | "env";
  /** file: where it was planted, `~/.ssh/id_rsa`; env: the variable's name. */
  where: string;
}

export type ProbeLimitKind = "wall-clock" | "cpu" | "memory" | "output" | "processes" | "trace";

export interface ProbeLimitHit {
  limit: ProbeLimitKind;
  phase: ProbePhase;
  /** One line: what was seen, and what was done (stopped). */
  detail: string;
}

export interface ProbeInstallScript {
  package: string;
  hook: "preinstall" | "install" | "postinstall";
  /** The command as package.json gives it, capped. */
  command: string;
  /** Exit status; absent when it did not finish (stopped by a limit). */
  exitCode?: number;
  signal?: string;
}

export interface ProbeListing {
  tools: PinnedDefinition[];
  prompts: { name: string; description?: string }[];
  resources: { name: string; uri?: string; description?: string }[];
  /** Set when the server answered the list request with an error or an answer that did not parse. */
  error?: string;
}

export interface ProbeCall {
  tool: string;
  /** The arguments sent, as canonical JSON (capped). */
  arguments: string;
  outcome: "ok" | "tool-error" | "protocol-error" | "timeout";
  /** First part of the result's text, capped. */
  text?: string;
  ms: number;
}

export interface ProbeFacts {
  sandbox: {
    /** `bubblewrap 0.8.0`. */
    tool: string;
    tracer: string;
    limits: {
      wallMs: number;
      cpuSeconds: number;
      memoryBytes: number;
      outputBytes: number;
      processes: number;
    };
  };
  /** How the server was started inside the sandbox (its bin, or the client config's command), capped. */
  command: string[];
  install: {
    /** Packages installed (the tree mcp-vet resolved), and how long the install took. */
    packages: number;
    ms: number;
    scripts: ProbeInstallScript[];
  };
  /** The server completed `initialize`. */
  started: boolean;
  /** Why it did not start, or how the session ended early; one line. */
  failure?: string;
  server?: { name?: string; version?: string; protocolVersion?: string; instructions?: string };
  /** The first `tools/list` (pages followed), prompts and resources. */
  first?: ProbeListing;
  /** The second `tools/list`, a short wait after the first. */
  second?: ProbeListing;
  /** The server sent `notifications/tools/list_changed`. */
  listChanged: boolean;
  calls: ProbeCall[];
  canaries: ProbeCanary[];
  /** Events in time order (capped per kind: see `counts` for the totals). */
  events: ProbeEvent[];
  counts: { opens: number; writes: number; connects: number; dns: number; execs: number; processes: number };
  limitsHit: ProbeLimitHit[];
  exit?: { phase: ProbePhase; code?: number; signal?: string };
  /** First part of the server's stderr; hostile. */
  stderr?: string;
  timings: {
    installMs: number;
    scriptsMs: number;
    /** From starting the sandbox to the first tools/list answer. */
    listMs?: number;
    totalMs: number;
  };
  notes: string[];
}

export const PROBE_LIMITS = {
  eventsPerKind: 200,
  argv: 20,
  argChars: 300,
  pathChars: 1024,
  stderrChars: 4096,
  notes: 50,
  prompts: 200,
  tools: 500,
  textChars: 2000,
} as const;
