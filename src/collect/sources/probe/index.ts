import { join } from "node:path";
import type { CodeAnalysis, ConfigEntryEvidence, Part } from "../../../evidence/index.js";
import type { ProbeEvent, ProbeFacts, ProbeLimitHit } from "../../../evidence/probe.js";
import { PROBE_LIMITS } from "../../../evidence/probe.js";
import { makeTempDir, removeTempDir } from "../../../temp.js";
import type { FetchContext } from "../../context.js";
import { runSession } from "../../mcp/session.js";
import type { Collected, Seed } from "../../source.js";
import { errorLine } from "../../util.js";
import { plantCanaries, RESERVED_ENV, SANDBOX_HOME, SANDBOX_PROJECT, tokensIn } from "./canaries.js";
import { installDriver, installTarget } from "./install.js";
import {
  checkSandbox,
  DEFAULT_SANDBOX_LIMITS,
  type RunningSandbox,
  SANDBOX_SERVER_ROOT,
  type SandboxCheck,
  type SandboxLimits,
  type SandboxSpec,
  startSandbox,
} from "./sandbox.js";
import { SandboxStdioTransport } from "./transport.js";

/** What `--probe` asks for. */
export interface ProbeOptions {
  /** Call the tools marked readOnlyHint with example arguments (`--probe-call`). */
  call?: boolean;
  /** Wall clock per phase, ms (default 20 s). */
  timeoutMs?: number;
  /** Wait before the second tools/list, ms (default 1 s). */
  secondListDelayMs?: number;
  /** Other limits, for tests and the bench. */
  limits?: Partial<SandboxLimits>;
}

export interface ProbeSeed extends Seed {
  code: Part<CodeAnalysis>;
}

/** Leaves the server this long of its wall clock to answer before the sandbox goes. */
const SESSION_MARGIN_MS = 250;

/**
 * The sandboxed live probe (`--probe`): installs the target with the tree mcp-vet resolved
 * (scripts off), runs its install scripts inside the sandbox, watched, then starts the server
 * as its bin (or the client config) would and speaks MCP to it, watched again. Never without a
 * sandbox: where none can be made, the part is `unavailable` with the one-line reason.
 */
export const probeSource = {
  id: "probe" as const,
  async collect(ctx: FetchContext, seed: ProbeSeed): Promise<Collected<ProbeFacts>> {
    const opts = seed.options.probe;
    if (!opts) return { part: { status: "skipped", reason: "not asked (--probe)" } };
    const check = await checkSandbox();
    if (!check.ok) {
      ctx.log.warn(`--probe: ${check.reason}`);
      return { part: { status: "unavailable", error: check.reason } };
    }
    const manifest = seed.manifest;
    const bin = pickBin(manifest?.bin ?? {}, seed.name);
    if (!bin) return { part: { status: "unavailable", error: `${seed.name} has no bin: nothing to start` } };
    if (seed.target.kind !== "directory" && seed.target.kind !== "tarball" && !seed.version)
      return { part: { status: "unavailable", error: "the version to install is not known" } };
    const dir = await makeTempDir("mcp-vet-probe-");
    try {
      return {
        part: { status: "ok", data: await probe(ctx, seed, check, opts, bin, dir) },
        url: `sandbox:${seed.name}`,
      };
    } catch (err) {
      return { part: { status: "unavailable", error: `the probe could not run: ${errorLine(err)}` } };
    } finally {
      await removeTempDir(dir);
    }
  },
};

