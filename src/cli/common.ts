import { constants } from "node:fs";
import { access, readFile, stat, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import { redactUrl } from "../../cache/http.js";
import type { Report } from "../../reports/model.js";
import { renderHtml } from "../../reports/render/html.js";
import { renderJson } from "../../reports/render/json.js";
import { renderMarkdown } from "../../reports/render/markdown.js";
import { sanitizeLine } from "../../reports/render/sanitize.js";
import { renderSarif } from "../../reports/render/sarif.js";
import { renderText } from "../../reports/render/text.js";
import {
  defaultPolicy,
  type Policy,
  registryFreshnessMs,
  resolvePolicy,
} from "../../scoring/engine/policy.js";
import { type Finding, SEVERITIES, type Severity } from "../../scoring/engine/types.js";
import type { FetchContext, Logger } from "../collect/context.js";
import { createContext } from "../collect/context.js";
import type { ProbeOptions } from "../collect/sources/probe/index.js";
import { clearProgress } from "./progress.js";

/** A user error with a one-line message: exit 2. */
export class UsageError extends Error {}

/** Flags every command that fetches shares: where to fetch from, the cache, the policy, output. */
export interface CommonFlags {
  policy?: string;
  registry?: string;
  color: boolean;
  quiet?: boolean;
  verbose?: boolean;
  cacheDir?: string;
  offline?: boolean;
  refresh?: boolean;
  githubApiUrl?: string;
  osvApiUrl?: string;
  osvDb?: string;
  mcpRegistryUrl?: string;
  deps: boolean;
  includeDev?: boolean;
  probe?: boolean;
  probeCall?: boolean;
  probeTimeout?: string;
  timeout: number;
}

export function addCommonOptions(cmd: Command): Command {
  return cmd
    .option("--policy <file>", "policy JSON laid over the default policy")
    .option("--registry <url>", "npm registry (default: your npm config, as npm resolves it)")
    .option("--no-color", "no colours (also NO_COLOR, or when output is not a terminal)")
    .option("-q, --quiet", "print only the verdict line")
    .option("-v, --verbose", "print every finding, the checks that could not run, and debug lines")
    .option("--cache-dir <dir>", "cache folder (default: the platform's user cache dir)")
    .option("--offline", "use the cache only; a cache miss is an error")
    .option("--refresh", "revalidate everything cached")
    .option(
      "--github-api-url <url>",
      "GitHub API (GitHub Enterprise: https://host/api/v3; also GITHUB_API_URL)",
    )
    .option("--osv-api-url <url>", "OSV API for advisories (default https://api.osv.dev)")
    .option("--osv-db <path>", "offline OSV export (a folder of OSV JSON files, or OSV's npm all.zip)")
    .option("--mcp-registry-url <url>", "MCP registry (default https://registry.modelcontextprotocol.io)")
    .option("--no-deps", "do not resolve the dependency tree (advisories for the package alone)")
    .option("--include-dev", "include devDependencies in the tree")
    .option("--probe", "install and start the server in a sandbox with no network (bubblewrap) and watch it")
    .option("--probe-call", "with --probe: also call the tools marked readOnlyHint, with example arguments")
    .option(
      "--probe-timeout <seconds>",
      "with --probe: wall clock for each phase (install scripts, the server)",
      "20",
    )
    .addOption(
      new Option(
        "--timeout <seconds>",
        "deadline for each target; what has not answered by then is cut and the verdict is incomplete (0: none)",
      )
        .default(60)
        .argParser(parseTimeout),
    );
}

/** `--probe` and its companions as the collection's options; undefined when not asked. */
export function probeOptions(flags: CommonFlags): ProbeOptions | undefined {
  if (flags.probeCall && !flags.probe) throw new UsageError("--probe-call needs --probe");
  if (!flags.probe) return undefined;
  const seconds = Number(flags.probeTimeout ?? "20");
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 600)
    throw new UsageError("--probe-timeout takes seconds, from 1 to 600");
  return { call: flags.probeCall === true, timeoutMs: Math.round(seconds * 1000) };
}

