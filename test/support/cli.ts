import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import reportSchema from "../../reports/report.schema.json" with { type: "json" };
import { NOW } from "./evidence.js";

// The bundled CLI, as shipped (`bin`): the suite pays its start-up, not 1,500 module loads.
const CLI = join(import.meta.dirname, "..", "..", "dist", "mcp-vet.mjs");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI in a clean environment: a temp HOME (no user npmrc), no npm_config_*
 * variables, no proxy variables (a machine's proxy must not stand between the CLI and the
 * loopback fixtures), no tokens unless the test passes them, and the run's clock pinned to the
 * fixtures' day (MCP_VET_NOW), so no verdict depends on the day the suite runs.
 */
export function runCli(args: string[], env: Record<string, string> = {}, cwd?: string): Promise<CliResult> {
  return startCli(args, env, cwd).done;
}

/** runCli, with the child in hand (to signal it); `done` settles when it exits. */
export function startCli(
  args: string[],
  env: Record<string, string> = {},
  cwd?: string,
): { child: ChildProcess; done: Promise<CliResult> } {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (
      v === undefined ||
      /^npm_|^GITHUB_|^GH_|^NO_COLOR$|^FORCE_COLOR$|^MCP_VET_|^(https?|no|all)_proxy$/i.test(k)
    )
      continue;
    clean[k] = v;
  }
  clean.MCP_VET_NOW = NOW;
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...clean, ...env }, cwd });
  const done = new Promise<CliResult>((resolve) => {
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

/** A temp HOME and cache folder for one test file; removed by cleanup(). */
export function tempHome(): {
  home: string;
  cache: string;
  env: Record<string, string>;
  cleanup: () => void;
} {
  const home = mkdtempSync(join(tmpdir(), "mcp-vet-home-"));
  return {
    home,
    cache: join(home, "cache"),
    env: { HOME: home, USERPROFILE: home, XDG_CACHE_HOME: join(home, ".cache") },
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateReport = ajv.compile(reportSchema);

/** Asserts a report validates against reports/report.schema.json; returns it typed loosely. */
export function expectValidReport(json: unknown): Record<string, unknown> {
  if (!validateReport(json)) {
    throw new Error(`report does not match its schema: ${ajv.errorsText(validateReport.errors)}`);
  }
  return json as Record<string, unknown>;
}
