/**
 * `npm run accuracy`: how often mcp-vet's verdicts are right, on two labelled sets
 * (test/accuracy/README.md):
 *
 *   benign     the most-downloaded MCP servers at pinned versions, vetted live against the npm
 *              registry; each should pass or warn, and every high or critical finding on one
 *              must be defended by a reviewer's reason in the label file
 *   malicious  small re-creations of documented attacks, served from a loopback fixture
 *              registry with the registry history their labels give; each should fail, for
 *              the reason that names the attack
 *
 * Prints a summary, writes docs/accuracy.md (a full run) or --out, and --json for machines.
 *
 *   node dist/scripts/accuracy.js [--only benign|malicious] [--filter text] [--out file]
 *        [--json file] [--reports dir] [--concurrency n] [--cache dir] [--reanalyse]
 *
 * --render re-renders docs/accuracy.md (or --out) from a saved --json file without vetting again;
 * --reports writes every package's full JSON report there. Cached code analysis is reused while
 * the built analysis code is unchanged, and redone when it changed or with --reanalyse.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import cacache from "cacache";
import pLimit from "p-limit";
import type { Report } from "../reports/model.js";
import { escapeMarkdown } from "../reports/render/escape.js";
import { type Policy, resolvePolicy } from "../scoring/engine/policy.js";
import { SEVERITIES, type Severity } from "../scoring/engine/types.js";
import { HEURISTICS } from "../scoring/heuristics/index.js";
import type { FetchContext } from "../src/collect/context.js";
import { createContext } from "../src/collect/context.js";
import { vet } from "../src/pipeline.js";
import {
  ACCURACY_DIR,
  type BenignPackage,
  LabelError,
  loadBenign,
  loadMalicious,
  type MaliciousCase,
  type MaliciousFile,
  ROOT,
} from "./accuracy-labels.js";
import { startMaliciousWorld } from "./accuracy-world.js";

type Verdict = Report["score"]["verdict"] | "error";
const VERDICTS: Verdict[] = ["fail", "warn", "pass", "incomplete", "error"];
const SERIOUS: ReadonlySet<Severity> = new Set(["critical", "high"]);

interface FindingLine {
  id: string;
  severity: Severity;
  title: string;
  where?: string;
}

interface Vetted {
  spec: string;
  verdict: Verdict;
  score: number | null;
  grade: string | null;
  /** Every finding above info, worst first. */
  findings: FindingLine[];
  unavailable: string[];
  ms: number;
  error?: string;
}

export interface BenignOutcome extends Vetted {
  name: string;
  notes: Record<string, string>;
  kind: string;
  expect: "pass" | "warn";
  /** High or critical findings the label does not defend: false alarms. */
  unreviewed: FindingLine[];
  /** Reviewed ids that no longer fire at high or critical (the reason can go). */
  stale: string[];
  falsePositive: boolean;
}

export interface MaliciousOutcome extends Vetted {
  id: string;
  class: string;
  api: string;
  form: string;
  accept: string[];
  /** Finding ids that would name the attack (the class's and the case's own). */
  naming: string[];
  /** Naming findings present at the case's least severity or above. */
  named: string[];
  status: "caught" | "wrong-reason" | "missed";
}

export interface AccuracyResult {
  generatedAt: string;
  policy: { id: string; requiredSources: string[] };
  benign?: { outcomes: BenignOutcome[]; wallMs: number };
  malicious?: { outcomes: MaliciousOutcome[]; wallMs: number; now: string };
  metrics: Metrics;
}

interface Metrics {
  confusion: Record<"benign" | "malicious", Record<Verdict, number>>;
  /** "fail" as the positive prediction; null when a set did not run. */
  fail: { precision: number | null; recall: number | null };
  failOrWarn: { precision: number | null; recall: number | null };
  /** Malicious cases caught for the right reason. */
  rightReason: { caught: number; total: number };
  benignFail: number;
  benignUnreviewed: number;
}

function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

function findingLines(report: Report): FindingLine[] {
  return report.findings
    .filter((f) => f.severity !== "info")
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity))
    .map((f) => {
      const e = f.evidence.find((x) => x.file);
      return {
        id: f.id,
        severity: f.severity,
        title: f.title,
        ...(e?.file ? { where: `${e.file}${e.line ? `:${e.line}` : ""}` } : {}),
      };
    });
}

/** Where --reports writes each package's full JSON report, when given. */
let reportsDir: string | undefined;

