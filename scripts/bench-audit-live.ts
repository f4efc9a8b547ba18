/**
 * `npm run bench:audit`: `mcp-vet audit` of the most-downloaded MCP servers (the first N of
 * test/accuracy/benign.json, at their recorded versions, default 45) against the live registry
 * your npm config names; not part of `npm test`. Each run is a cold audit (empty cache) then a
 * warm one (the same cache, a new process), measured from outside with GNU time: wall and CPU
 * seconds, peak RSS, bytes written (the kernel's count of file-system output) and the cache's
 * final size. With several runs the medians are printed.
 *
 * Flags: --targets N (default 45), --runs N (default 1), --concurrency N (the CLI's default
 * when unset). Sources other than the registry (GitHub, OSV, the MCP registry) are whatever
 * this machine reaches: unreachable ones fail fast and leave targets incomplete.
 */
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "mcp-vet.mjs");
const TIME = "/usr/bin/time";

interface Run {
  wallS: number;
  cpuS: number;
  peakRssMb: number;
  writtenMb: number;
  cacheMb: number;
  exit: number | null;
}

async function main(): Promise<void> {
  if (!existsSync(TIME)) throw new Error(`${TIME} (GNU time) is needed to measure the audit from outside`);
  const count = Number(flag("--targets") ?? 45);
  const runs = Number(flag("--runs") ?? 1);
  const concurrency = flag("--concurrency");
  const benign = JSON.parse(readFileSync(join(ROOT, "test", "accuracy", "benign.json"), "utf8")) as {
    packages: { name: string; version?: string }[];
  };
  const packages = benign.packages
    .slice(0, count)
    .map((p) => (p.version ? `${p.name}@${p.version}` : p.name));
  // Under the worktree (a real disk): the kernel's write count covers it, as it would a user's cache.
  mkdirSync(join(ROOT, ".bench"), { recursive: true });
  const base = mkdtempSync(join(ROOT, ".bench", "audit-"));
  const inventory = join(base, "inventory.json");
  writeFileSync(inventory, JSON.stringify({ packages }));
  const cold: Run[] = [];
  const warm: Run[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const cache = join(base, `cache-${i}`);
      const args = [CLI, "audit", inventory, "--cache-dir", cache, "--format", "json", "--quiet"];
      if (concurrency) args.push("--concurrency", concurrency);
      cold.push(await measured([...args, "--out-dir", join(base, `cold-${i}`)], cache));
      warm.push(await measured([...args, "--out-dir", join(base, `warm-${i}`)], cache));
      process.stderr.write(`run ${i + 1}/${runs}: cold ${cold[i]!.wallS} s, warm ${warm[i]!.wallS} s\n`);
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  const m = (runsOf: Run[], k: keyof Run) => median(runsOf.map((r) => Number(r[k])));
  console.log(`audit of ${packages.length} servers, live registry, ${runs} run(s), medians`);
  console.log(
    `cold: ${m(cold, "wallS")} s wall, ${round(packages.length / m(cold, "wallS"))} targets/s, ${m(cold, "cpuS")} s CPU, peak RSS ${m(cold, "peakRssMb")} MB, written ${m(cold, "writtenMb")} MB, cache ${m(cold, "cacheMb")} MB (written/cache ${round(m(cold, "writtenMb") / m(cold, "cacheMb"))})`,
  );
  console.log(
    `warm: ${m(warm, "wallS")} s wall, ${round(packages.length / m(warm, "wallS"))} targets/s, ${m(warm, "cpuS")} s CPU, peak RSS ${m(warm, "peakRssMb")} MB, written ${m(warm, "writtenMb")} MB`,
  );
  console.log(
    `exit codes: cold ${cold.map((r) => r.exit).join(",")}; warm ${warm.map((r) => r.exit).join(",")}`,
  );
}

/** One audit process under GNU time: %e wall, %U+%S CPU, %M peak KB, %O 512-byte blocks written. */
function measured(args: string[], cache: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TIME, ["-f", "MCPVETBENCH %e %U %S %M %O", process.execPath, ...args], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const line = /MCPVETBENCH ([\d.]+) ([\d.]+) ([\d.]+) (\d+) (\d+)/.exec(stderr);
      if (!line) return reject(new Error(`no measurement: ${stderr.slice(-500)}`));
      const [, wall, user, sys, rssKb, blocks] = line.map(Number) as number[];
      resolve({
        wallS: round(wall!),
        cpuS: round(user! + sys!),
        peakRssMb: Math.round(rssKb! / 1024),
        writtenMb: round((blocks! * 512) / 1024 / 1024),
        cacheMb: round(sizeOf(cache) / 1024 / 1024),
        exit: Number(/Command exited with non-zero status (\d+)/.exec(stderr)?.[1] ?? code ?? 0),
      });
    });
  });
}

function sizeOf(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((n, f) => n + sizeOf(join(path, f)), 0);
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

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
