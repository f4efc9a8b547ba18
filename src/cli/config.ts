import { copyFile, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { resolve } from "node:path";
import type { Command } from "commander";
import type { ConfigRun } from "../../reports/model.js";
import { renderConfigText } from "../../reports/render/config-text.js";
import { sanitizeLine } from "../../reports/render/sanitize.js";
import type { Severity } from "../../scoring/engine/types.js";
import { auditConfigs } from "../clientconfig/audit-configs.js";
import { encodeConfigText, fixConfig, readConfigForFix } from "../clientconfig/index.js";
import { exitCodeFor } from "../pipeline.js";
import {
  addCommonOptions,
  addFormatOptions,
  applyFailOn,
  type CommonFlags,
  checkOutputWritable,
  contextFrom,
  emit,
  failOnOption,
  formatOf,
  loadPolicy,
  type OutputFlags,
  probeOptions,
  renderView,
  UsageError,
  useColor,
} from "./common.js";

interface ConfigFlags extends CommonFlags, OutputFlags {
  fix?: boolean;
  write?: boolean;
  failOn?: Severity;
}

const HELP = `
With no files, reads the config files of Claude Desktop, Claude Code, Cursor, VS Code,
Windsurf, Cline, Zed, Gemini CLI and others from their usual places, and says which it found.
npm servers are vetted with the full pipeline; Python, Docker, remote and local servers get
the configuration checks only.

Examples:
  $ mcp-vet config
  $ mcp-vet config ~/.cursor/mcp.json .vscode/mcp.json --json --output config-report.json
  $ mcp-vet config .mcp.json --fix             (print the corrected file)
  $ mcp-vet config .mcp.json --fix --write     (write it, keeping a .bak copy)
  $ mcp-vet config .vscode/mcp.json --fail-on high   (a CI gate on findings)

Exit codes:
  0  every server vetted: pass or warn
  1  a server fails (a credential written into the file always does), or a finding at
     --fail-on's severity or above
  2  usage error, or none of the files given could be read
  3  no failure, but a server could not be vetted (a required source, e.g. OSV, unavailable)
`;

export function registerConfig(program: Command): void {
  const cmd = addFormatOptions(
    program
      .command("config [files...]")
      .description("audit MCP client config files and vet every server they start"),
  )
    .option("--fix", "print each file corrected: secrets moved to environment references, packages pinned")
    .option("--write", "with --fix: write the corrected files, keeping a backup beside each")
    .addOption(failOnOption())
    .addHelpText("after", HELP)
    .action(async (files: string[], flags: ConfigFlags) => {
      process.exitCode = await runConfig(files, flags);
    });
  addCommonOptions(cmd);
}

async function runConfig(paths: string[], flags: ConfigFlags): Promise<number> {
  if (flags.write && !flags.fix) throw new UsageError("--write needs --fix");
  const probe = probeOptions(flags);
  await checkOutputWritable(flags.output);
  const policy = await loadPolicy(flags.policy);
  const ctx = await contextFrom(flags, policy);
  const home = process.env.HOME || process.env.USERPROFILE || homedir();
  const run = await auditConfigs(ctx, policy, {
    paths: paths.map((p) => resolve(p)),
    home,
    cwd: process.cwd(),
    env: process.env,
    ...(probe ? { probe } : {}),
  });
  if (paths.length && run.files.length === 0) {
    throw new UsageError(
      `no config file could be read: ${run.missing.map((m) => `${m.path} (${m.reason})`).join(", ")}`,
    );
  }

  if (flags.fix) return fixFiles(run, flags);

  const format = formatOf(flags);
  const reports = run.servers.flatMap((s) => (s.report ? [s.report] : []));
  const rendered =
    format === "sarif" || format === "markdown" || format === "html"
      ? renderView(format, reports, "mcp-vet: MCP client configs")
      : format === "json"
        ? `${JSON.stringify({ schemaVersion: 1, kind: "config-audit", generatedAt: ctx.now, ...run }, null, 2)}\n`
        : renderConfigText(run, {
            color: useColor(flags, !flags.output),
            verbose: flags.verbose === true,
            quiet: flags.quiet === true,
          });
  await emit(flags, rendered);
  return applyFailOn(exitCodeForRun(run), reports, flags.failOn, flags.quiet);
}

/** Any failing server fails the run; otherwise any server that could not be vetted makes it incomplete. */
function exitCodeForRun(run: ConfigRun): 0 | 1 | 3 {
  const codes = run.servers.map((s) => (s.report ? exitCodeFor(s.report) : 3));
  if (codes.includes(1)) return 1;
  return codes.includes(3) ? 3 : 0;
}

async function fixFiles(run: ConfigRun, flags: ConfigFlags): Promise<number> {
  let failed = false;
  for (const f of run.files) {
    // Pin each npm server to the version that was just vetted.
    const pins: Record<string, string> = {};
    for (const s of run.servers) {
      if (s.file === f.path && s.report?.target.version && s.vetted === "package")
        pins[s.name] = s.report.target.version;
    }
    const src = await readConfigForFix({ client: f.client, path: f.path, scope: f.scope });
    if ("error" in src) {
      process.stderr.write(`mcp-vet: ${sanitizeLine(f.path)}: not fixed: ${sanitizeLine(src.error)}\n`);
      failed = true;
      continue;
    }
    const result = fixConfig(src.text, src.parsed.entries, pins);
    // Changes and warnings quote server names and specs from the file: hostile text.
    process.stderr.write(`── ${sanitizeLine(f.path)}: ${result.changes.length} change(s)\n`);
    for (const c of result.changes) process.stderr.write(`   ${sanitizeLine(c, 400)}\n`);
    for (const w of result.warnings) process.stderr.write(`   ! ${sanitizeLine(w, 400)}\n`);
    if (!flags.write) {
      process.stdout.write(result.text.endsWith("\n") ? result.text : `${result.text}\n`);
      continue;
    }
    if (result.changes.length === 0) continue;
    const backup = `${f.path}.bak-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    await copyFile(f.path, backup);
    await writeFile(f.path, encodeConfigText(result.text, src.encoding));
    process.stderr.write(`   written; the original is kept as ${backup}\n`);
  }
  return failed ? 3 : 0;
}