async function vetOne(ctx: FetchContext, spec: string, policy: Policy): Promise<Vetted> {
  const t0 = performance.now();
  try {
    const { report } = await vet(ctx, spec, policy);
    if (reportsDir)
      writeFileSync(
        join(reportsDir, `${spec.replace(/[^a-zA-Z0-9.@-]+/g, "_")}.json`),
        JSON.stringify(report, null, 2),
      );
    return {
      spec,
      verdict: report.score.verdict,
      score: report.score.value,
      grade: report.score.grade,
      findings: findingLines(report),
      unavailable: report.sources.filter((s) => s.status === "unavailable").map((s) => s.id),
      ms: performance.now() - t0,
    };
  } catch (e) {
    return {
      spec,
      verdict: "error",
      score: null,
      grade: null,
      findings: [],
      unavailable: [],
      ms: performance.now() - t0,
      error: (e as Error).message.split("\n")[0]!.slice(0, 300),
    };
  }
}

/**
 * Code analysis is cached by tarball integrity and tool version, not by the analysis code; the
 * harness exists to measure changes to that code, so it drops the cached analyses whenever the
 * built front half (dist/src: analysis, manifest reading, collection) differs from the last run's,
 * or when asked to. Heuristic and scoring changes (dist/scoring) judge the cached evidence as is.
 */
async function refreshAnalysisCache(cacheDir: string, force: boolean): Promise<"kept" | "dropped"> {
  const digest = codeDigest(join(ROOT, "dist", "src"));
  const stamp = join(cacheDir, "analysis-code.sha256");
  const before = existsSync(stamp) ? readFileSync(stamp, "utf8").trim() : "";
  if (!force && before === digest) return "kept";
  const store = join(cacheDir, "_cacache");
  const entries = await cacache.ls(store).catch(() => ({}) as Record<string, unknown>);
  await Promise.all(
    Object.keys(entries)
      .filter((k) => k.startsWith("mcp-vet:evidence:") || k.startsWith("mcp-vet:tree:"))
      .map((k) => cacache.rm.entry(store, k)),
  );
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(stamp, `${digest}\n`);
  return "dropped";
}

function codeDigest(dir: string): string {
  const hash = createHash("sha256");
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".js")) hash.update(entry.name).update(readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest("hex");
}

function progress(set: string, done: number, total: number, label: string, v: Vetted): void {
  process.stderr.write(
    `[${set} ${String(done).padStart(3)}/${total}] ${v.verdict.padEnd(10)} ${String(v.score ?? "-").padStart(3)} ${label}${v.error ? `  (${v.error})` : ""}\n`,
  );
}

async function runBenign(
  packages: BenignPackage[],
  policy: Policy,
  cacheDir: string,
  concurrency: number,
  reanalyse: boolean,
): Promise<{ outcomes: BenignOutcome[]; wallMs: number }> {
  const ctx = await createContext({ cacheDir, useNpmConfig: true });
  const analysis = await refreshAnalysisCache(cacheDir, reanalyse);
  process.stderr.write(
    `benign: cached code analysis ${analysis === "kept" ? "kept (analysis code unchanged)" : "dropped"}\n`,
  );
  const limit = pLimit(concurrency);
  let done = 0;
  const t0 = performance.now();
  const outcomes = await Promise.all(
    packages.map((p) =>
      limit(async () => {
        const v = await vetOne(ctx, `${p.name}@${p.version}`, policy);
        progress("benign", ++done, packages.length, `${p.name}@${p.version}`, v);
        return judgeBenign(p, v);
      }),
    ),
  );
  return { outcomes, wallMs: performance.now() - t0 };
}

export function judgeBenign(p: BenignPackage, v: Vetted): BenignOutcome {
  const serious = v.findings.filter((f) => SERIOUS.has(f.severity));
  const unreviewed = serious.filter((f) => p.reviewed[f.id] === undefined);
  const stale = Object.keys(p.reviewed).filter((id) => !serious.some((f) => f.id === id));
  return {
    ...v,
    name: p.name,
    notes: p.notes ?? {},
    kind: p.kind,
    expect: p.expect,
    unreviewed,
    stale,
    falsePositive: v.verdict === "fail" || unreviewed.length > 0,
  };
}

