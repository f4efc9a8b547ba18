/**
 * `npm run bench`: speed and memory of mcp-vet against the loopback fixture server with a
 * fixed latency per request (a stand-in for the network), each phase in its own process so
 * its peak RSS is its own. Prints a table and writes .bench/results.json.
 *
 *   spine     issue 2: cold and warm vet of one package without the dependency walk
 *   full      issue 3: full vet (tree + GitHub + OSV) against `npm install --package-lock-only`
 *   analysis  issue 4: code-analysis throughput on real MCP server tarballs
 *   audit     issue 7: 200 targets at concurrency 16, cold and warm
 *   cli       issue 16: the shipped CLI as a process, against npm's lock-only install on the same
 *             server with no caching headers (bench-cli.ts; alone: `npm run bench:cli`)
 * The in-process phases run with a warm JIT and, for spine and full, a registry that sends
 * caching headers: they measure the parts, `cli` measures what a user waits for.
 * `npm run bench:audit` audits the 45 most-downloaded servers against the live registry.
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { defaultPolicy } from "../scoring/engine/policy.js";
import { analyzePackage } from "../src/collect/analysis/index.js";
import { createContext } from "../src/collect/context.js";
import { collectEvidence } from "../src/collect/index.js";
import { fetchPackument } from "../src/collect/sources/npm.js";
import { fetchTarball } from "../src/collect/sources/tarball.js";
import { parseTarget } from "../src/collect/target.js";
import { judge } from "../src/pipeline.js";
import { benchServers } from "../test/support/faces/bench-servers.js";
import { GitHubFixture, healthyRepo } from "../test/support/faces/github.js";
import { mcpRegistryFace } from "../test/support/faces/mcp-registry.js";
import { NpmFace } from "../test/support/faces/npm.js";
import { ALL_OSV_FIXTURES, osvFace } from "../test/support/faces/osv.js";
import { FixtureServer } from "../test/support/fixture-server.js";
import { benchAnalysis } from "./bench-analysis.js";
import { benchAudit } from "./bench-audit.js";
import { benchCli } from "./bench-cli.js";

const LATENCY_MS = 20;
const PACKAGE = "@modelcontextprotocol/server-filesystem@2026.8.31";
const ROOT = join(import.meta.dirname, "..", "..");
const run = promisify(execFile);

type Result = Record<string, number | string | boolean>;

async function fixtureServer(): Promise<FixtureServer> {
  const github = new GitHubFixture();
  github.add({
    ...healthyRepo("modelcontextprotocol", "servers", "@modelcontextprotocol/servers"),
    record: { owner: { login: "modelcontextprotocol", type: "Organization" } },
  });
  return new FixtureServer({ latencyMs: LATENCY_MS })
    .face("", NpmFace.recorded().route)
    .face("/github", github.route)
    .face("/osv", osvFace(ALL_OSV_FIXTURES))
    .face("/mcp-registry", mcpRegistryFace([]))
    .start();
}

async function context(server: FixtureServer, cacheDir: string) {
  return createContext({
    cacheDir,
    registry: server.url(),
    useNpmConfig: false,
    githubApiUrl: server.url("/github"),
    osvApiUrl: server.url("/osv"),
    mcpRegistryUrl: server.url("/mcp-registry"),
    env: {},
  });
}

/** Wall time of one whole vet (collect + judge), fresh context each time as a new CLI run would have. */
async function timedVet(
  server: FixtureServer,
  cacheDir: string,
  noDeps: boolean,
): Promise<{ ms: number; requests: number }> {
  const before = server.requests.length;
  const t0 = performance.now();
  const ctx = await context(server, cacheDir);
  const evidence = await collectEvidence(ctx, parseTarget(PACKAGE), { noDeps });
  judge(evidence, defaultPolicy());
  return { ms: performance.now() - t0, requests: server.requests.length - before };
}

/** The spine alone: packument, tarball, analysis and judging; no secondary source. */
async function timedSpine(server: FixtureServer, cacheDir: string): Promise<number> {
  const t0 = performance.now();
  const ctx = await context(server, cacheDir);
  const p = await fetchPackument(ctx, "@modelcontextprotocol/server-filesystem", "2026.8.31");
  if (p.status !== "ok" || p.part.status !== "ok") throw new Error("packument failed");
  const dist = p.part.data.manifest.dist!;
  const t = await fetchTarball(ctx, { spec: dist.tarball!, integrity: dist.integrity, where: dist.tarball! });
  if (t.part.status !== "ok") throw new Error("tarball failed");
  analyzePackage(t.contents, t.part.data.manifest);
  return performance.now() - t0;
}

