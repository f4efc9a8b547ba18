import { type ChildProcess, execFile, spawn, spawnSync } from "node:child_process";
import {
  closeSync,
  constants,
  existsSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
} from "node:fs";
import { Socket } from "node:net";
import { delimiter, dirname, join } from "node:path";
import type { ProbeLimitHit, ProbePhase } from "../../../evidence/probe.js";
import { onInterrupt } from "../../../interrupt.js";
import { SANDBOX_HOME, SANDBOX_PROJECT } from "./canaries.js";
import { type InterpreterOptions, TRACED_SYSCALLS, TraceInterpreter } from "./events.js";
import { StraceParser } from "./strace.js";

/** What a probe may use, by default. A server over any of these is stopped, and that is a finding. */
export const DEFAULT_SANDBOX_LIMITS = {
  wallMs: 20_000,
  cpuSeconds: 30,
  /** RLIMIT_DATA per process: heap and private mappings, not V8's reserved address space. */
  memoryBytes: 1024 * 1024 * 1024,
  /** Bytes on stdout (and, separately, stderr) before the server is stopped. */
  outputBytes: 8 * 1024 * 1024,
  /** Processes started (threads not counted). */
  processes: 200,
  /** Processes and threads seen at all. */
  tasks: 2000,
  /** Trace lines read: a server making millions of watched calls is stopped. */
  traceLines: 500_000,
  /** Each tmpfs (HOME, /tmp). */
  tmpfsBytes: 64 * 1024 * 1024,
  fileBytes: 64 * 1024 * 1024,
} as const;
export type SandboxLimits = { -readonly [K in keyof typeof DEFAULT_SANDBOX_LIMITS]: number };

/** Where the installed server is mounted inside the sandbox. */
export const SANDBOX_SERVER_ROOT = "/opt/mcp-server";

export type SandboxCheck =
  | {
      ok: true;
      bwrap: string;
      strace: string;
      prlimit: string;
      /** util-linux's setpriv, to tie the tracer's life to this process's (absent: on exit only). */
      setpriv?: string;
      version: string;
      disableUserns: boolean;
    }
  | { ok: false; reason: string };

let checked: Promise<SandboxCheck> | undefined;

/**
 * Whether a sandbox can be made here: Linux, bubblewrap, strace and prlimit on PATH, user
 * namespaces that bubblewrap may use, and ptrace allowed on what runs in them. Asked once
 * per process; the answer is one line when it is no.
 */
export function checkSandbox(env: NodeJS.ProcessEnv = process.env): Promise<SandboxCheck> {
  checked ??= check(env);
  return checked;
}

async function check(env: NodeJS.ProcessEnv): Promise<SandboxCheck> {
  if (process.platform !== "linux")
    return { ok: false, reason: `no sandbox on ${process.platform}: the probe needs Linux with bubblewrap` };
  // MCP_VET_BWRAP / MCP_VET_STRACE name other copies (a distribution's own path, a test's missing one).
  const bwrap = env.MCP_VET_BWRAP ? existing(env.MCP_VET_BWRAP) : which("bwrap", env);
  if (!bwrap)
    return {
      ok: false,
      reason: `bubblewrap (bwrap) is not installed${env.MCP_VET_BWRAP ? ` at ${env.MCP_VET_BWRAP} (MCP_VET_BWRAP)` : ""} (Debian: apt-get install bubblewrap)`,
    };
  const strace = env.MCP_VET_STRACE ? existing(env.MCP_VET_STRACE) : which("strace", env);
  if (!strace) return { ok: false, reason: "strace is not installed (Debian: apt-get install strace)" };
  const prlimit = which("prlimit", env);
  if (!prlimit) return { ok: false, reason: "prlimit (util-linux) is not installed" };
  const version = (await run(bwrap, ["--version"])).stdout.trim() || "bubblewrap";
  const base = ["--unshare-all", "--die-with-parent", "--new-session", "--ro-bind", "/", "/"];
  let disableUserns = true;
  let trial = await run(strace, [
    "-f",
    "-qq",
    "-e",
    "trace=none",
    "-o",
    "/dev/null",
    bwrap,
    ...base,
    "--disable-userns",
    "true",
  ]);
  if (trial.code !== 0) {
    disableUserns = false;
    trial = await run(strace, ["-f", "-qq", "-e", "trace=none", "-o", "/dev/null", bwrap, ...base, "true"]);
  }
  if (trial.code !== 0) {
    const why = firstLine(trial.stderr) || `exit ${trial.code}`;
    return {
      ok: false,
      reason: /ptrace|Operation not permitted.*PTRACE/i.test(why)
        ? `strace cannot trace here (ptrace refused): ${why}`
        : `bubblewrap cannot make a sandbox here (user namespaces unavailable?): ${why}`,
    };
  }
  const setpriv = which("setpriv", env);
  return { ok: true, bwrap, strace, prlimit, ...(setpriv ? { setpriv } : {}), version, disableUserns };
}