async function runMalicious(
  labels: MaliciousFile,
  cases: MaliciousCase[],
  policy: Policy,
  cacheDir: string,
  concurrency: number,
): Promise<{ outcomes: MaliciousOutcome[]; wallMs: number; now: string }> {
  // Fresh each run: the world is local, and a case edited since the last run must not hit a stale cache.
  rmSync(cacheDir, { recursive: true, force: true });
  const world = await startMaliciousWorld(labels, cases, join(cacheDir, "pack"));
  try {
    const ctx = await createContext({
      cacheDir,
      registry: world.server.url(),
      useNpmConfig: false,
      githubApiUrl: world.server.url("/github"),
      osvApiUrl: world.server.url("/osv"),
      mcpRegistryUrl: world.server.url("/mcp-registry"),
      env: {},
      now: labels.now,
    });
    const limit = pLimit(concurrency);
    let done = 0;
    const t0 = performance.now();
    const outcomes = await Promise.all(
      cases.map((c) =>
        limit(async () => {
          const v = await vetOne(ctx, world.specs.get(c.id)!, policy);
          progress("malicious", ++done, cases.length, c.id, v);
          return judgeMalicious(labels, c, v);
        }),
      ),
    );
    return { outcomes, wallMs: performance.now() - t0, now: labels.now };
  } finally {
    await world.stop();
  }
}

export function judgeMalicious(labels: MaliciousFile, c: MaliciousCase, v: Vetted): MaliciousOutcome {
  const naming = [...new Set([...(labels.classes[c.class]?.findings ?? []), ...c.reasons])];
  const least = severityRank(c.minSeverity);
  const named = [
    ...new Set(
      v.findings.filter((f) => naming.includes(f.id) && severityRank(f.severity) <= least).map((f) => f.id),
    ),
  ];
  const accepted = (c.accept as string[]).includes(v.verdict);
  return {
    ...v,
    id: c.id,
    class: c.class,
    api: c.api,
    form: c.form,
    accept: c.accept,
    naming,
    named,
    status: !accepted ? "missed" : named.length > 0 ? "caught" : "wrong-reason",
  };
}

function ratio(n: number, d: number): number | null {
  return d === 0 ? null : n / d;
}

export function metricsOf(
  benign: BenignOutcome[] | undefined,
  malicious: MaliciousOutcome[] | undefined,
): Metrics {
  const empty = (): Record<Verdict, number> => ({ fail: 0, warn: 0, pass: 0, incomplete: 0, error: 0 });
  const confusion = { benign: empty(), malicious: empty() };
  for (const o of benign ?? []) confusion.benign[o.verdict]++;
  for (const o of malicious ?? []) confusion.malicious[o.verdict]++;
  const both = benign !== undefined && malicious !== undefined;
  const m = confusion.malicious;
  const b = confusion.benign;
  const mTotal = malicious?.length ?? 0;
  return {
    confusion,
    fail: {
      precision: both ? ratio(m.fail, m.fail + b.fail) : null,
      recall: malicious ? ratio(m.fail, mTotal) : null,
    },
    failOrWarn: {
      precision: both ? ratio(m.fail + m.warn, m.fail + m.warn + b.fail + b.warn) : null,
      recall: malicious ? ratio(m.fail + m.warn, mTotal) : null,
    },
    rightReason: { caught: (malicious ?? []).filter((o) => o.status === "caught").length, total: mTotal },
    benignFail: b.fail,
    benignUnreviewed: (benign ?? []).filter((o) => o.unreviewed.length > 0).length,
  };
}

// ---- rendering ------------------------------------------------------------------------------

