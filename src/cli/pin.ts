import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { jsonText } from "../../reports/render/json.js";
import { sanitizeLine } from "../../reports/render/sanitize.js";
import type { FetchContext } from "../collect/context.js";
import { TargetError } from "../collect/target.js";
import {
  byName,
  compareServer,
  DEFAULT_LOCK_FILE,
  type DefinitionChange,
  definitionsOf,
  LOCK_VERSION,
  type LockedServer,
  type LockFile,
  readLock,
  writeLock,
} from "../pin/lock.js";
import { vet } from "../pipeline.js";
import { vetRemote, vetToolsFile } from "../tools/index.js";
import { AUTHORIZATION_ENV, remoteUrl } from "../tools/remote.js";
import { TOOL } from "../version.js";
import {
  addCommonOptions,
  type CommonFlags,
  contextFrom,
  loadPolicy,
  probeOptions,
  UsageError,
} from "./common.js";

interface PinFlags extends CommonFlags {
  lock: string;
  check?: boolean;
  json?: boolean;
}

const HELP = `
Pins the tool definitions a team approved: for each target, every tool's whole definition
(name, title, description, input and output schemas, annotations), canonicalised and hashed,
as the code declares it, as the running server lists it (--probe), or as a saved or remote
tool list gives it. --check compares what the targets give now with the lock file: a change
names the field and quotes the old and new text; a change within the same version is a rug pull.

Targets: a package (name, name@version, a folder, a .tgz), a saved tools/list .json file, or
an http(s) url of a remote server (Authorization from MCP_VET_AUTHORIZATION, sent only
when that url is the one target named on the command line).

Examples:
  $ mcp-vet pin @modelcontextprotocol/server-filesystem@2026.8.31 ./tools-list.json
  $ mcp-vet pin some-server --probe                  (the definitions the running server lists)
  $ mcp-vet pin --check                              (every target in mcp-vet.lock.json)
  $ mcp-vet pin --check --json

Exit codes:
  0  pinned; or, with --check, everything matches the lock file
  1  --check: a definition differs (or a target is not in the lock file)
  2  usage error: a target that does not exist, a lock file that cannot be read
  3  --check: a target could not be checked (the probe could not run, a server did not answer)
`;

export function registerPin(program: Command): void {
  const cmd = program
    .command("pin [targets...]")
    .description("write the approved tool definitions to a lock file; --check: exit 1 when they differ")
    .option("--lock <file>", "the lock file", DEFAULT_LOCK_FILE)
    .option("--check", "compare with the lock file instead of writing it")
    .option("--json", "print the result as JSON")
    .addHelpText("after", HELP)
    .action(async (targets: string[], flags: PinFlags) => {
      process.exitCode = await runPin(targets, flags);
    });
  addCommonOptions(cmd);
}

