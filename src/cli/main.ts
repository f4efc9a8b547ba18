#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import type { Report } from "../../reports/model.js";
import { sanitizeLine } from "../../reports/render/sanitize.js";
import { PolicyError } from "../../scoring/engine/policy.js";
import type { Severity } from "../../scoring/engine/types.js";
import { type ProgressEvent, SourceError } from "../collect/index.js";
import { TargetError } from "../collect/target.js";
import { errorLine } from "../errors.js";
import { runInterruptHooks } from "../interrupt.js";
import { exitCodeFor, vet } from "../pipeline.js";
import { removeAllTempDirsSync } from "../temp.js";
import { TOOL } from "../version.js";
import { registerAudit } from "./audit.js";
import {
  addCommonOptions,
  addFormatOptions,
  applyFailOn,
  type CommonFlags,
  checkOutputWritable,
  contextFrom,
  emitReport,
  failOnOption,
  loadPolicy,
  type OutputFlags,
  probeOptions,
  UsageError,
} from "./common.js";
import { registerConfig } from "./config.js";
import { registerPin } from "./pin.js";
import { startProgress, stopProgress } from "./progress.js";
import { registerTools } from "./tools.js";

interface VetFlags extends CommonFlags, OutputFlags {
  failOn?: Severity;
}

const EXAMPLES = `
Examples:
  $ mcp-vet @modelcontextprotocol/server-filesystem
  $ mcp-vet github:modelcontextprotocol/servers       (the npm package a repository publishes)
  $ mcp-vet mcp-remote@0.1.15 --json --output report.json
  $ mcp-vet ./my-server              (a local package folder)
  $ mcp-vet ./my-server-1.0.0.tgz    (a packed tarball)
  $ mcp-vet some-server --policy ./org-policy.json --registry https://npm.internal.example/

Environment:
  GITHUB_TOKEN or GH_TOKEN   token for the GitHub API (sent to that host only; higher rate limits)
  NO_COLOR                   no colours
  MCP_VET_NOW                the run's clock as an ISO date (reproducible runs); default: now

Exit codes:
  0  vetted: verdict pass or warn
  1  verdict fail under the policy, or a finding at --fail-on's severity or above
  2  usage error (an --output that cannot be written), or the target does not exist
  3  could not vet: the primary source failed, or a required source was unavailable
     (by default advisories: OSV down is incomplete, never a pass)
  130  interrupted (Ctrl-C)
`;

export function buildProgram(): Command {
  const program = new Command()
    .name("mcp-vet")
    .description("Vet a third-party MCP server before you install it: evidence, findings and a trust score.")
    .version(TOOL.version, "-V, --version")
    .showSuggestionAfterError()
    .exitOverride()
    .addHelpText(
      "after",
      `
Examples:
  $ mcp-vet @modelcontextprotocol/server-filesystem      (same as: mcp-vet vet …)
  $ mcp-vet config                                      (your MCP clients' config files)
  $ mcp-vet audit mcp-inventory.yml --baseline reports/last-week
Run \`mcp-vet <command> --help\` for a command's options, examples and exit codes.`,
    );

  const vetCommand = addFormatOptions(
    program
      .command("vet <target>", { isDefault: true })
      .description("vet one package: name, name@version|range|tag, @scope/name, a folder or a .tgz"),
  )
    .addOption(failOnOption())
    .addHelpText("after", EXAMPLES)
    .action(async (target: string, flags: VetFlags) => {
      process.exitCode = await runVet(target, flags);
    });
  addCommonOptions(vetCommand);
  registerConfig(program);
  registerAudit(program);
  registerTools(program);
  registerPin(program);
  return program;
}

async function runVet(spec: string, flags: VetFlags): Promise<number> {
  const probe = probeOptions(flags);
  await checkOutputWritable(flags.output);
  const policy = await loadPolicy(flags.policy);
  const ctx = await contextFrom(flags, policy);
  // A larger server takes seconds: say where the vet is, on a terminal only (--verbose has its own lines).
  const line =
    process.stderr.isTTY === true && !flags.quiet && !flags.verbose
      ? startProgress(process.stderr)
      : undefined;
  let report: Report;
  try {
    ({ report } = await vet(ctx, spec, policy, {
      noDeps: !flags.deps,
      includeDev: flags.includeDev,
      ...(probe ? { probe } : {}),
      ...(line ? { progress: (e: ProgressEvent) => line.event(e) } : {}),
    }));
  } finally {
    stopProgress();
  }

  await emitReport(flags, report);
  return applyFailOn(exitCodeFor(report), [report], flags.failOn, flags.quiet);
}

export async function main(argv: string[]): Promise<number> {
  const verbose = argv.includes("--verbose") || argv.includes("-v");
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander has printed its message; help and version are not errors.
      return err.exitCode === 0 || err.code === "commander.helpDisplayed" || err.code === "commander.version"
        ? 0
        : 2;
    }
    const usage = err instanceof TargetError || err instanceof PolicyError || err instanceof UsageError;
    const worded = usage || err instanceof SourceError;
    process.stderr.write(`mcp-vet: ${worded ? "" : "error: "}${oneLine(err)}\n`);
    if (verbose && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    return usage ? 2 : 3;
  }
}

/** An error as one printable line: messages can quote a registry's or a config file's text. */
function oneLine(err: unknown): string {
  return sanitizeLine(errorLine(err, 500), 500);
}

// Ctrl-C: what the command finished is kept (its onInterrupt hooks), one line, no temp folder
// left behind, the shell's conventional code (128 + signal).
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const) {
  process.once(signal, () => {
    stopProgress();
    const kept = runInterruptHooks(signal);
    process.stderr.write(
      `\nmcp-vet: interrupted (${signal}); ${kept.length ? kept.join("; ") : "nothing was judged"}\n`,
    );
    removeAllTempDirsSync();
    process.exit(code);
  });
}

// `mcp-vet … | head`: a closed pipe is the reader's choice, not an error worth a stack trace.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw err;
});

main(process.argv).then((code) => {
  // Exit once output is flushed: idle keep-alive sockets to the registry must not hold the
  // process open after the answer is out.
  process.stdout.write("", () => process.exit(code));
});
