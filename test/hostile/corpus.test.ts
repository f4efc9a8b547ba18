import { spawn } from "node:child_process";
import {
  appendFileSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import pLimit from "p-limit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../reports/model.js";
import { renderConfigText } from "../../reports/render/config-text.js";
import { renderHtml } from "../../reports/render/html.js";
import { jsonText, renderJson } from "../../reports/render/json.js";
import { renderMarkdown } from "../../reports/render/markdown.js";
import { renderReportSet } from "../../reports/render/report-set.js";
import { renderSarif } from "../../reports/render/sarif.js";
import { renderText } from "../../reports/render/text.js";
import { defaultPolicy } from "../../scoring/engine/policy.js";
import { expandConfigTargets, loadInventory } from "../../src/audit/inventory.js";
import { auditExitCode, runAudit } from "../../src/audit/run.js";
import { auditConfigs, configExitCode } from "../../src/clientconfig/audit-configs.js";
import { fixConfig, readConfigForFix } from "../../src/clientconfig/index.js";
import { SourceError } from "../../src/collect/index.js";
import { TargetError } from "../../src/collect/target.js";
import { exitCodeFor, vet } from "../../src/pipeline.js";
import { NOW } from "../support/evidence.js";
import { contextAt } from "../support/fetch-context.js";
import { CORPUS, type HostileCase, NEVER_FETCHED, type Verdict } from "./corpus.js";
import { CANARY_TOKEN, HostileWorld, type ServiceUrls } from "./world.js";

/**
 * Runs the hostile corpus (corpus.ts). Every case is checked for: its exit code and verdict,
 * an end within its deadline plus slack, no secret (nor the GitHub token) in any format, no
 * raw terminal control or bidi character in any output, no stack trace, and no file left
 * outside its cache, output and temp folders (the temp folder itself left empty).
 *
 * MCP_VET_HOSTILE picks how much runs:
 * - unset (`npm test`): QUICK, a representative subset (every class, every defect of issue 14,
 *   every fault mode), in process, plus two spawned CLI runs for peak RSS and the temp folder;
 * - `all` (`npm run test:hostile`): every case, in process where it can, and the memory-heavy
 *   ones plus a subset through the built CLI, measured for peak RSS;
 * - `cli`: every case through the CLI too.
 */

const MODE =
  process.env.MCP_VET_HOSTILE === "cli" ? "cli" : process.env.MCP_VET_HOSTILE === "all" ? "all" : "quick";
/**
 * The subset `npm test` runs: a few seconds of CPU, covering each class and each defect (the
 * 200k-link, 60 MB, 7 × 30 MB and 200k-version cases take tens of seconds and run in `all`).
 */
const QUICK: ReadonlySet<string> = new Set([
  // tarballs and analysis (held; defect 1's ReDoS)
  "tarball-truncated-gzip",
  "tarball-path-traversal",
  "tarball-absolute-paths",
  "tarball-links",
  "tarball-pax-path-override",
  "tarball-hostile-file-names",
  "analysis-100k-deep-nesting",
  "analysis-1mb-newlines-syntax-error",
  "analysis-1mb-spaces-import-syntax-error",
  "analysis-fromcharcode-200k-args",
  // defect 3: install scripts beside a bad entry
  "scripts-bad-sibling-number",
  "scripts-long-sibling",
  "scripts-object-sibling",
  "scripts-proto-key",
  "package-json-wrong-types",
  "package-json-hostile-text",
  // defect 4: dist.tarball that is not an https url
  "dist-tarball-file-url",
  "dist-tarball-git-http",
  "dist-tarball-previous-version-file-url",
  "dependency-specs-not-fetched",
  "dist-integrity-mismatch",
  "packument-hostile-text",
  // every fault mode: 500, reset, truncate, garbage, 429 with Retry-After, hang, drip
  "registry-500",
  "registry-reset",
  "registry-truncate",
  "registry-garbage",
  "registry-429",
  "registry-hang",
  "registry-drip",
  "tarball-fault-truncate",
  "tarball-fault-drip",
  "github-500-with-body",
  "osv-429-retry-after",
  "mcpRegistry-garbage",
  "github-redirect-other-host",
  // defect 9: one deadline per target
  "deadline-everything-hangs",
  "deadline-secondary-sources-hang",
  "deadline-audit-one-target-hangs",
  // defect 2: configs the client still runs; wrappers; url and git specs; could not vet
  "config-70-deep-unrelated-array",
  "config-100k-deep-array",
  "config-20mb-padding",
  "config-not-json",
  "config-fifo",
  "config-wrapper-env",
  "config-wrapper-bash-lc",
  "config-wrapper-cmd-c",
  "config-npx-http-tarball",
  "config-npx-github",
  "config-npx-other-registry-flag",
  // defect 8: secrets
  "config-secrets-missed-shapes",
  "fix-secrets-missed-shapes",
  // defect 7 and 10: local targets
  "local-folder-symlink-loop-and-outside-files",
  "local-tgz-bomb",
  "audit-config-file-with-errors",
]);
/**
 * Spawned in the quick run: the CLI's own deadline and peak RSS, and its temp folder left empty
 * after a normal run (defect 10).
 */
const QUICK_SPAWNED: ReadonlySet<string> = new Set([
  "deadline-everything-hangs",
  "local-folder-prepare-script",
]);
const CLI = join(import.meta.dirname, "..", "..", "dist", "src", "cli", "main.js");
/** Beyond the deadline: process start-up, judging and rendering on a busy two-core machine. */
const SLACK_SECONDS = 45;
const DEFAULT_TIMEOUT = 20;

const root = mkdtempSync(join(tmpdir(), "mcp-vet-hostile-"));
const world = new HostileWorld(root);
const probe = join(root, "rss-probe.mjs");
const spawnSlots = pLimit(2);
const inProcessSlots = pLimit(4);
const tally = { cases: 0, crashes: 0, hangs: 0, escapes: 0, secrets: 0, maxRssMb: 0 };

beforeAll(async () => {
  await world.start();
  // Loaded into the spawned CLI with --import: its peak RSS, written as it exits.
  writeFileSync(
    probe,
    `import { writeFileSync } from "node:fs";\nprocess.on("exit", () => { if (process.env.MCP_VET_RSS_FILE) writeFileSync(process.env.MCP_VET_RSS_FILE, String(process.resourceUsage().maxRSS)); });\n`,
  );
}, 120_000);

afterAll(async () => {
  // The token goes to GitHub's face and nowhere else.
  const leaked = world.server.requests.filter(
    (r) => JSON.stringify(r.headers).includes(CANARY_TOKEN) && !/^(\/x\/[^/]+)?\/github(\/|$)/.test(r.path),
  );
  expect(leaked.map((r) => r.path)).toEqual([]);
  // What must be refused, not fetched: git and url dependency specs, and the like.
  expect(
    world.server.requests.filter((r) => r.path.includes(`/${NEVER_FETCHED}/`)).map((r) => r.path),
  ).toEqual([]);
  await world.stop();
  rmSync(root, { recursive: true, force: true });
  if (process.env.MCP_VET_HOSTILE_TALLY)
    writeFileSync(process.env.MCP_VET_HOSTILE_TALLY, JSON.stringify(tally));
}, 60_000);

const inProcess = CORPUS.filter(
  (c) => !c.heavy && c.run !== "fix-write" && (MODE !== "quick" || QUICK.has(c.id)),
);
const spawned = CORPUS.filter((c) =>
  MODE === "quick" ? QUICK_SPAWNED.has(c.id) : MODE === "cli" || c.spawn || c.heavy || c.run === "fix-write",
);

describe("hostile corpus, the quick subset", () => {
  it("names only cases that exist, and every class", () => {
    const ids = new Set(CORPUS.map((c) => c.id));
    expect([...QUICK, ...QUICK_SPAWNED].filter((id) => !ids.has(id))).toEqual([]);
    const classes = new Set(
      CORPUS.filter((c) => QUICK.has(c.id) || QUICK_SPAWNED.has(c.id)).map((c) => c.class),
    );
    // memory and fix-write run through the CLI only: `npm run test:hostile`, and test/e2e/config.test.ts.
    expect(
      CORPUS.map((c) => c.class).filter((k) => !classes.has(k) && k !== "memory" && k !== "fix"),
    ).toEqual([]);
  });
});

describe("hostile corpus, in-process", () => {
  it.concurrent.each(inProcess.map((c) => [c.id, c] as const))(
    "%s",
    (_id, c) =>
      inProcessSlots(async () => {
        tally.cases++;
        const dirs = world.caseDirs(`ip-${c.id}`);
        const setup = await c.setup({ world, id: `ip-${c.id}`, dirs });
        const before = snapshot(dirs);
        const t0 = performance.now();
        const result = await runInProcess(
          c,
          setup.args,
          setup.urls ?? world.urls,
          setup.noDeps === true,
          dirs,
        );
        const seconds = (performance.now() - t0) / 1000;
        checkOutcome(c, { ...result, seconds, rssMb: undefined, stderr: "" });
        checkFiles(dirs, before, setup.writes ?? [], false);
      }),
    (DEFAULT_TIMEOUT + SLACK_SECONDS + 120) * 1000,
  );
});

describe("hostile corpus, through the CLI", () => {
  it.concurrent.each(spawned.map((c) => [c.id, c] as const))(
    "%s",
    (_id, c) =>
      spawnSlots(async () => {
        tally.cases++;
        const dirs = world.caseDirs(`cli-${c.id}`);
        const setup = await c.setup({ world, id: `cli-${c.id}`, dirs });
        const before = snapshot(dirs);
        const res = await runSpawned(c, setup.args, setup.urls ?? world.urls, setup.noDeps === true, dirs);
        checkOutcome(c, res);
        checkFiles(dirs, before, setup.writes ?? []);
      }),
    (120 + SLACK_SECONDS + 120) * 1000,
  );
});

// ---- running a case ------------------------------------------------------------------------

interface Outcome {
  exit: number;
  verdicts: Verdict[];
  findings: string[];
  /** Everything the run showed: every format of every report, stdout and stderr. */
  outputs: { format: "text" | "json" | "html" | "markdown" | "sarif"; text: string }[];
  stderr: string;
  seconds: number;
  rssMb: number | undefined;
}

async function runInProcess(
  c: HostileCase,
  args: string[],
  urls: ServiceUrls,
  noDeps: boolean,
  dirs: ReturnType<HostileWorld["caseDirs"]>,
): Promise<Omit<Outcome, "seconds" | "rssMb" | "stderr">> {
  const ctx = contextAt(world.server.url(), {
    cacheDir: dirs.cache,
    registry: {
      url: urls.registry,
      npmOptions: { registry: urls.registry, cache: join(dirs.cache, "_cacache"), retry: { retries: 0 } },
    },
    githubApiUrl: urls.github,
    osvApiUrl: urls.osv,
    mcpRegistryUrl: urls.mcpRegistry,
    githubToken: CANARY_TOKEN,
    timeoutMs: (c.timeout ?? DEFAULT_TIMEOUT) * 1000,
  });
  const policy = defaultPolicy();
  const out: Omit<Outcome, "seconds" | "rssMb" | "stderr"> = {
    exit: 0,
    verdicts: [],
    findings: [],
    outputs: [],
  };
  const reports: Report[] = [];
  try {
    switch (c.run) {
      case "vet": {
        try {
          const { report } = await vet(ctx, args[0]!, policy, { noDeps });
          reports.push(report);
          out.exit = exitCodeFor(report);
        } catch (err) {
          if (!(err instanceof TargetError || err instanceof SourceError)) throw err;
          out.exit = err instanceof TargetError ? 2 : 3;
          out.outputs.push({ format: "text", text: err.message });
        }
        break;
      }
      case "config": {
        const run = await auditConfigs(ctx, policy, { paths: args, home: dirs.home, cwd: dirs.cwd, env: {} });
        for (const s of run.servers) if (s.report) reports.push(s.report);
        out.exit = run.files.length === 0 ? 2 : configExitCode(run);
        out.outputs.push({
          format: "json",
          text: jsonText({ schemaVersion: 1, kind: "config-audit", generatedAt: NOW, ...run }),
        });
        out.outputs.push({
          format: "text",
          text: renderConfigText(run, { color: false, verbose: true, quiet: false }),
        });
        break;
      }
      case "fix": {
        out.exit = 0;
        for (const path of args) {
          const src = await readConfigForFix({ client: "vscode", path, scope: "project" });
          if ("error" in src) {
            out.exit = 3;
            out.outputs.push({ format: "text", text: src.error });
            continue;
          }
          const fixed = fixConfig(src.text, src.parsed.entries, {});
          out.outputs.push({
            format: "text",
            text: [fixed.text, ...fixed.changes, ...fixed.warnings].join("\n"),
          });
        }
        break;
      }
      case "audit": {
        const listed = await loadInventory(args[0]!);
        const targets = await expandConfigTargets(listed, dirname(args[0]!), undefined);
        const result = await runAudit(ctx, targets, policy, { noDeps });
        for (const r of result.reports.values()) reports.push(r);
        out.exit = auditExitCode(result.index, "any");
        for (const [name, text] of renderReportSet(result, ["text", "markdown", "html", "sarif"]))
          out.outputs.push({ format: formatOf(name), text });
        break;
      }
      case "fix-write":
        throw new Error("fix-write runs through the CLI only");
    }
  } finally {
    // In-process cases share the suite's temp folder; the CLI runs check their own.
  }
  for (const r of reports) {
    out.verdicts.push(r.score.verdict);
    for (const f of r.findings) out.findings.push(f.id);
    out.outputs.push(
      { format: "json", text: renderJson(r) },
      { format: "text", text: renderText(r, { color: false, verbose: true, quiet: false }) },
      { format: "sarif", text: renderSarif([r], { srcRoot: dirs.cwd }) },
      { format: "markdown", text: renderMarkdown(r) },
      { format: "html", text: renderHtml(r) },
    );
  }
  return out;
}

function formatOf(name: string): Outcome["outputs"][number]["format"] {
  if (name.endsWith(".html")) return "html";
  if (name.endsWith(".md")) return "markdown";
  if (name.endsWith(".sarif")) return "sarif";
  if (name.endsWith(".json")) return "json";
  return "text";
}

function runSpawned(
  c: HostileCase,
  args: string[],
  urls: ServiceUrls,
  noDeps: boolean,
  dirs: ReturnType<HostileWorld["caseDirs"]>,
): Promise<Outcome> {
  const timeout = c.timeout ?? DEFAULT_TIMEOUT;
  const command =
    c.run === "vet"
      ? ["vet", ...args, "--json"]
      : c.run === "config"
        ? ["config", ...args, "--json"]
        : c.run === "fix"
          ? ["config", ...args, "--fix"]
          : c.run === "fix-write"
            ? ["config", ...args, "--fix", "--write"]
            : ["audit", ...args, "--out-dir", dirs.out];
  const argv = [
    "--import",
    probe,
    CLI,
    ...command,
    ...["--registry", urls.registry, "--github-api-url", urls.github, "--osv-api-url", urls.osv],
    ...["--mcp-registry-url", urls.mcpRegistry, "--cache-dir", dirs.cache, "--timeout", String(timeout)],
    ...(noDeps ? ["--no-deps"] : []),
  ];
  const rssFile = join(dirs.out, "..", "rss.txt");
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^npm_|^GITHUB_|^GH_|^MCP_VET_|^(https?|no|all)_proxy$|^NODE_OPTIONS$/i.test(k))
      continue;
    env[k] = v;
  }
  Object.assign(env, {
    HOME: dirs.home,
    USERPROFILE: dirs.home,
    XDG_CACHE_HOME: join(dirs.home, ".cache"),
    TMPDIR: dirs.tmp,
    GITHUB_TOKEN: CANARY_TOKEN,
    MCP_VET_NOW: NOW,
    MCP_VET_RSS_FILE: rssFile,
  });
  const limitMs = (timeout + SLACK_SECONDS) * 1000;
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, argv, { env, cwd: dirs.cwd });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    const killer = setTimeout(() => child.kill("SIGKILL"), limitMs);
    child.on("close", (code, signal) => {
      clearTimeout(killer);
      const seconds = (performance.now() - t0) / 1000;
      const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, "utf8")) / 1024 : undefined;
      const outputs: Outcome["outputs"] = [
        { format: c.run === "fix" || c.run === "fix-write" ? "text" : "json", text: stdout },
        { format: "text", text: stderr },
      ];
      if (c.run === "audit" && existsSync(dirs.out))
        for (const f of readdirSync(dirs.out))
          outputs.push({ format: formatOf(f), text: readFileSync(join(dirs.out, f), "utf8") });
      const verdicts: Verdict[] = [];
      const findings: string[] = [];
      try {
        const json = JSON.parse(stdout) as Report & { servers?: { report?: Report }[] };
        for (const r of json.servers ? json.servers.flatMap((s) => (s.report ? [s.report] : [])) : [json]) {
          verdicts.push(r.score.verdict);
          for (const f of r.findings) findings.push(f.id);
        }
      } catch {
        // Not a report: a usage error, --fix output, or an audit (its reports are files).
      }
      resolve({
        exit: signal === "SIGKILL" ? -1 : (code ?? -1),
        verdicts,
        findings,
        outputs,
        stderr,
        seconds,
        rssMb: rss,
      });
    });
  });
}