async function probe(
  ctx: FetchContext,
  seed: ProbeSeed,
  check: Extract<SandboxCheck, { ok: true }>,
  opts: ProbeOptions,
  bin: string,
  dir: string,
): Promise<ProbeFacts> {
  const started = Date.now();
  const limits: SandboxLimits = {
    ...DEFAULT_SANDBOX_LIMITS,
    ...(opts.timeoutMs ? { wallMs: opts.timeoutMs } : {}),
    ...opts.limits,
  };
  const installed = await installTarget(ctx, seed.target, seed.name, seed.version, join(dir, "install"));
  const code = seed.code.status === "ok" ? seed.code.data : undefined;
  const config = seed.options.config;
  const wanted = serverEnv(code, config);
  const planted = await plantCanaries(join(dir, "canaries"), wanted.canaries);
  const basePath = ["/usr/local/bin", "/usr/bin", "/bin"].join(":");
  const env = {
    HOME: SANDBOX_HOME,
    USER: "mcp",
    LOGNAME: "mcp",
    TMPDIR: "/tmp",
    LANG: "C.UTF-8",
    PATH: [`${SANDBOX_SERVER_ROOT}/node_modules/.bin`, basePath].join(":"),
    ...wanted.plain,
    ...planted.env,
  };
  const common = {
    env,
    files: planted.binds,
    dirs: configDirs(config),
    canaryPaths: planted.paths,
    limits,
    workDir: dir,
    serverDir: installed.dir,
  };
  const facts: ProbeFacts = {
    sandbox: {
      tool: check.version,
      tracer: "strace",
      limits: {
        wallMs: limits.wallMs,
        cpuSeconds: limits.cpuSeconds,
        memoryBytes: limits.memoryBytes,
        outputBytes: limits.outputBytes,
        processes: limits.processes,
      },
    },
    command: [],
    install: { packages: installed.packages, ms: installed.ms, scripts: [] },
    started: false,
    listChanged: false,
    calls: [],
    canaries: planted.canaries,
    events: [],
    counts: { opens: 0, writes: 0, connects: 0, dns: 0, execs: 0, processes: 0 },
    limitsHit: [],
    timings: { installMs: installed.ms, scriptsMs: 0, totalMs: 0 },
    notes: [],
  };

  // Install scripts: watched in the sandbox, whatever the policy says about running them.
  if (installed.hooks.length) {
    const t0 = Date.now();
    const box = startSandbox(check, {
      ...common,
      phase: "install",
      argv: ["/bin/sh", "-c", installDriver(installed.hooks, basePath)],
      cwd: SANDBOX_SERVER_ROOT,
      serverWritable: true,
    });
    for (const [i, h] of installed.hooks.entries())
      box.interpreter.hooks.set(`mcp-vet-hook-${i}`, `${h.package} ${h.hook}`);
    box.stdin.end();
    box.stdout.resume();
    await box.done;
    facts.install.scripts = installed.hooks.map((h, i) => {
      const exit = box.interpreter.hookExits.get(`mcp-vet-hook-${i}`);
      return {
        package: h.package,
        hook: h.hook,
        command: h.command,
        ...(exit?.code !== undefined ? { exitCode: exit.code } : {}),
        ...(exit?.signal ? { signal: exit.signal } : {}),
      };
    });
    absorb(facts, box, planted.tokens);
    facts.timings.scriptsMs = Date.now() - t0;
  }

  // The server, started as its bin starts it, with the config's arguments when it came from one.
  // A server that reads positional arguments and will not start without one is started again
  // with the empty project as its argument (a folder to serve, as most such servers want).
  const bin0 = `${SANDBOX_SERVER_ROOT}/node_modules/.bin/${bin}`;
  const configured = configArgs(config);
  let run = await runServer(check, common, [bin0, ...(configured ?? [])], opts, limits);
  if (!run.session.started && !configured && code?.config.positionalArgs && !run.box.limitsHit.length) {
    absorb(facts, run.box, planted.tokens);
    facts.notes.push(
      `it did not start without arguments (${describeEnd(run)}); started again with the working folder as its argument`,
    );
    run = await runServer(check, common, [bin0, SANDBOX_PROJECT], opts, limits);
  }
  const { box, session, transport } = run;
  facts.command = run.argv.map((a) => a.slice(0, PROBE_LIMITS.argChars));
  facts.started = session.started;
  if (session.server) facts.server = session.server;
  if (session.first) facts.first = session.first;
  if (session.second) facts.second = session.second;
  facts.listChanged = session.listChanged;
  facts.calls = session.calls;
  if (session.listedAt) facts.timings.listMs = session.listedAt - box.startedAt;
  if (session.failure && !(session.started && session.first)) facts.failure = describeEnd(run);
  facts.notes.push(...session.notes);
  if (transport.garbageLines)
    facts.notes.push(`the server wrote ${transport.garbageLines} line(s) to stdout that are not JSON-RPC`);
  absorb(facts, box, planted.tokens);
  const launch = box.interpreter.launch;
  if (launch.length > 1)
    facts.notes.push(
      `started as: ${launch
        .slice(1)
        .map((a) => a.slice(0, 4).join(" "))
        .join(" → ")}`.slice(0, 500),
    );
  facts.timings.totalMs = Date.now() - started;
  facts.notes = facts.notes.slice(0, PROBE_LIMITS.notes);
  return facts;
}

/** One phase's trace, stderr, exit and limits, added to the facts. */
function absorb(facts: ProbeFacts, box: RunningSandbox, tokens: Map<string, string>): void {
  const it = box.interpreter;
  const events = it.finish();
  // A canary's token in an argument (curl -d …, a DNS name) is the canary itself leaving.
  for (const e of events) {
    const text = [e.address ?? "", ...(e.argv ?? [])].join(" ");
    const found = tokensIn(text, tokens);
    if (found.length && !e.canary) e.canary = found[0];
  }
  facts.events.push(...events);
  facts.events.sort((a, b) => phaseOrder(a) - phaseOrder(b) || a.t - b.t);
  for (const k of Object.keys(facts.counts) as (keyof ProbeFacts["counts"])[])
    facts.counts[k] += it.counts[k];
  facts.limitsHit.push(
    ...box.limitsHit.filter(
      (l) => !facts.limitsHit.some((x: ProbeLimitHit) => x.limit === l.limit && x.phase === l.phase),
    ),
  );
  const phase =
    events[0]?.phase === "install" || box.limitsHit[0]?.phase === "install" ? "install" : undefined;
  const err = box.stderr();
  if (err.text) {
    const leaked = tokensIn(err.text, tokens);
    if (leaked.length) facts.notes.push(`stderr quotes canary ${leaked.join(", ")}`);
    const label = phase === "install" ? "install scripts: " : "";
    facts.stderr = `${facts.stderr ? `${facts.stderr}\n` : ""}${label}${err.text}`.slice(
      0,
      PROBE_LIMITS.stderrChars,
    );
  }
  if (it.rootExit && phase !== "install") facts.exit = { phase: "run", ...it.rootExit };
  if (it.processCount) facts.counts.processes = Math.max(facts.counts.processes, it.processCount);
}

