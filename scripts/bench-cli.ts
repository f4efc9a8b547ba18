/**
 * `npm run bench:cli`: the shipped CLI as a user runs it, a new process each time, against the
 * loopback fixture registry with 20 ms per request and no caching headers (a mirror that sends
 * neither max-age nor validators), side by side with `npm install --package-lock-only` on the
 * same server. Runs alternate (vet, npm, vet, npm, …) so a machine that slows down mid-run
 * slows both; each ratio is taken pair by pair and the medians are printed.
 *
 *   start-up   `mcp-vet --version` against `npm --version`
 *   cold       a vet with an empty cache against npm's lock-only install with an empty cache
 *   warm       the same vet again over the cache the cold one filled, against the cold one
 *
 * Flags: --runs N (default 5), --spec name@version (default the recorded server-filesystem).
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GitHubFixture, healthyRepo } from "../test/support/faces/github.js";
import { mcpRegistryFace } from "../test/support/faces/mcp-registry.js";
import { NpmFace } from "../test/support/faces/npm.js";
import { ALL_OSV_FIXTURES, osvFace } from "../test/support/faces/osv.js";
import { FixtureServer } from "../test/support/fixture-server.js";

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "mcp-vet.mjs");
const LATENCY_MS = 20;

export interface CliBenchResult {
  spec: string;
  runs: number;
  latencyMsPerRequest: number;
  startupMs: { vet: number; npm: number; ratio: number };
  coldMs: { vet: number; npm: number; ratio: number };
  warmMs: { vet: number; overCold: number };
}

export async function benchCli(options: { runs?: number; spec?: string } = {}): Promise<CliBenchResult> {
  const runs = options.runs ?? 5;
  const spec = options.spec ?? "@modelcontextprotocol/server-filesystem@2026.8.31";
  const server = await fixtureServer();
  const base = mkdtempSync(join(tmpdir(), "mcp-vet-bench-cli-"));
  const env = cleanEnv(base);
  const sources = [
    ...["--registry", server.url(), "--github-api-url", server.url("/github")],
    ...["--osv-api-url", server.url("/osv"), "--mcp-registry-url", server.url("/mcp-registry")],
  ];
  const npmArgs = (cache: string) => [
    ...["install", spec, "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"],
    ...["--registry", server.url(), "--cache", cache, "--userconfig", join(base, "empty-npmrc")],
  ];
  writeFileSync(join(base, "empty-npmrc"), "");
  const pairs = { startup: [] as Pair[], cold: [] as Pair[], warm: [] as Pair[] };
  try {
    // One of each first, not counted: the disk cache of node and npm's own files is warm after.
    await time(process.execPath, [CLI, "--version"], env);
    await time("npm", ["--version"], env);
    for (let i = 0; i < runs; i++) {
      pairs.startup.push([
        await time(process.execPath, [CLI, "--version"], env),
        await time("npm", ["--version"], env),
      ]);
      const cache = join(base, `vet-${i}`);
      const vet = [CLI, spec, "--json", ...sources, "--cache-dir", cache];
      const cold = await time(process.execPath, vet, env);
      const project = join(base, `npm-${i}`);
      mkdirSync(project);
      writeFileSync(join(project, "package.json"), JSON.stringify({ name: "bench", version: "1.0.0" }));
      const npm = await time("npm", npmArgs(join(base, `npm-cache-${i}`)), env, project);
      pairs.cold.push([cold, npm]);
      pairs.warm.push([await time(process.execPath, vet, env), cold]);
    }
  } finally {
    await server.stop();
    rmSync(base, { recursive: true, force: true });
  }
  const summary = (p: Pair[]) => ({
    a: median(p.map((x) => x[0])),
    b: median(p.map((x) => x[1])),
    ratio: round(median(p.map((x) => x[0] / x[1]))),
  });
  const s = summary(pairs.startup);
  const c = summary(pairs.cold);
  const w = summary(pairs.warm);
  return {
    spec,
    runs,
    latencyMsPerRequest: LATENCY_MS,
    startupMs: { vet: s.a, npm: s.b, ratio: s.ratio },
    coldMs: { vet: c.a, npm: c.b, ratio: c.ratio },
    warmMs: { vet: w.a, overCold: w.ratio },
  };
}

type Pair = [number, number];

async function fixtureServer(): Promise<FixtureServer> {
  const github = new GitHubFixture();
  github.add({
    ...healthyRepo("modelcontextprotocol", "servers", "@modelcontextprotocol/servers"),
    record: { owner: { login: "modelcontextprotocol", type: "Organization" } },
  });
  const npm = NpmFace.recorded();
  npm.caching = "none";
  return new FixtureServer({ latencyMs: LATENCY_MS })
    .face("", npm.route)
    .face("/github", github.route)
    .face("/osv", osvFace(ALL_OSV_FIXTURES))
    .face("/mcp-registry", mcpRegistryFace([]))
    .start();
}

/** A temp HOME and no npm_config_* or proxy variables: neither tool reads the user's setup. */
function cleanEnv(base: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^npm_|^(https?|no|all)_proxy$|^GITHUB_|^GH_|^MCP_VET_/i.test(k)) env[k] = v;
  }
  const home = join(base, "home");
  mkdirSync(home, { recursive: true });
  return { ...env, HOME: home, XDG_CACHE_HOME: join(home, ".cache") };
}

/** Wall time of one process, ms; the fixture server answers from this process meanwhile. */
function time(command: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { env, cwd, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - t0;
      // A vet's exit code is its verdict (0, 1, 3); 2 is a usage error and anything else a failure.
      if (code === 2 || (code !== null && code > 3))
        reject(new Error(`${command} ${args.slice(0, 2).join(" ")} exited ${code}: ${stderr.slice(-500)}`));
      else resolve(round(ms));
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return round(s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const runs = Number(flag("--runs") ?? 5);
  const r = await benchCli({ runs, ...(flag("--spec") ? { spec: flag("--spec")! } : {}) });
  console.log(
    `${r.spec}: ${r.runs} alternated runs, ${r.latencyMsPerRequest} ms a request, no caching headers`,
  );
  console.log("medians, ms          mcp-vet      npm    ratio (median of pairs)");
  console.log(`start-up (--version) ${pad(r.startupMs.vet)} ${pad(r.startupMs.npm)}   ${r.startupMs.ratio}`);
  console.log(`cold vet / lock-only ${pad(r.coldMs.vet)} ${pad(r.coldMs.npm)}   ${r.coldMs.ratio}`);
  console.log(`warm vet / cold vet  ${pad(r.warmMs.vet)}            ${r.warmMs.overCold}`);
}

function pad(n: number): string {
  return String(Math.round(n)).padStart(8);
}
