import type { Command } from "commander";
import type { Severity } from "../../scoring/engine/types.js";
import { exitCodeFor } from "../pipeline.js";
import { vetRemote, vetToolsFile } from "../tools/index.js";
import { AUTHORIZATION_ENV, remoteUrl } from "../tools/remote.js";
import {
  addFormatOptions,
  applyFailOn,
  checkOutputWritable,
  contextFrom,
  emitReport,
  failOnOption,
  loadPolicy,
  type OutputFlags,
  runClock,
  UsageError,
} from "./common.js";

interface ToolsFlags extends OutputFlags {
  url?: string;
  policy?: string;
  color: boolean;
  quiet?: boolean;
  verbose?: boolean;
  failOn?: Severity;
  cacheDir?: string;
}

const HELP = `
Judges tool definitions with every tool-text check (poisoning, hidden instructions, secret
requests, shadowing, invisible characters, annotation contradictions), without a package:
a saved tools/list answer ({"tools": [...]}, the JSON-RPC response holding it, or an array of
tools), or the tools a remote server lists.

Examples:
  $ mcp-vet tools tools-list.json
  $ mcp-vet tools tools-list.json --format sarif --output tools.sarif
  $ MCP_VET_AUTHORIZATION="Bearer $TOKEN" mcp-vet tools --url https://mcp.example.com/mcp

Environment:
  ${AUTHORIZATION_ENV}   the Authorization header for --url (sent to that origin only, never printed)
  NODE_EXTRA_CA_CERTS     extra CAs to trust for --url (npm's cafile is trusted too)

Exit codes:
  0  pass or warn    1  fail, or a finding at --fail-on's severity or above
  2  usage error: no file, a file that is not a tool list
  3  --url: the server could not be reached or did not answer initialize
`;

export function registerTools(program: Command): void {
  addFormatOptions(
    program
      .command("tools [file]")
      .description("judge MCP tool definitions: a saved tools/list file, or a remote server (--url)"),
  )
    .option("--url <url>", "list the tools of a remote MCP server (streamable HTTP, or SSE)")
    .option("--policy <file>", "policy JSON laid over the default policy")
    .option("--no-color", "no colours")
    .option("-q, --quiet", "print only the verdict line")
    .option("-v, --verbose", "print every finding")
    .option("--cache-dir <dir>", "cache folder")
    .addOption(failOnOption())
    .addHelpText("after", HELP)
    .action(async (file: string | undefined, flags: ToolsFlags) => {
      process.exitCode = await runTools(file, flags);
    });
}

async function runTools(file: string | undefined, flags: ToolsFlags): Promise<number> {
  if (!file === !flags.url) throw new UsageError("give a tools/list JSON file, or --url <url>, not both");
  await checkOutputWritable(flags.output);
  const policy = await loadPolicy(flags.policy);
  let result: Awaited<ReturnType<typeof vetToolsFile>>;
  if (file) {
    result = await vetToolsFile(file, policy, runClock(process.env) ?? new Date().toISOString());
  } else {
    let url: URL;
    try {
      url = remoteUrl(flags.url!);
    } catch (err) {
      throw new UsageError(`--url: ${err instanceof Error ? err.message : String(err)}`);
    }
    const ctx = await contextFrom({
      ...flags,
      deps: true,
      // The remote session bounds each request itself; the run's deadline is the usual one.
      timeout: 60,
      ...(flags.cacheDir ? { cacheDir: flags.cacheDir } : {}),
    });
    result = await vetRemote(ctx, url, policy, process.env);
  }
  const { report } = result;
  await emitReport(flags, report);
  const unreachable = report.remote !== undefined && report.remote.transport === "none";
  return applyFailOn(unreachable ? 3 : exitCodeFor(report), [report], flags.failOn, flags.quiet);
}