function existing(path: string): string | undefined {
  return existsSync(path) ? path : undefined;
}

function which(cmd: string, env: NodeJS.ProcessEnv): string | undefined {
  const dirs = (env.PATH || "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin").split(delimiter);
  for (const d of [...dirs, "/usr/bin", "/usr/sbin", "/bin", "/sbin"]) {
    if (!d) continue;
    const p = join(d, cmd);
    if (existsSync(p)) return p;
  }
  return undefined;
}

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 10_000, env: { PATH: "/usr/bin:/bin" } }, (err, stdout, stderr) => {
      const code = err
        ? typeof (err as { code?: unknown }).code === "number"
          ? (err as { code: number }).code
          : 1
        : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

function firstLine(s: string): string {
  return (
    s
      .split("\n")
      .find((l) => l.trim())
      ?.trim()
      .slice(0, 300) ?? ""
  );
}

export interface SandboxSpec {
  phase: ProbePhase;
  /** The payload, as run inside the sandbox (first the program). */
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  /** The installed server's folder on the host, mounted at SANDBOX_SERVER_ROOT. */
  serverDir: string;
  serverWritable: boolean;
  /** Canary files, each bound read-only at its place in HOME. */
  files: { host: string; sandbox: string }[];
  /** Empty folders made where the client config points the server (its paths, not their contents). */
  dirs?: string[];
  canaryPaths: Map<string, string>;
  limits: SandboxLimits;
  /** A private folder of the host for the trace pipe. */
  workDir: string;
}

export interface RunningSandbox {
  stdin: NodeJS.WritableStream;
  stdout: NodeJS.ReadableStream;
  readonly interpreter: TraceInterpreter;
  readonly limitsHit: ProbeLimitHit[];
  readonly startedAt: number;
  /** stderr's first bytes (hostile), and how many bytes came in all. */
  stderr(): { text: string; bytes: number };
  /** Stops everything in the sandbox now; `reason` is recorded when it is a limit. */
  stop(limit?: ProbeLimitHit): void;
  /** Settles when the sandbox is gone and the trace is read to its end. */
  done: Promise<void>;
  /** The same as soon as the sandbox exited, without waiting for the trace. */
  exited: Promise<void>;
}

/**
 * Starts the payload in a bubblewrap sandbox with no network, a fresh tmpfs HOME (canaries
 * bound in read-only) and /tmp, only the system's runtime folders read-only, a cleared
 * environment and resource limits, traced from outside by strace (so the code inside can
 * neither see nor stop the tracer). The trace comes through a FIFO and is read as it is
 * written: a slow reader holds strace, which holds the payload, so nothing outruns the
 * watchdog that counts processes.
 */
export function startSandbox(check: Extract<SandboxCheck, { ok: true }>, spec: SandboxSpec): RunningSandbox {
  const L = spec.limits;
  const fifo = join(spec.workDir, `trace-${spec.phase}.fifo`);
  const made = spawnSync("mkfifo", ["-m", "600", fifo]);
  if (made.status !== 0) throw new Error(`could not make the trace pipe: ${firstLine(String(made.stderr))}`);
  // Open the reader first (non-blocking), then a writer of our own that keeps the pipe from
  // reading as ended before strace opens it; ours closes once the sandbox has exited.
  const readFd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  let keepOpen: number | undefined = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);

  const runtime = runtimeRoots();
  const bwrapArgs = [
    "--unshare-all",
    "--die-with-parent",
    "--new-session",
    ...(check.disableUserns ? ["--disable-userns"] : []),
    "--cap-drop",
    "ALL",
    ...systemBinds(runtime),
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    "--size",
    String(L.tmpfsBytes),
    "--tmpfs",
    "/tmp",
    "--size",
    String(L.tmpfsBytes),
    "--tmpfs",
    SANDBOX_HOME,
    "--dir",
    SANDBOX_PROJECT,
    ...spec.files.flatMap((f) => ["--ro-bind", f.host, f.sandbox]),
    ...(spec.dirs ?? []).flatMap((d) => ["--dir", d]),
    spec.serverWritable ? "--bind" : "--ro-bind",
    spec.serverDir,
    SANDBOX_SERVER_ROOT,
    "--chdir",
    spec.cwd,
    "--clearenv",
    ...Object.entries(spec.env).flatMap(([k, v]) => ["--setenv", k, v]),
    "--",
    check.prlimit,
    `--cpu=${L.cpuSeconds}`,
    `--data=${L.memoryBytes}`,
    `--fsize=${L.fileBytes}`,
    "--nofile=1024",
    "--core=0",
    "--",
    ...spec.argv,
  ];
  const straceArgs = [
    "-f",
    "-ttt",
    "-y",
    "-q",
    "--seccomp-bpf",
    "-e",
    "signal=none",
    "-e",
    `trace=${TRACED_SYSCALLS.join(",")}`,
    "-s",
    "512",
    "-o",
    fifo,
    check.bwrap,
    ...bwrapArgs,
  ];

  const interpreterOptions: InterpreterOptions = {
    phase: spec.phase,
    startedAt: Date.now(),
    canaryPaths: spec.canaryPaths,
    serverRoot: SANDBOX_SERVER_ROOT,
    runtimeRoots: runtime.extra,
    writableRoots: spec.serverWritable ? [SANDBOX_SERVER_ROOT] : [],
  };
  const interpreter = new TraceInterpreter(interpreterOptions);
  const limitsHit: ProbeLimitHit[] = [];
  const leaked = inheritedFds();
  const stdio: ("pipe" | "ignore")[] = ["pipe", "pipe", "pipe"];
  // Descriptors this process inherited without close-on-exec would pass into the sandbox;
  // each is replaced in the child by a pipe whose other end is closed at once.
  for (const fd of leaked) {
    while (stdio.length < fd) stdio.push("ignore");
    stdio[fd] = "pipe";
  }
  // The tracer dies with this process (setpriv's parent-death signal), and bubblewrap with the
  // tracer: nothing of the sandbox outlives mcp-vet, even when it is killed outright.
  const [cmd, args] = check.setpriv
    ? [check.setpriv, ["--pdeathsig", "SIGKILL", "--", check.strace, ...straceArgs]]
    : [check.strace, straceArgs];
  const child: ChildProcess = spawn(cmd, args, {
    stdio,
    detached: true,
    env: { PATH: "/usr/bin:/bin" },
  });
  for (const fd of leaked) child.stdio[fd]?.destroy();
  if (child.pid) trackLive(child.pid);

  let stopped = false;
  const stop = (limit?: ProbeLimitHit) => {
    if (limit && !limitsHit.some((l) => l.limit === limit.limit)) limitsHit.push(limit);
    if (stopped) return;
    stopped = true;
    try {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {
      child.kill("SIGKILL");
    }
  };
  const wall = setTimeout(
    () =>
      stop({
        limit: "wall-clock",
        phase: spec.phase,
        detail: `still running after ${L.wallMs / 1000} s: stopped`,
      }),
    L.wallMs,
  );

  let stdoutBytes = 0;
  child.stdout!.on("data", (d: Buffer) => {
    stdoutBytes += d.length;
    if (stdoutBytes > L.outputBytes)
      stop({
        limit: "output",
        phase: spec.phase,
        detail: `wrote more than ${mb(L.outputBytes)} to stdout: stopped`,
      });
  });
  let stderrText = "";
  let stderrBytes = 0;
  child.stderr!.on("data", (d: Buffer) => {
    stderrBytes += d.length;
    if (stderrText.length < 16 * 1024) stderrText += d.toString("utf8");
    if (stderrBytes > L.outputBytes)
      stop({
        limit: "output",
        phase: spec.phase,
        detail: `wrote more than ${mb(L.outputBytes)} to stderr: stopped`,
      });
  });

  const exited = new Promise<void>((resolve) => {
    child.on("close", () => resolve());
    child.on("error", () => resolve());
  });
  exited.then(() => {
    if (child.pid) live.delete(child.pid);
  });
  exited.then(() => {
    clearTimeout(wall);
    if (keepOpen !== undefined) {
      closeSync(keepOpen);
      keepOpen = undefined;
    }
  });

  const trace = new Socket({ fd: readFd, readable: true, writable: false });
  const parser = new StraceParser();
  let lines = 0;
  let partial = "";
  const traced = new Promise<void>((resolve) => {
    trace.on("data", (chunk: Buffer) => {
      const text = partial + chunk.toString("utf8");
      const parts = text.split("\n");
      partial = parts.pop() ?? "";
      if (partial.length > 1024 * 1024) partial = "";
      for (const line of parts) {
        if (++lines > L.traceLines) {
          stop({
            limit: "trace",
            phase: spec.phase,
            detail: `made more than ${L.traceLines} watched calls: stopped`,
          });
          continue;
        }
        const rec = parser.line(line);
        if (rec) interpreter.feed(rec);
      }
      if (interpreter.processCount > L.processes || interpreter.taskCount > L.tasks)
        stop({
          limit: "processes",
          phase: spec.phase,
          detail: `started more than ${interpreter.processCount > L.processes ? `${L.processes} processes` : `${L.tasks} processes and threads`}: stopped (a fork bomb?)`,
        });
    });
    trace.on("end", () => resolve());
    trace.on("error", () => resolve());
    trace.on("close", () => resolve());
  });

  const done = Promise.all([exited, traced]).then(() => {
    if (partial) {
      const rec = parser.line(partial);
      if (rec) interpreter.feed(rec);
    }
    trace.destroy();
    const exit = interpreter.rootExit;
    if (exit?.signal === "SIGXCPU")
      stop({ limit: "cpu", phase: spec.phase, detail: `used more than ${L.cpuSeconds} s of CPU: stopped` });
    if (
      (exit?.signal === "SIGABRT" ||
        exit?.signal === "SIGSEGV" ||
        exit?.signal === "SIGKILL" ||
        exit?.code === 134) &&
      /out of memory|Allocation failed|Cannot allocate memory|ENOMEM/i.test(stderrText)
    )
      stop({
        limit: "memory",
        phase: spec.phase,
        detail: `needed more than ${mb(L.memoryBytes)} of memory: stopped`,
      });
  });

  return {
    stdin: child.stdin!,
    stdout: child.stdout!,
    interpreter,
    limitsHit,
    startedAt: interpreterOptions.startedAt,
    stderr: () => ({ text: stderrText, bytes: stderrBytes }),
    stop,
    done,
    exited,
  };
}

/** Tracers (and so sandboxes) still running, by process group: killed when mcp-vet exits or is interrupted. */
const live = new Set<number>();
let exitHook = false;

function trackLive(pid: number): void {
  live.add(pid);
  if (exitHook) return;
  exitHook = true;
  const killAll = () => {
    for (const p of live) {
      try {
        process.kill(-p, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
    live.clear();
    return undefined;
  };
  process.once("exit", killAll);
  onInterrupt(() => killAll());
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** The system folders bound read-only; Node's own prefix too when it lives elsewhere. */
function runtimeRoots(): { binds: string[]; extra: string[] } {
  const extra: string[] = [];
  const node = realpathSync(process.execPath);
  if (!node.startsWith("/usr/")) extra.push(dirname(dirname(node)));
  return { binds: ["/usr", ...extra], extra };
}

function systemBinds(runtime: { binds: string[] }): string[] {
  const out: string[] = [];
  for (const dir of runtime.binds) out.push("--ro-bind", dir, dir);
  for (const top of ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]) {
    let st: ReturnType<typeof lstatSync> | undefined;
    try {
      st = lstatSync(top);
    } catch {
      continue;
    }
    // Merged-/usr systems link these into /usr; elsewhere they are folders of their own.
    if (st.isSymbolicLink()) {
      out.push("--symlink", readlinkSafe(top), top);
    } else if (st.isDirectory()) out.push("--ro-bind", top, top);
  }
  // Only what programs need from /etc: the loader's cache, certificates, time zones, the
  // alternatives Debian links binaries through. No passwords, no host names, no resolver:
  // without resolv.conf glibc asks 127.0.0.1, where the query is seen and goes nowhere.
  for (const path of [
    "/etc/ld.so.cache",
    "/etc/ld.so.conf",
    "/etc/ld.so.conf.d",
    "/etc/alternatives",
    "/etc/ssl",
    "/etc/ca-certificates",
    "/etc/localtime",
    "/etc/nsswitch.conf",
  ]) {
    if (existsSync(path)) out.push("--ro-bind", path, path);
  }
  return out;
}

function readlinkSafe(path: string): string {
  try {
    const target = realpathSync(path);
    return target.startsWith("/") ? target.slice(1) : target;
  } catch {
    return "usr/bin";
  }
}

/** This process's descriptors above stderr that lack close-on-exec: they would pass to children. */
function inheritedFds(): number[] {
  const out: number[] = [];
  let fds: string[];
  try {
    fds = readdirSync("/proc/self/fd");
  } catch {
    return out;
  }
  for (const name of fds) {
    const fd = Number(name);
    if (!Number.isInteger(fd) || fd <= 2 || fd > 4096) continue;
    try {
      const flags = /flags:\s*([0-7]+)/.exec(readFileSync(`/proc/self/fdinfo/${fd}`, "utf8"))?.[1];
      if (flags !== undefined && (Number.parseInt(flags, 8) & 0o2000000) === 0) out.push(fd);
    } catch {
      // Closed between the listing and the read: nothing to pass on.
    }
  }
  return out;
}