function pct(x: number | null): string {
  return x === null ? "n/a" : `${(x * 100).toFixed(1)}%`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function timing(outcomes: Vetted[], wallMs: number): string {
  const ms = outcomes.map((o) => o.ms);
  return `wall ${seconds(wallMs)}, per package median ${seconds(median(ms))}, max ${seconds(Math.max(0, ...ms))}`;
}

const md = (s: string, max = 200) => escapeMarkdown(s, max);
/** The label files' own text (reviewers' notes): ours, so Markdown is kept; only kept to one line. */
const oneLine = (s: string) => s.replace(/\s*[\r\n]+\s*/g, " ").slice(0, 400);
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

function findingList(fs: FindingLine[], mark?: (f: FindingLine) => string): string {
  if (fs.length === 0) return "—";
  return fs.map((f) => `${code(f.id)} ${f.severity}${mark ? mark(f) : ""}`).join(", ");
}

export function renderMarkdown(r: AccuracyResult): string {
  const out: string[] = [];
  const m = r.metrics;
  out.push(
    "# Accuracy",
    "",
    "<!-- Generated by `npm run accuracy` (scripts/accuracy.ts). Do not edit: rerun it to regenerate. -->",
    "",
    `Generated ${r.generatedAt.slice(0, 10)} by \`npm run accuracy\` under the policy ${code(r.policy.id)} ` +
      `(test/accuracy/policy.json: required sources ${r.policy.requiredSources.map(code).join(", ")}). ` +
      "The labelled sets, and how to add to them, are described in test/accuracy/README.md.",
    "",
    "- **Benign**: the most-downloaded MCP servers (test/accuracy/benign.json), at pinned versions, vetted live " +
      "against the npm registry with whatever other sources answer. A false positive is a benign package that " +
      "fails, or that carries a high or critical finding the label's reviewer did not defend.",
    "- **Malicious**: re-created attacks (test/accuracy/malicious/), vetted against a loopback fixture registry " +
      "with the registry history their labels give, the run's clock pinned. A false negative is a case that does " +
      'not reach its expected verdict, or reaches it without the finding that names the attack ("wrong reason").',
    "- **Sources and `incomplete`**: the policy requires only the npm packument and tarball. GitHub, OSV and the " +
      "MCP registry may not answer where the benign set is vetted (they do not on the development machines); " +
      "requiring them would make every verdict `incomplete` and measure nothing, so their absence lowers scores " +
      "(unknown categories) but never decides a verdict here. An `incomplete` verdict therefore means the package " +
      "itself could not be read; it counts as neither a false positive nor a catch.",
    '- **Precision and recall** treat `fail` as the positive prediction, over both sets together; "fail or warn" ' +
      "also counts warnings as positive.",
    "",
    "## Summary",
    "",
    "| measure | value |",
    "| --- | --- |",
    `| precision of \`fail\` (malicious among all fails) | ${pct(m.fail.precision)} |`,
    `| recall of \`fail\` (malicious cases that fail) | ${pct(m.fail.recall)} |`,
    `| precision of \`fail\` or \`warn\` | ${pct(m.failOrWarn.precision)} |`,
    `| recall of \`fail\` or \`warn\` | ${pct(m.failOrWarn.recall)} |`,
    `| malicious caught for the right reason | ${m.rightReason.caught} of ${m.rightReason.total} |`,
    `| benign that fail | ${m.benignFail} of ${r.benign?.outcomes.length ?? 0} |`,
    `| benign with an undefended high or critical finding | ${m.benignUnreviewed} of ${r.benign?.outcomes.length ?? 0} |`,
    `| benign verdict as the reviewer expected | ${r.benign?.outcomes.filter((o) => o.verdict === o.expect).length ?? 0} of ${r.benign?.outcomes.length ?? 0} |`,
  );
  if (r.benign) out.push(`| benign timing | ${timing(r.benign.outcomes, r.benign.wallMs)} |`);
  if (r.malicious) out.push(`| malicious timing | ${timing(r.malicious.outcomes, r.malicious.wallMs)} |`);
  out.push(
    "",
    "## Confusion table",
    "",
    "| actual \\ verdict | fail | warn | pass | incomplete | error |",
    "| --- | --- | --- | --- | --- | --- |",
  );
  for (const set of ["benign", "malicious"] as const) {
    const row = m.confusion[set];
    out.push(`| ${set} | ${VERDICTS.map((v) => row[v]).join(" | ")} |`);
  }

  if (r.benign) {
    const fps = r.benign.outcomes.filter((o) => o.falsePositive);
    out.push("", `## False positives (${fps.length})`, "");
    if (fps.length === 0) out.push("None.");
    for (const o of fps) {
      const why =
        o.verdict === "fail" ? `**${o.verdict}** ${o.score ?? "-"}` : `${o.verdict} ${o.score ?? "-"}`;
      out.push(
        `- ${code(o.spec)} — ${why}; undefended: ${findingList(o.unreviewed, (f) => (f.where ? ` (${md(f.where, 120)})` : ""))}`,
      );
      // The reviewer's diagnosis, once per finding id.
      for (const id of new Set(o.unreviewed.map((f) => f.id)))
        if (o.notes[id]) out.push(`  - ${code(id)}: ${oneLine(o.notes[id])}`);
    }
  }
  if (r.benign) {
    // Which heuristics the false alarms come from: where detection work pays most.
    const byId = new Map<string, { packages: Set<string>; severities: Set<string> }>();
    for (const o of r.benign.outcomes)
      for (const f of o.unreviewed) {
        const e = byId.get(f.id) ?? { packages: new Set(), severities: new Set() };
        e.packages.add(o.name);
        e.severities.add(f.severity);
        byId.set(f.id, e);
      }
    if (byId.size) {
      out.push(
        "",
        "### Undefended findings by heuristic",
        "",
        "| finding | benign packages | severities |",
        "| --- | --- | --- |",
      );
      for (const [id, e] of [...byId].sort(
        (a, b) => b[1].packages.size - a[1].packages.size || a[0].localeCompare(b[0]),
      ))
        out.push(`| ${code(id)} | ${e.packages.size} | ${[...e.severities].join(", ")} |`);
    }
  }
  if (r.malicious) {
    const fns = r.malicious.outcomes.filter((o) => o.status !== "caught");
    out.push("", `## False negatives (${fns.length})`, "");
    if (fns.length === 0) out.push("None.");
    for (const o of fns) {
      const what =
        o.status === "missed"
          ? `**${o.verdict}** ${o.score ?? "-"}`
          : `${o.verdict} ${o.score ?? "-"}, wrong reason`;
      out.push(
        `- ${code(o.id)} (${code(o.class)}) — ${what}; wanted ${o.naming.length ? o.naming.map(code).join(" or ") : "a heuristic for this class (none yet)"}; found ${findingList(o.findings.filter((f) => SERIOUS.has(f.severity) || f.severity === "medium"))}`,
      );
    }
  }

  if (r.malicious) {
    out.push(
      "",
      "## Malicious cases",
      "",
      `Clock pinned at ${r.malicious.now}.`,
      "",
      "| case | class | api / form | verdict | score | status | findings (medium and above) |",
      "| --- | --- | --- | --- | --- | --- | --- |",
    );
    for (const o of r.malicious.outcomes) {
      out.push(
        `| ${code(o.id)} | ${code(o.class)} | ${o.api} / ${o.form} | ${o.verdict} | ${o.score ?? "-"} | ${o.status} | ${findingList(
          o.findings.filter((f) => severityRank(f.severity) <= severityRank("medium")),
          (f) => (o.named.includes(f.id) ? " ✓" : ""),
        )} |`,
      );
    }
  }
  if (r.benign) {
    const unavailable = new Map<string, number>();
    for (const o of r.benign.outcomes)
      for (const s of o.unavailable) unavailable.set(s, (unavailable.get(s) ?? 0) + 1);
    out.push(
      "",
      "## Benign packages",
      "",
      `Sources that did not answer: ${
        unavailable.size ? [...unavailable].map(([s, n]) => `${code(s)} for ${n}`).join(", ") : "none"
      }. Findings marked ✓ are defended by the label's reviewer.`,
      "",
      "| package | expected | verdict | score | high and critical findings |",
      "| --- | --- | --- | --- | --- |",
    );
    for (const o of r.benign.outcomes) {
      const serious = o.findings.filter((f) => SERIOUS.has(f.severity));
      out.push(
        `| ${code(o.spec)} | ${o.expect} | ${o.verdict}${o.error ? ` (${md(o.error, 100)})` : ""} | ${o.score ?? "-"}${o.grade ? ` ${o.grade}` : ""} | ${findingList(
          serious,
          (f) => (o.unreviewed.includes(f) ? "" : " ✓"),
        )} |`,
      );
    }
    const stale = r.benign.outcomes.filter((o) => o.stale.length > 0);
    if (stale.length) {
      out.push("", "Reviewed reasons no longer needed (the finding is gone or below high):", "");
      for (const o of stale) out.push(`- ${code(o.spec)}: ${o.stale.map(code).join(", ")}`);
    }
  }
  return `${out.join("\n")}\n`;
}

/**
 * A saved result judged again under today's labels: a reviewer's new reason or a relabelled case
 * shows without vetting again (the vetted verdicts and findings are as saved).
 */
function rejudge(saved: AccuracyResult, ids: ReadonlySet<string>): AccuracyResult {
  const benignLabels = new Map(loadBenign().packages.map((p) => [p.name, p]));
  const labels = loadMalicious(undefined, ids);
  const cases = new Map(labels.cases.map((c) => [c.id, c]));
  const benign = saved.benign && {
    ...saved.benign,
    outcomes: saved.benign.outcomes.map((o) => {
      const p = benignLabels.get(o.name);
      return p ? judgeBenign(p, o) : o;
    }),
  };
  const malicious = saved.malicious && {
    ...saved.malicious,
    outcomes: saved.malicious.outcomes.map((o) => {
      const c = cases.get(o.id);
      return c ? judgeMalicious(labels, c, o) : o;
    }),
  };
  return { ...saved, benign, malicious, metrics: metricsOf(benign?.outcomes, malicious?.outcomes) };
}

function summary(r: AccuracyResult): string {
  const m = r.metrics;
  const lines = [
    "",
    `precision(fail) ${pct(m.fail.precision)}  recall(fail) ${pct(m.fail.recall)}  ` +
      `precision(fail|warn) ${pct(m.failOrWarn.precision)}  recall(fail|warn) ${pct(m.failOrWarn.recall)}`,
    `right reason: ${m.rightReason.caught}/${m.rightReason.total}   benign fail: ${m.benignFail}   benign with undefended high/critical: ${m.benignUnreviewed}`,
  ];
  for (const set of ["benign", "malicious"] as const)
    lines.push(`${set.padEnd(9)} ${VERDICTS.map((v) => `${v} ${m.confusion[set][v]}`).join("  ")}`);
  if (r.benign) lines.push(`benign    ${timing(r.benign.outcomes, r.benign.wallMs)}`);
  if (r.malicious) lines.push(`malicious ${timing(r.malicious.outcomes, r.malicious.wallMs)}`);
  return `${lines.join("\n")}\n`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: "string" },
      filter: { type: "string" },
      out: { type: "string" },
      json: { type: "string" },
      concurrency: { type: "string", default: "5" },
      cache: { type: "string", default: join(ROOT, ".bench", "accuracy-cache") },
      reanalyse: { type: "boolean", default: false },
      reports: { type: "string" },
      render: { type: "string" },
    },
  });
  const ids = new Set(HEURISTICS.map((h) => h.definition.id));
  if (values.render) {
    // Re-render a saved --json result (after a change to the page, without vetting again).
    const saved = rejudge(JSON.parse(readFileSync(values.render, "utf8")) as AccuracyResult, ids);
    const out = values.out ?? join(ROOT, "docs", "accuracy.md");
    writeFileSync(out, renderMarkdown(saved));
    process.stdout.write(`${summary(saved)}wrote ${out}\n`);
    return;
  }
  if (values.only && values.only !== "benign" && values.only !== "malicious")
    throw new LabelError("--only takes benign or malicious");
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new LabelError("--concurrency takes a whole number");
  const filter = values.filter?.toLowerCase();
  if (values.reports) {
    reportsDir = values.reports;
    mkdirSync(reportsDir, { recursive: true });
  }
  const policy = resolvePolicy(
    JSON.parse(readFileSync(join(ACCURACY_DIR, "policy.json"), "utf8")),
    "test/accuracy/policy.json",
  );

  const result: AccuracyResult = {
    generatedAt: new Date().toISOString(),
    policy: { id: policy.id, requiredSources: policy.requiredSources },
    metrics: metricsOf(undefined, undefined),
  };
  if (values.only !== "malicious") {
    const benign = loadBenign().packages.filter((p) => !filter || p.name.toLowerCase().includes(filter));
    result.benign = await runBenign(
      benign,
      policy,
      join(values.cache, "benign"),
      concurrency,
      values.reanalyse,
    );
  }
  if (values.only !== "benign") {
    const labels = loadMalicious(undefined, ids);
    const cases = labels.cases.filter(
      (c) => !filter || c.id.includes(filter) || c.class.toLowerCase().includes(filter),
    );
    result.malicious = await runMalicious(
      labels,
      cases,
      policy,
      join(values.cache, "malicious"),
      concurrency,
    );
  }
  result.metrics = metricsOf(result.benign?.outcomes, result.malicious?.outcomes);

  process.stdout.write(summary(result));
  // A partial run (--only, --filter) does not overwrite the committed summary unless asked to.
  const out = values.out ?? (values.only || values.filter ? undefined : join(ROOT, "docs", "accuracy.md"));
  if (out) {
    writeFileSync(out, renderMarkdown(result));
    process.stdout.write(`wrote ${out}\n`);
  }
  if (values.json) {
    mkdirSync(join(values.json, ".."), { recursive: true });
    writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`wrote ${values.json}\n`);
  }
}

// Run as a script, not when the label test imports the judging functions.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error(`accuracy: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  });
}
