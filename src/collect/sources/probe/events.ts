import {
  PROBE_LIMITS,
  type ProbeEvent,
  type ProbeEventKind,
  type ProbePhase,
} from "../../../evidence/probe.js";
import { displayPath } from "./canaries.js";
import {
  allStrings,
  dnsNames,
  fdPath,
  firstString,
  result,
  sockaddr,
  straceString,
  type TraceRecord,
} from "./strace.js";

/** The system calls the probe asks strace for. */
export const TRACED_SYSCALLS = [
  "execve",
  "execveat",
  "open",
  "openat",
  "openat2",
  "creat",
  "connect",
  "sendto",
  "sendmsg",
  "sendmmsg",
  "unlink",
  "unlinkat",
  "rename",
  "renameat",
  "renameat2",
  "mkdir",
  "mkdirat",
  "clone",
  "clone3",
  "fork",
  "vfork",
] as const;

/** Paths every Node program opens on its way up: the runtime, its libraries, the server's own files. */
const RUNTIME_PREFIXES = ["/usr/", "/lib/", "/lib64/", "/bin/", "/sbin/", "/proc/", "/sys/", "/dev/"];
const RUNTIME_FILES = new Set([
  "/",
  "/etc/ld.so.cache",
  "/etc/ld.so.preload",
  "/etc/localtime",
  "/etc/nsswitch.conf",
  "/etc/host.conf",
  "/etc/hosts",
  "/etc/resolv.conf",
  "/etc/gai.conf",
  "/etc/passwd",
  "/etc/group",
  "/etc/os-release",
  "/etc/mime.types",
  "/etc/hostname",
]);
const RUNTIME_ETC_PREFIXES = ["/etc/ssl/", "/etc/ca-certificates", "/etc/alternatives/", "/etc/ld.so.conf"];
/** glibc asks nscd before anything else; the sandbox has none. */
const RESOLVER_SOCKETS = new Set(["unix:/var/run/nscd/socket", "unix:/run/nscd/socket"]);

const WRITE_FLAGS = /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND/;

export interface InterpreterOptions {
  phase: ProbePhase;
  /** Wall-clock ms when the sandbox was started: event times are relative to it. */
  startedAt: number;
  /** Canary paths → ids. */
  canaryPaths: Map<string, string>;
  /** Where the installed server lives in the sandbox: its own files are not events. */
  serverRoot: string;
  /** Extra runtime folders (Node's prefix when it is not under /usr). */
  runtimeRoots: readonly string[];
  /** Writes here are expected in this phase (the install folder while scripts build). */
  writableRoots: readonly string[];
}

/**
 * Turns trace records into the probe's events. The sandbox's own set-up (bubblewrap before it
 * runs the payload) is skipped: everything starts at the first exec that is not bubblewrap's.
 */
export class TraceInterpreter {
  readonly events: ProbeEvent[] = [];
  readonly counts = { opens: 0, writes: 0, connects: 0, dns: 0, execs: 0, processes: 0 };
  threads = 0;
  /** The payload's first process: its exit is the sandbox's. */
  rootPid: number | undefined;
  rootExit: { code?: number; signal?: string } | undefined;
  /** The launch chain of the root process (launcher, the server's bin, the interpreter). */
  readonly launch: string[][] = [];
  private readonly setupPids = new Set<number>();
  private readonly procs = new Map<number, number>();
  private readonly perKind = new Map<ProbeEventKind, number>();
  private readonly dnsSeen = new Set<string>();
  private readonly hookOfPid = new Map<number, string>();
  private currentHook: string | undefined;
  /** Install phase: `mcp-vet-hook-<n>` marker → "package hook". */
  hooks = new Map<string, string>();
  /** Install phase: how each hook's process ended, by marker. */
  readonly hookExits = new Map<string, { code?: number; signal?: string }>();
  private readonly hookRoots = new Map<number, string>();

  constructor(private readonly o: InterpreterOptions) {}

  /** Calls between these wall-clock times happened while a tool was being called. */
  callWindows: { from: number; to: number }[] = [];

