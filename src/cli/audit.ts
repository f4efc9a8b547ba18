import { dirname, join, resolve } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import type { AuditIndex } from "../../reports/index-model.js";
import { SOURCE_CHECKS } from "../../reports/model.js";
import type { AuditView } from "../../reports/render/report-set.js";
import { sanitizeLine } from "../../reports/render/sanitize.js";
import { loadBaseline } from "../audit/diff.js";
import { readAuditOutput, writeAuditOutput, writeAuditOutputSync } from "../audit/files.js";
import { discoverOrg } from "../audit/github-org.js";
import { AuditUsageError, expandConfigTargets, loadInventory } from "../audit/inventory.js";
import { auditExitCode, mergeAudits, newAuditSoFar, partialAudit, runAudit } from "../audit/run.js";
import { parseShard } from "../audit/shard.js";
import type { SourceId } from "../evidence/index.js";
import { onInterrupt } from "../interrupt.js";
import { makeTempDir, removeTempDir } from "../temp.js";
import {
  addCommonOptions,
  type CommonFlags,
  checkFolderWritable,
  contextFrom,
  FORMATS,
  loadPolicy,
  probeOptions,
} from "./common.js";

/** Flags `audit` and `merge` share: where the report set goes and how it is judged against a baseline. */
interface SetFlags {
  outDir?: string;
  baseline?: string;
  scoreThreshold: number;
  failOn: "any" | "new";
  quiet?: boolean;
  /** Human views to write; undefined: the default set. */
  format?: AuditView[];
}

interface AuditFlags extends SetFlags, CommonFlags {
  concurrency: number;
  shard?: string;
  fromConfigs?: string;
  githubOrg?: string;
}

const positiveInt = (name: string, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`${name} must be 1..${max}`);
  return n;
};
const nonNegative = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError("must be a number >= 0");
  return n;
};

/**
 * `--format`, as vet's choices, repeatable or comma-separated: which human views the report
 * set holds. JSON (per target and index.json) is always written; `json` alone asks for nothing more.
 */
const formatList = (value: string, previous: AuditView[] | undefined): AuditView[] => {
  const out = [...(previous ?? [])];
  for (const v of value
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean)) {
    if (!(FORMATS as readonly string[]).includes(v))
      throw new InvalidArgumentError(`Allowed choices are ${FORMATS.join(", ")}.`);
    if (v !== "json" && !out.includes(v as AuditView)) out.push(v as AuditView);
  }
  return out;
};

const AUDIT_HELP = `
Inventory (YAML or JSON):
  packages: [mcp-remote, { name: "@acme/server", version: "^1.2.0" }]
  repos: [acme/mcp-tools]
  configs: [.cursor/mcp.json, "projects/*/.vscode/mcp.json"]   (each server they start is vetted)
  --from-configs DIR and --github-org ORG add targets found on disk or by GitHub code search.

Output (--out-dir, default reports/<UTC date>/): one JSON report per target, index.json,
and the views --format names (default markdown, html, sarif: report.md, report.html,
report.sarif; text adds report.txt; json alone writes only the JSON).
Interrupted (Ctrl-C), the targets finished so far are written, index.json marked partial.

Exit codes:
  0  no target fails
  1  a target fails (--fail-on new: a failing target has findings absent from the baseline),
     or a tool definition changed within the same version (rug pull)
  2  usage error (bad inventory, flags or baseline, an --out-dir that cannot be written)
  3  no failures, but a target could not be audited, or only incompletely (a required
     source such as OSV did not answer)
  130  interrupted (Ctrl-C); what finished is written, index.json marked partial
`;

/** `mcp-vet audit <inventory>` and `mcp-vet merge <dirs...>`. */
export function registerAudit(program: Command): void {
  const common = (cmd: Command) =>
    cmd
      .option("--out-dir <dir>", "output folder (default reports/<UTC date>/)")
      .option("--baseline <path>", "a previous index.json (or its folder) to diff against")
      .option("--score-threshold <n>", "report score changes larger than this", nonNegative, 5)
      .addOption(
        new Option("--fail-on <when>", "exit 1 on any failing target, or only on new findings")
          .choices(["any", "new"])
          .default("any"),
      )
      .option(
        "-f, --format <formats>",
        `human views to write beside the JSON, repeatable or comma-separated: ${FORMATS.join(", ")} (default markdown,html,sarif)`,
        formatList,
      );

  const auditCommand = common(
    program
      .command("audit [inventory]")
      .description(
        "audit every MCP server of an inventory: a report set for procurement, CI and code scanning",
      ),
  )
    .option("--concurrency <n>", "targets vetted at once", positiveInt("--concurrency", 64), 8)
    .option("--shard <i/n>", "audit only shard i of n (stable by target); join shards with `mcp-vet merge`")
    .option("--from-configs <dir>", "also audit every MCP client config file under this folder tree")
    .option(
      "--github-org <org>",
      "also audit the MCP configs and MCP server dependencies that GitHub code search finds in an organisation (needs GITHUB_TOKEN)",
    )
    .addHelpText("after", AUDIT_HELP)
    .action(async (inventory: string | undefined, flags: AuditFlags) => {
      process.exitCode = await guard(() => audit(inventory, flags));
    });
  addCommonOptions(auditCommand);

  common(program.command("merge <dirs...>").description("join the outputs of `mcp-vet audit --shard` runs"))
    .option("-q, --quiet", "no summary")
    .action(async (dirs: string[], flags: SetFlags) => {
      process.exitCode = await guard(() => merge(dirs, flags));
    });
}

async function guard(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof AuditUsageError)) throw err;
    process.stderr.write(`mcp-vet: ${err.message}\n`);
    return 2;
  }
}