async function phaseSpine(): Promise<Result> {
  const server = await fixtureServer();
  const dir = mkdtempSync(join(tmpdir(), "mcp-vet-bench-"));
  try {
    // One throwaway run so module loading and JIT warm-up are not billed to the cold run.
    await timedSpine(server, join(dir, "jit"));
    const spineCold = await timedSpine(server, join(dir, "spine"));
    const n0 = server.requests.length;
    const spineWarm = await timedSpine(server, join(dir, "spine"));
    const spineWarmRequests = server.requests.length - n0;
    const cold = await timedVet(server, join(dir, "vet"), true);
    const warm = await timedVet(server, join(dir, "vet"), true);
    return {
      latencyMsPerRequest: LATENCY_MS,
      targetColdMs: 4 * LATENCY_MS + 150,
      spineColdMs: round(spineCold),
      spineWarmMs: round(spineWarm),
      spineWarmOverCold: round(spineWarm / spineCold),
      spineWarmRequests,
      vetNoDepsColdMs: round(cold.ms),
      vetNoDepsColdRequests: cold.requests,
      vetNoDepsWarmMs: round(warm.ms),
      vetNoDepsWarmRequests: warm.requests,
      vetWarmOverCold: round(warm.ms / cold.ms),
      peakRssMB: peakRss(),
    };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function phaseFull(): Promise<Result> {
  const server = await fixtureServer();
  const dir = mkdtempSync(join(tmpdir(), "mcp-vet-bench-"));
  try {
    await timedSpine(server, join(dir, "jit"));
    const osvBefore = server.count(/^\/osv\/v1\/querybatch/);
    const vulnBefore = server.count(/^\/osv\/v1\/vulns\//);
    const cold = await timedVet(server, join(dir, "vet"), false);
    const osvBatches = server.count(/^\/osv\/v1\/querybatch/) - osvBefore;
    const osvVulns = server.count(/^\/osv\/v1\/vulns\//) - vulnBefore;
    const warm = await timedVet(server, join(dir, "vet"), false);
    const ctx = await context(server, join(dir, "vet"));
    const evidence = await collectEvidence(ctx, parseTarget(PACKAGE), {});
    const nodes = evidence.dependencies.status === "ok" ? evidence.dependencies.data.nodes.length : 0;

    // npm's own resolution of the same package, same server, empty folder and cache.
    const npmDir = join(dir, "npm");
    mkdirSync(npmDir, { recursive: true });
    writeFileSync(join(npmDir, "package.json"), JSON.stringify({ name: "bench", version: "1.0.0" }));
    const t0 = performance.now();
    await run(
      "npm",
      ["install", PACKAGE, "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"].concat([
        "--registry",
        server.url(),
        "--cache",
        join(dir, "npm-cache"),
        "--userconfig",
        join(dir, "empty-npmrc"),
      ]),
      { cwd: npmDir },
    );
    const npmMs = performance.now() - t0;
    return {
      nodes,
      fullVetColdMs: round(cold.ms),
      fullVetColdRequests: cold.requests,
      npmLockOnlyMs: round(npmMs),
      ratioVetOverNpm: round(cold.ms / npmMs),
      fullVetWarmMs: round(warm.ms),
      warmOverCold: round(warm.ms / cold.ms),
      osvBatchCalls: osvBatches,
      osvBatchBound: Math.ceil(nodes / 1000),
      osvVulnCalls: osvVulns,
      peakRssMB: peakRss(),
    };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Issue 7: an audit of 200 hand-made servers at concurrency 16, cold then warm. */
async function phaseAudit(): Promise<Result> {
  const { server, names } = await benchServers(200, LATENCY_MS);
  try {
    const r = await benchAudit({
      registryUrl: server.url(),
      githubApiUrl: server.url("/github"),
      osvApiUrl: server.url("/osv"),
      mcpRegistryUrl: server.url("/mcp-registry"),
      specs: names,
      concurrency: 16,
      countRequests: () => ({ total: server.requests.length, github: server.count(/^\/github\//) }),
    });
    return flatten(r as unknown as Record<string, unknown>);
  } finally {
    await server.stop();
  }
}

function flatten(o: Record<string, unknown>, prefix = ""): Result {
  const out: Result = {};
  for (const [k, v] of Object.entries(o)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === "object" && !Array.isArray(v))
      Object.assign(out, flatten(v as Record<string, unknown>, key));
    else if (typeof v === "number" || typeof v === "string" || typeof v === "boolean")
      out[key] = typeof v === "number" ? round(v) : v;
  }
  return out;
}

const PHASES: Record<string, () => Promise<Result>> = {
  spine: phaseSpine,
  full: phaseFull,
  analysis: async () => ({ ...(await benchAnalysis()), peakRssMB: peakRss() }),
  audit: async () => ({ ...(await phaseAudit()), peakRssMB: peakRss() }),
  cli: async () => flatten((await benchCli({ runs: 3 })) as unknown as Record<string, unknown>),
};

function peakRss(): number {
  return round(process.resourceUsage().maxRSS / 1024);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

async function main(): Promise<void> {
  const phaseArg = process.argv.indexOf("--phase");
  if (phaseArg > 0) {
    const phase = PHASES[process.argv[phaseArg + 1] ?? ""];
    if (!phase) throw new Error(`unknown phase; one of ${Object.keys(PHASES).join(", ")}`);
    process.stdout.write(`${JSON.stringify(await phase())}\n`);
    return;
  }
  const only = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const results: Record<string, Result> = {};
  for (const name of only.length ? only : Object.keys(PHASES)) {
    process.stderr.write(`bench: ${name}…\n`);
    const child = spawnSync(process.execPath, [process.argv[1]!, "--phase", name], {
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    if (child.status !== 0) {
      results[name] = { error: (child.stderr || "failed").split("\n").slice(-5).join(" ") };
      continue;
    }
    results[name] = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as Result;
  }
  for (const [name, r] of Object.entries(results)) {
    console.log(`\n${name}`);
    for (const [k, v] of Object.entries(r)) console.log(`  ${k.padEnd(28)} ${v}`);
  }
  mkdirSync(join(ROOT, ".bench"), { recursive: true });
  writeFileSync(
    join(ROOT, ".bench", "results.json"),
    `${JSON.stringify({ at: new Date().toISOString(), results }, null, 2)}\n`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