  feed(rec: TraceRecord): void {
    if (this.rootPid === undefined) {
      if (rec.kind === "call" && (rec.name === "execve" || rec.name === "execveat") && result(rec.ret).ok) {
        if (this.setupPids.size > 0 && !this.setupPids.has(rec.pid)) {
          this.rootPid = rec.pid;
          this.launch.push(this.argv(rec.args));
          this.proc(rec.pid);
          return;
        }
      }
      this.setupPids.add(rec.pid);
      return;
    }
    if (this.setupPids.has(rec.pid)) return;
    if (rec.kind === "exit") {
      const hook = this.hookRoots.get(rec.pid);
      if (hook !== undefined)
        this.hookExits.set(hook, {
          ...(rec.code !== undefined ? { code: rec.code } : {}),
          ...(rec.signal ? { signal: rec.signal } : {}),
        });
      if (rec.pid === this.rootPid)
        this.rootExit = {
          ...(rec.code !== undefined ? { code: rec.code } : {}),
          ...(rec.signal ? { signal: rec.signal } : {}),
        };
      return;
    }
    const proc = this.proc(rec.pid);
    const r = result(rec.ret);
    switch (rec.name) {
      case "execve":
      case "execveat": {
        if (!r.ok && r.errno === "ENOENT") return;
        const argv = this.argv(rec.name === "execveat" ? rec.args.slice(1) : rec.args);
        const path = firstString(rec.name === "execveat" ? rec.args[1] : rec.args[0]) ?? "";
        if (rec.pid === this.rootPid && this.launch.length < 6) {
          this.launch.push(argv);
          return;
        }
        const marker = argv.find((a) => /^mcp-vet-hook-\d+$/.test(a));
        if (marker && this.hooks.has(marker)) {
          this.hookRoots.set(rec.pid, marker);
          this.hookOfPid.set(rec.pid, this.hooks.get(marker)!);
          this.currentHook = this.hooks.get(marker);
          return;
        }
        this.counts.execs++;
        this.add(rec, proc, { kind: "exec", path: this.show(path), argv, result: r.ok ? "ok" : r.errno! });
        return;
      }
      case "open":
      case "openat":
      case "openat2":
      case "creat":
        this.open(rec, proc, r);
        return;
      case "connect": {
        const addr = sockaddr(rec.args[1]);
        if (!addr || RESOLVER_SOCKETS.has(addr.address)) return;
        // The sandbox's resolver is loopback port 53; the names asked for are the `dns` events.
        if (addr.port === 53 && /^(127\.0\.0\.1|\[::1\])/.test(addr.address)) return;
        this.counts.connects++;
        this.add(rec, proc, { kind: "connect", address: addr.address, result: r.ok ? "ok" : r.errno! });
        return;
      }
      case "sendto":
      case "sendmsg":
      case "sendmmsg": {
        for (const name of dnsNames(rec.args.slice(1, 2))) {
          const key = `${this.phaseAt(rec.ts)}\u0000${name}`;
          if (this.dnsSeen.has(key)) continue;
          this.dnsSeen.add(key);
          this.counts.dns++;
          this.add(rec, proc, { kind: "dns", address: name, result: "ok" });
        }
        return;
      }
      case "unlink":
      case "rename":
      case "mkdir": {
        const path = firstString(rec.args[0]);
        if (path !== undefined) this.write(rec, proc, r, path, rec.name);
        return;
      }
      case "unlinkat":
      case "mkdirat":
      case "renameat":
      case "renameat2": {
        const path = joinAt(fdPath(rec.args[0]), firstString(rec.args[1]));
        if (path !== undefined) this.write(rec, proc, r, path, rec.name.replace(/at2?$/, ""));
        return;
      }
      case "clone":
      case "clone3":
      case "fork":
      case "vfork": {
        if (!r.ok) return;
        if ((rec.args[0] ?? "").includes("CLONE_THREAD") || (rec.args[1] ?? "").includes("CLONE_THREAD"))
          this.threads++;
        else this.counts.processes++;
        return;
      }
    }
  }

  private open(
    rec: Extract<TraceRecord, { kind: "call" }>,
    proc: number,
    r: ReturnType<typeof result>,
  ): void {
    const named =
      rec.name === "open" || rec.name === "creat" ? firstString(rec.args[0]) : firstString(rec.args[1]);
    if (named === undefined) return;
    const base = rec.name === "open" || rec.name === "creat" ? undefined : fdPath(rec.args[0]);
    const path = r.path ?? joinAt(base, named) ?? named;
    const flags =
      rec.name === "creat" ? "O_CREAT" : ((rec.name === "open" ? rec.args[1] : rec.args[2]) ?? "");
    this.counts.opens++;
    if (WRITE_FLAGS.test(flags)) {
      this.write(
        rec,
        proc,
        r,
        path,
        rec.name === "creat" || flags.includes("O_CREAT") ? "create" : "open-write",
      );
      return;
    }
    const canary = this.canaryOf(path);
    // O_PATH opens a name without reading it (realpath, a folder walk): not a read.
    if (!canary && flags.includes("O_PATH")) return;
    // The C library looks for optional files of its own in /etc; a missing one is not the server's doing.
    const libc = r.errno === "ENOENT" && path.startsWith("/etc/") && !/shadow|sudoers|ssh|private/.test(path);
    if (!canary && libc) return;
    // Module resolution looks for package.json and node_modules all the way up: not the server's doing.
    const lookup = r.errno === "ENOENT" && /(?:\/package\.json|\/node_modules(?:\/.*)?)$/.test(path);
    if (!canary && (this.isRuntime(path) || lookup)) return;
    this.add(rec, proc, {
      kind: "open",
      path: this.show(path),
      result: r.ok ? "ok" : r.errno!,
      ...(canary ? { canary } : {}),
    });
  }

