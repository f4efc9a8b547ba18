/**
 * `npm run bench:probe`: what `--probe` adds to a vet, server by server. Each server is vetted
 * once without the probe (which also warms the cache, as any earlier vet would), then with it;
 * the probe's own timings say where its time goes: the install from the cache, the install
 * scripts in the sandbox, and the server's start to its first tools/list answer. Needs
 * bubblewrap and strace; the install step needs the registry your npm config names (the
 * sandbox itself has no network). GitHub, OSV and the MCP registry are pointed at a closed
 * local port, so only the registry and the probe count.
 *
 *   npm run bench:probe                      the five default servers
 *   npm run bench:probe -- some-server@1.2.3 …
 *   npm run bench:probe -- --local           the test suite's fixture servers, no registry at all
 *
 * Prints a table and writes .bench/probe.json. A measurement, not a test: the numbers depend
 * on the machine and its load.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultPolicy } from "../scoring/engine/policy.js";
import { createContext } from "../src/collect/context.js";
import { checkSandbox } from "../src/collect/sources/probe/sandbox.js";
import { vet } from "../src/pipeline.js";
import { type Behaviour, writeProbeServer } from "../test/support/probe-servers.js";

const DEFAULT_SERVERS = [
  "@modelcontextprotocol/server-filesystem",
  "@modelcontextprotocol/server-memory",
  "@modelcontextprotocol/server-sequential-thinking",
  "@modelcontextprotocol/server-everything",
  "@upstash/context7-mcp",
];
const LOCAL: Behaviour[] = ["benign", "late-tool", "stealer"];
const ROOT = join(import.meta.dirname, "..", "..");
const CLOSED = "http://127.0.0.1:9";

interface Row {
  server: string;
  version: string;
  tools: number;
  started: boolean;
  vetMs: number;
  vetProbeMs: number;
  addedMs: number;
  installMs: number;
  scriptsMs: number;
  listMs: number | null;
  probeMs: number;
  failure?: string;
}

async function main(): Promise<void> {
  const sandbox = await checkSandbox();
  if (!sandbox.ok) {
    console.error(`bench:probe: ${sandbox.reason}`);
    process.exit(1);
  }
  const args = process.argv.slice(2);
  const local = args.includes("--local");
  const work = mkdtempSync(join(tmpdir(), "mcp-vet-bench-probe-"));
  const specs = local
    ? LOCAL.map((b) => writeProbeServer(join(work, "servers"), b))
    : args.filter((a) => !a.startsWith("--")).length
      ? args.filter((a) => !a.startsWith("--"))
      : DEFAULT_SERVERS;
  const cacheDir = join(ROOT, ".bench", "probe-cache");
  const ctx = await createContext({
    cacheDir,
    githubApiUrl: CLOSED,
    osvApiUrl: CLOSED,
    mcpRegistryUrl: CLOSED,
    ...(local ? { useNpmConfig: false, offline: false } : {}),
  });
  ctx.retries = 0;
  const policy = defaultPolicy();
  const rows: Row[] = [];
  try {
    for (const spec of specs) {
      const t0 = Date.now();
      await vet(ctx, spec, policy, { noDeps: local });
      const vetMs = Date.now() - t0;
      const t1 = Date.now();
      const { evidence } = await vet(ctx, spec, policy, { noDeps: local, probe: {} });
      const vetProbeMs = Date.now() - t1;
      const p = evidence.probe;
      const data = p.status === "ok" ? p.data : undefined;
      rows.push({
        server: local ? spec.slice(spec.lastIndexOf("/") + 1) : spec,
        version: evidence.target.version ?? "",
        tools: data?.first?.tools.length ?? 0,
        started: data?.started ?? false,
        vetMs,
        vetProbeMs,
        addedMs: vetProbeMs - vetMs,
        installMs: data?.timings.installMs ?? 0,
        scriptsMs: data?.timings.scriptsMs ?? 0,
        listMs: data?.timings.listMs ?? null,
        probeMs: data?.timings.totalMs ?? 0,
        ...(p.status === "unavailable"
          ? { failure: p.error }
          : data?.failure
            ? { failure: data.failure }
            : {}),
      });
      const r = rows.at(-1)!;
      console.error(
        `${r.server}@${r.version}: ${r.tools} tools, listed ${r.listMs ?? "–"} ms after the sandbox started; probe ${r.probeMs} ms (install ${r.installMs}, scripts ${r.scriptsMs}); vet ${r.vetMs} → ${r.vetProbeMs} ms${r.failure ? `; ${r.failure}` : ""}`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.table(
    rows.map((r) => ({
      server: `${r.server}@${r.version}`,
      tools: r.tools,
      "listed (ms)": r.listMs ?? "–",
      "install (ms)": r.installMs,
      "scripts (ms)": r.scriptsMs,
      "probe (ms)": r.probeMs,
      "vet (ms)": r.vetMs,
      "vet --probe (ms)": r.vetProbeMs,
      "added (ms)": r.addedMs,
    })),
  );
  mkdirSync(join(ROOT, ".bench"), { recursive: true });
  writeFileSync(
    join(ROOT, ".bench", "probe.json"),
    `${JSON.stringify({ at: new Date().toISOString(), sandbox: sandbox.version, rows }, null, 2)}\n`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