async function audit(inventoryPath: string | undefined, flags: AuditFlags): Promise<number> {
  if (!inventoryPath && !flags.fromConfigs && !flags.githubOrg) {
    throw new AuditUsageError("give an inventory file, --from-configs DIR or --github-org ORG");
  }
  const listed = inventoryPath ? await loadInventory(inventoryPath) : [];
  const base = inventoryPath ? dirname(resolve(inventoryPath)) : process.cwd();
  const shard = flags.shard ? parseShard(flags.shard) : undefined;
  const baseline = flags.baseline ? await loadBaseline(flags.baseline) : undefined;
  const probe = probeOptions(flags);
  const policy = await loadPolicy(flags.policy);
  const ctx = await contextFrom({ ...flags, quiet: true }, policy);
  const outDir = flags.outDir ?? join("reports", ctx.now.slice(0, 10));
  await checkFolderWritable("--out-dir", outDir);
  // Config files found on GitHub are copied here for the run and removed after it.
  const workDir = flags.githubOrg ? await makeTempDir("mcp-vet-org-") : undefined;
  let offInterrupt = () => {};
  try {
    if (flags.githubOrg && workDir) {
      const found = await discoverOrg(ctx, flags.githubOrg, workDir);
      for (const t of found.targets) listed.push(t);
      if (!flags.quiet) for (const n of found.notes.slice(0, 20)) process.stderr.write(`mcp-vet: ${n}\n`);
    }
    const targets = await expandConfigTargets(listed, base, flags.fromConfigs);
    const progress = new Progress(!flags.quiet && process.stderr.isTTY === true);
    // Ctrl-C keeps what is finished: written as a report set whose index says it is partial.
    const soFar = newAuditSoFar();
    offInterrupt = onInterrupt((signal) => {
      const meta = { inventory: inventoryPath ?? null, shard: shard ?? null, generatedAt: ctx.now };
      writeAuditOutputSync(outDir, partialAudit(soFar, meta, signal), flags.format);
      return `${soFar.finished} of ${soFar.planned} targets written to ${sanitizeLine(outDir, 200)} (index.json marked partial)`;
    });
    const result = await runAudit(ctx, targets, policy, {
      soFar,
      concurrency: flags.concurrency,
      shard,
      inventory: inventoryPath,
      baseline,
      scoreThreshold: flags.scoreThreshold,
      noDeps: !flags.deps,
      includeDev: flags.includeDev,
      ...(probe ? { probe } : {}),
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.end();
    await writeAuditOutput(outDir, result, flags.format);
    offInterrupt();
    if (!flags.quiet) process.stderr.write(summaryLine(result.index, outDir));
    return auditExitCode(result.index, flags.failOn);
  } finally {
    offInterrupt();
    if (workDir) await removeTempDir(workDir);
  }
}

async function merge(dirs: string[], flags: SetFlags): Promise<number> {
  if (!flags.outDir) throw new AuditUsageError("merge needs --out-dir");
  await checkFolderWritable("--out-dir", flags.outDir);
  const parts = [];
  for (const dir of dirs) parts.push(await readAuditOutput(dir));
  const baseline = flags.baseline ? await loadBaseline(flags.baseline) : undefined;
  const result = mergeAudits(parts, { baseline, scoreThreshold: flags.scoreThreshold });
  await writeAuditOutput(flags.outDir, result, flags.format);
  if (!flags.quiet) process.stderr.write(summaryLine(result.index, flags.outDir));
  return auditExitCode(result.index, flags.failOn);
}

function summaryLine(index: AuditIndex, outDir: string): string {
  const s = index.summary;
  const rug = index.diff?.toolChanges.filter((c) => c.rugPull).length ?? 0;
  const lines = [
    `mcp-vet audit: ${s.targets} targets: ${s.pass} pass, ${s.warn} warn, ${s.fail} fail, ${s.incomplete} incomplete, ${s.errors} not audited → ${outDir}`,
  ];
  // What could not be checked is said with the counts, not left to the reports.
  const missing = Object.entries(s.coverage?.notChecked ?? {});
  if (missing.length) {
    const what = missing
      .sort((a, b) => b[1] - a[1])
      .map(([source, n]) => `${SOURCE_CHECKS[source as SourceId] ?? source} for ${n}`);
    lines.unshift(`mcp-vet audit: NOT checked: ${what.join(", ")} (of ${s.targets - s.errors} vetted)`);
  }
  if (index.partial)
    lines.push(`  PARTIAL: interrupted after ${index.partial.finished} of ${index.partial.planned} targets`);
  if (index.diff) {
    lines.push(
      `  since ${index.diff.baseline.generatedAt}: ${index.diff.newFindings.length} new findings, ${index.diff.resolvedFindings.length} resolved`,
    );
  }
  const gained = index.diff?.capabilityChanges.filter((c) => c.gained.length) ?? [];
  if (gained.length) {
    const shown = gained.slice(0, 3).map((c) => `${sanitizeLine(c.key, 80)} (${c.gained.join(", ")})`);
    lines.push(
      `  capabilities gained: ${shown.join(", ")}${gained.length > 3 ? `, … ${gained.length - 3} more` : ""}`,
    );
  }
  if (rug)
    lines.push(`  RUG PULL: ${rug} tool definition(s) changed within the same version; see report.html`);
  return `${lines.join("\n")}\n`;
}

/** One redrawn stderr line on a terminal; nothing otherwise. */
class Progress {
  private last = "";
  constructor(private readonly enabled: boolean) {}
  update(done: number, total: number): void {
    if (!this.enabled) return;
    const width = 30;
    const filled = total ? Math.round((done / total) * width) : width;
    this.last = `[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total}`;
    process.stderr.write(`\r${this.last}`);
  }
  end(): void {
    if (this.enabled && this.last) process.stderr.write("\n");
  }
}