function phaseOrder(e: ProbeEvent): number {
  return e.phase === "install" ? 0 : 1;
}

/** The bin `npx <pkg>` runs: the only one, or the one named like the package. */
export function pickBin(bins: Record<string, string>, name: string): string | undefined {
  const names = Object.keys(bins).filter((b) => /^[\w@.+-][\w@.+-]*$/.test(b));
  if (names.length <= 1) return names[0];
  const plain = name.replace(/^@[^/]+\//, "");
  return names.find((b) => b === plain) ?? names.sort()[0];
}

/** Names of addresses and places, not secrets: a canary there only breaks the server's start. */
const NOT_A_SECRET =
  /(?:_URL|_URI|_HOST|_HOSTNAME|_ENDPOINT|_ORIGIN|_DOMAIN|_PORT|_PATH|_DIR|_FILE|_REGION|_ISSUER)$/i;

/**
 * The variables the server gets: a canary for each credential the code reads and each secret
 * the config passes; the config's other values as it gives them (they are not secrets).
 */
function serverEnv(
  code: CodeAnalysis | undefined,
  config: ConfigEntryEvidence | undefined,
): { canaries: string[]; plain: Record<string, string> } {
  const canaries: string[] = [];
  const plain: Record<string, string> = {};
  for (const e of code?.config.env ?? [])
    if (e.credentialLike && !NOT_A_SECRET.test(e.name)) canaries.push(e.name);
  for (const e of config?.env ?? []) {
    if (!e.key || RESERVED_ENV.test(e.key)) continue;
    // A secret, or a value the client takes from the user's environment: a canary in its place.
    if (e.secret || e.references.length) canaries.push(e.key);
    else plain[e.key] = e.masked.slice(0, 1000);
  }
  return { canaries, plain };
}

/** The config's arguments after the package, a canary where one held a secret; undefined when not started from a config. */
function configArgs(config: ConfigEntryEvidence | undefined): string[] | undefined {
  if (config?.launch.kind !== "npm") return undefined;
  const specIndex = config.launch.specIndex;
  return config.args
    .filter((a) => a.index !== undefined && a.index > specIndex)
    .map((a) => (a.secret ? "mcpvetcanary-argument" : a.masked))
    .slice(0, 50);
}

/** Folders the system owns or the sandbox makes itself: never replaced by an empty one. */
const SYSTEM_DIRS =
  /^\/(?:usr|bin|sbin|lib\w*|etc|proc|dev|sys|opt\/mcp-server|home\/mcp|tmp|run|var|boot|root)?(?:\/|$)/;

/** The absolute paths a config hands the server, made as empty folders so it starts as configured. */
function configDirs(config: ConfigEntryEvidence | undefined): string[] {
  return [
    ...new Set(
      (config?.paths ?? []).filter((p) => p.source === "arg").map((p) => p.value.replace(/\/+$/, "")),
    ),
  ]
    .filter((p) => p.startsWith("/") && !p.includes("/../") && !p.endsWith("/..") && !SYSTEM_DIRS.test(p))
    .slice(0, 20);
}

interface ServerRun {
  argv: string[];
  box: RunningSandbox;
  session: Awaited<ReturnType<typeof runSession>>;
  transport: SandboxStdioTransport;
}

async function runServer(
  check: Extract<SandboxCheck, { ok: true }>,
  common: Omit<SandboxSpec, "phase" | "argv" | "cwd" | "serverWritable">,
  argv: string[],
  opts: ProbeOptions,
  limits: SandboxLimits,
): Promise<ServerRun> {
  const box = startSandbox(check, {
    ...common,
    phase: "run",
    argv,
    cwd: SANDBOX_PROJECT,
    serverWritable: false,
  });
  const transport = new SandboxStdioTransport(box);
  const session = await runSession(transport, {
    deadline: box.startedAt + limits.wallMs - SESSION_MARGIN_MS,
    secondListDelayMs: opts.secondListDelayMs ?? 1000,
    call: opts.call === true,
    onCall: (from, to) => box.interpreter.callWindows.push({ from, to }),
    ended: box.exited,
  });
  box.stop();
  await box.done;
  return { argv, box, session, transport };
}

/** How a run ended before the server listed its tools, in one line. */
function describeEnd(run: ServerRun): string {
  const hit = run.box.limitsHit.find((l) => l.phase === "run");
  const exit = run.box.interpreter.rootExit;
  const how = hit
    ? `stopped by the ${hit.limit} limit`
    : exit
      ? `exited (${exit.signal ?? `code ${exit.code}`})`
      : undefined;
  return how
    ? `${how} before it ${run.session.started ? "listed its tools" : "answered initialize"}`
    : (run.session.failure ?? "no answer");
}