function parseTimeout(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !Number.isFinite(n))
    throw new InvalidArgumentError("expected a number of seconds (0: no deadline)");
  return n;
}

export async function contextFrom(flags: CommonFlags, policy?: Policy): Promise<FetchContext> {
  const log = makeLogger(flags);
  const ctx = await createContext({
    ...(policy ? { registryFreshnessMs: registryFreshnessMs(policy) } : {}),
    cacheDir: flags.cacheDir,
    registry: flags.registry,
    offline: flags.offline,
    refresh: flags.refresh,
    githubApiUrl: flags.githubApiUrl,
    osvApiUrl: flags.osvApiUrl,
    osvDb: flags.osvDb,
    mcpRegistryUrl: flags.mcpRegistryUrl,
    now: runClock(process.env),
    log,
    timeout: flags.timeout,
  });
  log.debug(`registry ${redactUrl(ctx.registry.url)}, cache ${ctx.cacheDir}`);
  return ctx;
}

/**
 * The run's clock: now, unless MCP_VET_NOW pins it (an ISO date). Every age a heuristic
 * measures is measured against this one value, so a pinned clock re-judges evidence as of
 * that day and makes a run reproducible (the tests pin it to their fixtures' day).
 */
export function runClock(env: NodeJS.ProcessEnv): string | undefined {
  const pinned = env.MCP_VET_NOW;
  if (!pinned) return undefined;
  const ms = Date.parse(pinned);
  if (!/^\d{4}-\d{2}-\d{2}/.test(pinned) || !Number.isFinite(ms))
    throw new UsageError(`MCP_VET_NOW is not an ISO date: ${pinned.slice(0, 40)}`);
  return new Date(ms).toISOString();
}