  private write(
    rec: Extract<TraceRecord, { kind: "call" }>,
    proc: number,
    r: ReturnType<typeof result>,
    path: string,
    op: string,
  ): void {
    if (path.startsWith("/tmp/") || path === "/tmp" || path.startsWith("/dev/") || path.startsWith("/proc/"))
      return;
    if (this.o.writableRoots.some((root) => path === root || path.startsWith(`${root}/`))) return;
    this.counts.writes++;
    const canary = this.canaryOf(path);
    this.add(rec, proc, {
      kind: "write",
      op,
      path: this.show(path),
      result: r.ok ? "ok" : r.errno!,
      ...(canary ? { canary } : {}),
    });
  }

  private canaryOf(path: string): string | undefined {
    return this.o.canaryPaths.get(path.replace(/\/+$/, ""));
  }

  private isRuntime(path: string): boolean {
    if (RUNTIME_FILES.has(path)) return true;
    if (path === this.o.serverRoot || path.startsWith(`${this.o.serverRoot}/`)) return true;
    return (
      RUNTIME_PREFIXES.some((p) => path.startsWith(p)) ||
      RUNTIME_ETC_PREFIXES.some((p) => path.startsWith(p)) ||
      this.o.runtimeRoots.some((p) => path === p || path.startsWith(`${p}/`))
    );
  }

  private proc(pid: number): number {
    let n = this.procs.get(pid);
    if (n === undefined) {
      n = this.procs.size + 1;
      this.procs.set(pid, n);
      if (this.currentHook && !this.hookOfPid.has(pid)) this.hookOfPid.set(pid, this.currentHook);
    }
    return n;
  }

  /** Processes (and, separately, tasks: processes and threads) seen so far: the watchdog stops a fork bomb on these. */
  get processCount(): number {
    return this.counts.processes;
  }

  get taskCount(): number {
    return this.procs.size;
  }

  private argv(args: string[]): string[] {
    const list = args[1] ?? "";
    return allStrings(list, PROBE_LIMITS.argv).map((s) => cap(straceString(s), PROBE_LIMITS.argChars));
  }

  private show(path: string): string {
    return cap(displayPath(path), PROBE_LIMITS.pathChars);
  }

  private phaseAt(ts: number): ProbePhase {
    if (this.o.phase !== "run") return this.o.phase;
    const ms = ts * 1000;
    return this.callWindows.some((w) => ms >= w.from && ms <= w.to) ? "call" : "run";
  }

  private add(
    rec: { pid: number; ts: number },
    proc: number,
    e: Omit<ProbeEvent, "phase" | "t" | "proc">,
  ): void {
    const n = this.perKind.get(e.kind) ?? 0;
    if (n >= PROBE_LIMITS.eventsPerKind) return;
    this.perKind.set(e.kind, n + 1);
    const script = this.o.phase === "install" ? this.hookOfPid.get(rec.pid) : undefined;
    this.events.push({
      ...e,
      phase: this.o.phase,
      t: Math.max(0, Math.round(rec.ts * 1000 - this.o.startedAt)),
      proc,
      ...(script ? { script } : {}),
    });
    (this.events[this.events.length - 1] as { ts?: number }).ts = rec.ts;
  }

  /** The events with their phase settled (calls are known only once they end); internal times dropped. */
  finish(): ProbeEvent[] {
    return this.events.map((e) => {
      const { ts, ...rest } = e as ProbeEvent & { ts?: number };
      return ts !== undefined && this.o.phase === "run" ? { ...rest, phase: this.phaseAt(ts) } : rest;
    });
  }
}

function joinAt(dir: string | undefined, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  if (path.startsWith("/") || !dir) return path.startsWith("/") ? normalise(path) : undefined;
  return normalise(`${dir}/${path}`);
}

/** `.` and `..` resolved, without touching any file system. */
function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (!part || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return `/${out.join("/")}`;
}

function cap(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