// ---- what every case must hold to --------------------------------------------------------

// ESC, C1 controls (DEL included), bidi controls and zero-width characters, raw.
const RAW_CONTROLS = /[\u001b\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200b-\u200f]/;

function checkOutcome(c: HostileCase, o: Outcome): void {
  const e = c.expect;
  // MCP_VET_HOSTILE_LOG: one line per case, for the corpus's numbers (issue 14's closing note).
  if (process.env.MCP_VET_HOSTILE_LOG)
    appendFileSync(
      process.env.MCP_VET_HOSTILE_LOG,
      `${JSON.stringify({ id: c.id, class: c.class, exit: o.exit, verdicts: o.verdicts, seconds: Math.round(o.seconds * 10) / 10, rssMb: o.rssMb && Math.round(o.rssMb) })}\n`,
    );
  const timeout = c.timeout ?? DEFAULT_TIMEOUT;
  const all = o.outputs.map((x) => x.text).join("\n");
  if (o.exit === -1) tally.hangs++;
  expect(o.exit, `hang: killed after ${timeout + SLACK_SECONDS} s`).not.toBe(-1);
  expect(o.seconds, "ends within its deadline plus slack").toBeLessThanOrEqual(timeout + SLACK_SECONDS);

  // A crash is a stack trace or an exit code the CLI never gives.
  const crashed = /\n\s+at [^\n]+:\d+:\d+/.test(o.stderr) || ![0, 1, 2, 3].includes(o.exit);
  if (crashed) tally.crashes++;
  expect(crashed, `crash: exit ${o.exit}\n${o.stderr.slice(0, 2000)}`).toBe(false);
  expect(e.exit, `exit ${o.exit}; ${o.stderr.slice(0, 500)}`).toContain(o.exit);
  for (const v of o.verdicts) expect(e.verdicts ?? ["pass", "warn", "fail", "incomplete"]).toContain(v);
  for (const f of e.findings ?? []) expect(o.findings, `finding ${f}`).toContain(f);
  for (const s of e.says ?? []) expect(all).toMatch(s);

  const printed = [CANARY_TOKEN, ...(e.secrets ?? [])].filter((s) => all.includes(s));
  if (printed.length) tally.secrets++;
  expect(printed, "secrets printed").toEqual([]);

  const escaped = o.outputs.filter(
    (x) => RAW_CONTROLS.test(x.text) || (x.format === "html" && /<script>alert|<img src=x/.test(x.text)),
  );
  if (escaped.length) tally.escapes++;
  expect(
    escaped.map((x) => `${x.format}: ${JSON.stringify(x.text.match(RAW_CONTROLS)?.[0] ?? "<script>")}`),
    "raw control, bidi or markup in an output",
  ).toEqual([]);

  if (o.rssMb !== undefined) {
    tally.maxRssMb = Math.max(tally.maxRssMb, Math.round(o.rssMb));
    expect(o.rssMb, "peak RSS, MB").toBeLessThanOrEqual(e.rssMb ?? 1024);
  }
}