export async function loadPolicy(path: string | undefined): Promise<Policy> {
  if (!path) return defaultPolicy();
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new UsageError(`cannot read policy file ${path}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`policy file ${path} is not valid JSON`);
  }
  return resolvePolicy(json, `policy file ${path}`);
}

/** Colour only on a terminal, and never with --no-color or NO_COLOR. */
export function useColor(flags: { color: boolean }, toTerminal: boolean): boolean {
  return toTerminal && flags.color && !process.env.NO_COLOR && process.stdout.isTTY === true;
}

function makeLogger(flags: { verbose?: boolean; quiet?: boolean }): Logger {
  return {
    // Messages can quote what a source answered: terminal controls are stripped here, once.
    debug: (m) => {
      if (!flags.verbose) return;
      clearProgress();
      process.stderr.write(`mcp-vet: ${sanitizeLine(m, 1000)}\n`);
    },
    warn: (m) => {
      if (flags.quiet) return;
      clearProgress();
      process.stderr.write(`mcp-vet: warning: ${sanitizeLine(m, 1000)}\n`);
    },
  };
}

export const FORMATS = ["text", "json", "sarif", "markdown", "html"] as const;
export type Format = (typeof FORMATS)[number];

/** What `addFormatOptions` adds to a command's flags. */
export interface OutputFlags {
  format: Format;
  json?: boolean;
  output?: string;
}

/** `-f, --format`, `--json` and `-o, --output`, the same on every command that prints a report. */
export function addFormatOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option("-f, --format <format>", "report format").choices([...FORMATS]).default("text"))
    .option("--json", "shorthand for --format json")
    .option("-o, --output <file>", "write the report to a file instead of standard output");
}

export function formatOf(flags: OutputFlags): Format {
  return flags.json ? "json" : flags.format;
}

/**
 * `--output` checked before any work: a run that fetches for a minute must not then find it
 * cannot write its answer. The file must be writable, or creatable in an existing folder.
 */
export async function checkOutputWritable(path: string | undefined): Promise<void> {
  if (!path) return;
  const file = resolve(path);
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) throw new UsageError(`--output ${path} is a folder; give a file name`);
  const where = info ? file : dirname(file);
  const folder = info ? undefined : await stat(where).catch(() => undefined);
  if (!info && !folder?.isDirectory())
    throw new UsageError(`--output ${path}: folder ${where} does not exist`);
  try {
    await access(where, constants.W_OK);
  } catch {
    throw new UsageError(`--output ${path} is not writable`);
  }
}

/**
 * An output folder checked before any work: it is a folder or can be made in one, and that
 * folder is writable.
 */
export async function checkFolderWritable(flag: string, dir: string): Promise<void> {
  let where = resolve(dir);
  for (;;) {
    const info = await stat(where).catch(() => undefined);
    if (info && !info.isDirectory()) throw new UsageError(`${flag} ${dir}: ${where} is not a folder`);
    if (info) break;
    const up = dirname(where);
    if (up === where) throw new UsageError(`${flag} ${dir} cannot be created`);
    where = up;
  }
  try {
    await access(where, constants.W_OK);
  } catch {
    throw new UsageError(`${flag} ${dir} is not writable`);
  }
}

/** `--fail-on <severity>` of vet and config: a CI gate on findings, beside the policy's verdict. */
export function failOnOption(): Option {
  return new Option(
    "--fail-on <severity>",
    "exit 1 when any unsuppressed finding is at or above this severity",
  ).choices([...SEVERITIES]);
}

/** Findings (not credits, not suppressed) at or above `severity`, across reports. */
export function findingsAtOrAbove(reports: readonly Report[], severity: Severity): Finding[] {
  const rank = SEVERITIES.indexOf(severity);
  return reports.flatMap((r) =>
    r.findings.filter((f) => !f.credit && SEVERITIES.indexOf(f.severity) <= rank),
  );
}

/**
 * The exit code once `--fail-on` is applied: a finding at or above it is exit 1 whatever the
 * verdict (a certain finding outranks "could not vet"); otherwise the code stands.
 */
export function applyFailOn(
  code: number,
  reports: readonly Report[],
  severity: Severity | undefined,
  quiet: boolean | undefined,
): number {
  if (!severity) return code;
  const hits = findingsAtOrAbove(reports, severity);
  if (hits.length === 0) return code;
  if (!quiet)
    process.stderr.write(
      `mcp-vet: --fail-on ${severity}: ${hits.length} finding${hits.length === 1 ? "" : "s"} at ${severity} or above (${sanitizeLine(hits[0]!.id, 60)}${hits.length > 1 ? ", …" : ""})\n`,
    );
  return 1;
}

/** The rendered report to `--output`, or to standard output. */
export async function emit(flags: OutputFlags, rendered: string): Promise<void> {
  if (flags.output) await writeFile(flags.output, rendered);
  else process.stdout.write(rendered);
}

/**
 * One package's report in the asked format, to `--output` or standard output; written to a
 * file, the one-line verdict still goes to the terminal.
 */
export async function emitReport(
  flags: OutputFlags & { color: boolean; verbose?: boolean; quiet?: boolean },
  report: Report,
): Promise<void> {
  const format = formatOf(flags);
  const rendered =
    format === "json"
      ? renderJson(report)
      : format !== "text"
        ? renderView(format, [report])
        : renderText(report, {
            color: useColor(flags, !flags.output),
            verbose: flags.verbose === true,
            quiet: flags.quiet === true,
          });
  await emit(flags, rendered);
  if (flags.output && !flags.quiet)
    process.stderr.write(renderText(report, { color: false, verbose: false, quiet: true }));
}

/**
 * The views every command renders alike from its reports: SARIF (config findings located
 * relative to where mcp-vet runs), Markdown and HTML. Text and JSON are each command's own.
 */
export function renderView(format: "sarif" | "markdown" | "html", reports: Report[], title?: string): string {
  switch (format) {
    case "sarif":
      return renderSarif(reports, { srcRoot: process.cwd() });
    case "markdown":
      return renderMarkdown(reports.length === 1 ? reports[0]! : reports);
    case "html":
      return renderHtml(reports.length === 1 ? reports[0]! : reports, title ? { title } : {});
  }
}
