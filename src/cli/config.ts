import { createHash, randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { chmod, copyFile, lstat, mkdir, realpath, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import type { ConfigRun } from "../../reports/model.js";
import { renderConfigText } from "../../reports/render/config-text.js";
import { jsonText } from "../../reports/render/json.js";
import { sanitizeLine } from "../../reports/render/sanitize.js";
import type { Severity } from "../../scoring/engine/types.js";
import { auditConfigs, configExitCode } from "../clientconfig/audit-configs.js";
import { encodeConfigText, fixConfig, readConfigForFix } from "../clientconfig/index.js";
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

  if (flags.fix) return fixFiles(run, flags, ctx.cacheDir);

  const format = formatOf(flags);
  const reports = run.servers.flatMap((s) => (s.report ? [s.report] : []));
  const rendered =
    format === "sarif" || format === "markdown" || format === "html"
      ? renderView(format, reports, "mcp-vet: MCP client configs")
      : format === "json"
        ? jsonText({ schemaVersion: 1, kind: "config-audit", generatedAt: ctx.now, ...run })
        : renderConfigText(run, {
            color: useColor(flags, !flags.output),
            verbose: flags.verbose === true,
            quiet: flags.quiet === true,
          });
  await emit(flags, rendered);
  return applyFailOn(configExitCode(run), reports, flags.failOn, flags.quiet);
}

async function fixFiles(run: ConfigRun, flags: ConfigFlags, cacheDir: string): Promise<number> {
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
    const written = await writeFixed(f.path, encodeConfigText(result.text, src.encoding), cacheDir);
    if ("error" in written) {
      process.stderr.write(
        `mcp-vet: ${sanitizeLine(f.path)}: not written: ${sanitizeLine(written.error, 300)}\n`,
      );
      failed = true;
      continue;
    }
    process.stderr.write(
      `   written; the original (credentials included) is kept as ${sanitizeLine(written.backup, 300)}\n`,
    );
  }
  return failed ? 3 : 0;
}

/**
 * Writes a fixed config in place of the original, safely:
 * - never through a symbolic link (the file or a folder above it): the target may be outside
 *   the project, and the user asked to fix this file, not that one;
 * - through a temp file beside it and a rename, so a crash leaves the original whole and a
 *   hard link elsewhere keeps its own copy;
 * - the original, credentials included, is backed up outside the working tree, in the cache
 *   folder, readable by the user alone (0600), where no commit picks it up.
 */
async function writeFixed(
  path: string,
  bytes: Buffer,
  cacheDir: string,
): Promise<{ backup: string } | { error: string }> {
  const full = resolve(path);
  const info = await lstat(full).catch(() => undefined);
  if (!info) return { error: "it is gone" };
  if (info.isSymbolicLink())
    return { error: "it is a symbolic link; run --fix --write on the file it points to" };
  if (!info.isFile()) return { error: "not a regular file" };
  const real = await realpath(full).catch(() => undefined);
  if (real !== full)
    return { error: "a folder on its path is a symbolic link; run --fix --write on the real path" };

  const backups = join(cacheDir, "config-backups");
  await mkdir(backups, { recursive: true, mode: 0o700 });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const backup = join(
    backups,
    `${basename(full)}-${createHash("sha256").update(full).digest("hex").slice(0, 8)}-${stamp}.bak`,
  );
  await copyFile(full, backup, constants.COPYFILE_EXCL);
  await chmod(backup, 0o600);

  const temp = join(dirname(full), `.${basename(full)}.mcp-vet-${randomBytes(6).toString("hex")}.tmp`);
  try {
    // `wx`: never follows or reuses something already there.
    await writeFile(temp, bytes, { flag: "wx", mode: info.mode & 0o777 });
    await rename(temp, full);
  } catch (err) {
    await rm(temp, { force: true });
    return { error: (err as NodeJS.ErrnoException).code ?? "write failed" };
  }
  return { backup };
}