/** Files under the case's home and working folder (its cache, output and temp excluded). */
function snapshot(dirs: ReturnType<HostileWorld["caseDirs"]>): Map<string, number> {
  const out = new Map<string, number>();
  const skip = new Set([dirs.cache, dirs.out, dirs.tmp, join(dirs.home, ".cache")]);
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (skip.has(p)) continue;
      const st = statSyncSafe(p);
      if (st?.isDirectory()) walk(p);
      else out.set(relative(dirs.home, p), st?.mtimeMs ?? 0);
    }
  };
  walk(dirs.home);
  walk(dirs.cwd);
  return out;
}

function statSyncSafe(p: string) {
  try {
    // Links are not followed (a case's link loop or link to /etc would make the walk read the
    // whole system, and flake with it); nor are /dev or a FIFO: their own entry is what counts.
    const st = lstatSync(p, { throwIfNoEntry: false });
    return st?.isFIFO() || st?.isCharacterDevice() ? undefined : st;
  } catch {
    return undefined;
  }
}

function checkFiles(
  dirs: ReturnType<HostileWorld["caseDirs"]>,
  before: Map<string, number>,
  writes: string[],
  ownTemp = true,
): void {
  const after = snapshot(dirs);
  const allowed = new Set(writes.map((w) => relative(dirs.home, w)));
  const changed = [...after].filter(([p, m]) => !allowed.has(p) && before.get(p) !== m).map(([p]) => p);
  if (changed.length) tally.escapes++;
  expect(changed, "files written outside the cache, output and temp folders").toEqual([]);
  for (const f of ["/tmp/mcp-vet-escape-1", "/tmp/mcp-vet-escape-abs", "/tmp/mcp-vet-escape-pax"])
    expect(existsSync(f), f).toBe(false);
  if (!ownTemp) return;
  const left = readdirSync(dirs.tmp);
  expect(left, "temp folder left behind").toEqual([]);
}