async function runPin(targets: string[], flags: PinFlags): Promise<number> {
  const probe = probeOptions(flags);
  const lockPath = resolve(flags.lock);
  const lock = flags.check ? await readLockOrUsage(lockPath, false) : await readLockOrUsage(lockPath, true);
  const list = targets.length ? targets : flags.check ? Object.values(lock.servers).map((s) => s.target) : [];
  if (!list.length) throw new UsageError("name the targets to pin");
  const policy = await loadPolicy(flags.policy);
  const ctx = await contextFrom(flags);
  // The token is meant for one server: with several, or with urls read from a lock file
  // (which a pull request can change), nobody said which origin it belongs to.
  const remotes = list.filter(isRemote);
  const remoteEnv = targets.length > 0 && remotes.length === 1 ? process.env : withoutToken(process.env);
  const now: Record<string, LockedServer> = {};
  const failures: { target: string; error: string }[] = [];
  for (const target of list) {
    try {
      const server = await currentDefinitions(ctx, target, policy, flags, probe, remoteEnv);
      now[target] = server;
      if (probe && !server.definitions.listed && !server.definitions.probe)
        failures.push({ target, error: "the probe could not list its tools" });
    } catch (err) {
      if (err instanceof TargetError) throw err;
      failures.push({ target, error: err instanceof Error ? err.message : String(err) });
    }
  }

  if (!flags.check) {
    for (const [key, server] of Object.entries(now)) lock.servers[key] = server;
    await writeLock(lockPath, {
      lockfileVersion: LOCK_VERSION,
      tool: `${TOOL.name} ${TOOL.version}`,
      servers: lock.servers,
    });
    const summary = Object.entries(now).map(([key, s]) => ({
      target: key,
      version: s.version,
      tools: Object.fromEntries(
        Object.entries(s.definitions).map(([src, defs]) => [src, Object.keys(defs).length]),
      ),
    }));
    if (flags.json) process.stdout.write(jsonText({ lock: lockPath, pinned: summary, failures }));
    else {
      for (const s of summary)
        process.stdout.write(
          `pinned ${sanitizeLine(s.target, 120)}${s.version ? `@${sanitizeLine(s.version, 40)}` : ""}: ${
            Object.entries(s.tools)
              .map(([src, n]) => `${n} tool${n === 1 ? "" : "s"} (${src})`)
              .join(", ") || "no tools"
          }\n`,
        );
      for (const f of failures)
        process.stderr.write(`mcp-vet: ${sanitizeLine(f.target, 120)}: ${sanitizeLine(f.error, 300)}\n`);
      process.stdout.write(`written to ${sanitizeLine(lockPath, 300)}\n`);
    }
    return failures.length ? 3 : 0;
  }

  const changes: DefinitionChange[] = [];
  const unpinned: string[] = [];
  const notes: string[] = [];
  for (const [key, server] of Object.entries(now)) {
    const locked = Object.hasOwn(lock.servers, key) ? lock.servers[key] : undefined;
    if (!locked) unpinned.push(key);
    else {
      changes.push(...compareServer(key, locked, server));
      if (locked.definitions.probe && !server.definitions.probe)
        notes.push(
          `${key}: the definitions pinned from a probe were not checked${probe ? " (the probe could not list the tools)" : " (add --probe)"}`,
        );
    }
  }
  if (flags.json) {
    process.stdout.write(
      jsonText({ lock: lockPath, checked: Object.keys(now).length, changes, unpinned, failures, notes }),
    );
  } else {
    for (const c of changes) {
      const head = `${c.rugPull ? "RUG PULL " : ""}${sanitizeLine(c.server, 120)}: tool ${sanitizeLine(c.tool, 80)} ${c.change} (${c.source})`;
      process.stdout.write(`${head}\n`);
      for (const f of c.fields)
        process.stdout.write(
          `  ${sanitizeLine(f.path, 100)}:\n    was ${f.old === undefined ? "(none)" : sanitizeLine(JSON.stringify(f.old), 300)}\n    now ${f.new === undefined ? "(none)" : sanitizeLine(JSON.stringify(f.new), 300)}\n`,
        );
    }
    for (const u of unpinned) process.stdout.write(`${sanitizeLine(u, 120)}: not in the lock file\n`);
    for (const n of notes) process.stderr.write(`mcp-vet: ${sanitizeLine(n, 300)}\n`);
    for (const f of failures)
      process.stderr.write(
        `mcp-vet: ${sanitizeLine(f.target, 120)}: not checked: ${sanitizeLine(f.error, 300)}\n`,
      );
    const n = Object.keys(now).length;
    process.stdout.write(
      changes.length || unpinned.length
        ? `${changes.length} definition change(s)${changes.some((c) => c.rugPull) ? `, ${changes.filter((c) => c.rugPull).length} within the same version (rug pull)` : ""} across ${n} target(s)\n`
        : `${n} target(s) match ${sanitizeLine(lockPath, 300)}\n`,
    );
  }
  if (changes.length || unpinned.length) return 1;
  return failures.length ? 3 : 0;
}

async function readLockOrUsage(path: string, mayBeMissing: boolean): Promise<LockFile> {
  try {
    return await readLock(path, mayBeMissing);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** A target's definitions today: a remote server's, a saved list's, or a package's (code, probe). */
async function currentDefinitions(
  ctx: FetchContext,
  target: string,
  policy: Awaited<ReturnType<typeof loadPolicy>>,
  flags: PinFlags,
  probe: ReturnType<typeof probeOptions>,
  remoteEnv: NodeJS.ProcessEnv,
): Promise<LockedServer> {
  if (isRemote(target)) {
    const r = await vetRemote(ctx, remoteUrl(target), policy, remoteEnv);
    if (r.report.remote?.transport === "none")
      throw new Error(r.report.remote.error ?? "the server did not answer");
    return {
      target,
      name: r.report.target.name,
      version: r.report.target.version,
      pinnedAt: ctx.now,
      definitions: { listed: byName(r.tools) },
    };
  }
  if (target.endsWith(".json") && existsSync(target)) {
    const r = await vetToolsFile(target, policy, ctx.now);
    return {
      target,
      name: r.report.target.name,
      version: null,
      pinnedAt: ctx.now,
      definitions: { listed: byName(r.tools) },
    };
  }
  const { evidence } = await vet(ctx, target, policy, {
    noDeps: !flags.deps,
    includeDev: flags.includeDev,
    ...(probe ? { probe } : {}),
  });
  if (evidence.code.status !== "ok")
    throw new Error(
      `its code could not be read: ${evidence.code.status === "unavailable" ? evidence.code.error : evidence.code.reason}`,
    );
  return {
    target,
    name: evidence.target.name,
    version: evidence.target.version ?? null,
    pinnedAt: ctx.now,
    definitions: definitionsOf(evidence),
  };
}

function isRemote(target: string): boolean {
  return /^https?:\/\//i.test(target);
}

function withoutToken(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { [AUTHORIZATION_ENV]: _token, ...rest } = env;
  return rest;
}
