/**
 * Benchmark of the static code analysis: MB of JavaScript per second on the largest real MCP
 * server tarballs we can record, and time and peak RSS for one synthetic 20 MB bundle.
 * Targets (issue 4): >= 20 MB/s on one core; a 20 MB bundle in < 2 s with RSS < 400 MB.
 *
 * Tarballs are fetched with `npm pack` into `.bench/` (gitignored) at bench time; a package
 * the registry does not serve is skipped. The 20 MB bundle is built from the CommonJS files of
 * this repository's own node_modules, each wrapped as a webpack-style module function.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { analyzeFile, analyzePackage, type PackageEntry } from "../src/collect/analysis/index.js";
import { parseJs } from "../src/collect/analysis/parser.js";

const BENCH_DIR = join(process.cwd(), ".bench");

/** MCP servers that ship the most JavaScript (measured 2026-11: chrome-devtools-mcp ~14 MB). */
const PACKAGES = [
  "chrome-devtools-mcp",
  "@sentry/mcp-server",
  "@wonderwhy-er/desktop-commander",
  "mcp-remote",
  "@notionhq/notion-mcp-server",
  "@browserbasehq/mcp-server-browserbase",
  "@modelcontextprotocol/server-filesystem",
];

const BUNDLE_BYTES = 20 * 1024 * 1024;

export async function benchAnalysis(): Promise<Record<string, number | string>> {
  mkdirSync(BENCH_DIR, { recursive: true });
  const out: Record<string, number | string> = { loadAverage1m: round(loadavg()[0] ?? 0) };
  const packages = PACKAGES.map(fetchPackage).filter((p): p is PackageEntry[] => p !== undefined);
  const entries = packages.flat();
  out.realPackages = packages.length;
  // Warm the JIT on a small package so the first big file does not pay for compilation.
  const warm = packages[packages.length - 1];
  if (warm) for (let i = 0; i < 3; i++) analyzePackage(warm);
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  let bytes = 0;
  for (const files of packages) bytes += analyzePackage(files).coverage.bytes;
  const wall = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuS = (used.user + used.system) / 1e6;
  out.realJsMB = round(bytes / 1e6);
  out.realFiles = entries.length;
  out.realSeconds = round(wall);
  out.realMBps = round(bytes / 1e6 / wall);
  out.realCpuMBps = round(bytes / 1e6 / cpuS);
  out.realPeakRssMB = round(process.resourceUsage().maxRSS / 1024);
  // The parser alone on the same files, in the same conditions: the floor the analysis adds to.
  const p0 = performance.now();
  for (const f of entries) {
    if (/\.(?:m|c)?js$/.test(f.path))
      parseJs(f.content.toString("utf8"), f.path.endsWith(".cjs") ? "commonjs" : "either");
  }
  out.parseOnlyMBps = round(bytes / 1e6 / ((performance.now() - p0) / 1000));

  const bundle = join(BENCH_DIR, "bundle-20mb.js");
  if (!existsSync(bundle)) writeFileSync(bundle, synthBundle(BUNDLE_BYTES));
  // A fresh process, so its peak RSS is the bundle's alone.
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--one", bundle], {
    encoding: "utf8",
  });
  const one = JSON.parse(child.stdout.trim().split("\n").pop() || "{}") as Record<string, number>;
  out.bundleMB = round(statSync(bundle).size / 1e6);
  out.bundleSeconds = one.seconds ?? "failed";
  out.bundleCpuSeconds = one.cpuSeconds ?? "failed";
  out.bundleMBps = one.seconds ? round(statSync(bundle).size / 1e6 / one.seconds) : "failed";
  out.bundlePeakRssMB = one.peakRssMB ?? "failed";
  out.bundleParsed = one.parsed === 1 ? "ast" : "token-scan";
  return out;
}

function fetchPackage(name: string): PackageEntry[] | undefined {
  const dir = join(BENCH_DIR, name.replace(/[@/]/g, "_"));
  try {
    if (!existsSync(join(dir, "package"))) {
      mkdirSync(dir, { recursive: true });
      const tgz = execFileSync("npm", ["pack", name, "--silent", "--pack-destination", dir], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
        timeout: 120_000,
      }).trim();
      execFileSync("tar", ["xzf", join(dir, tgz.split("\n").pop()!), "-C", dir]);
    }
    return readTree(join(dir, "package"));
  } catch {
    return undefined;
  }
}

function readTree(root: string, dir = root): PackageEntry[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory()
      ? readTree(root, p)
      : [{ path: relative(root, p), content: readFileSync(p) }];
  });
}

/** Real CommonJS code from node_modules, wrapped as bundler module functions, up to `size` bytes. */
function synthBundle(size: number): string {
  const parts: string[] = ["(function(modules){ /* synthetic bundle for the analysis benchmark */ })({\n"];
  const modules: string[] = [];
  let total = 0;
  for (const file of jsFiles(join(process.cwd(), "node_modules"))) {
    const text = readFileSync(file, "utf8");
    if (text.length > 2_000_000 || /^\s*(?:import|export)\s/m.test(text)) continue;
    const body = `function(module, exports, require) {\n${text}\n}`;
    if (!parseJs(`(${body})`, "commonjs").ok) continue;
    modules.push(body);
    total += body.length;
    if (total >= size) break;
  }
  // Not enough distinct code installed: repeat it, as bundles repeat helpers anyway.
  let written = 0;
  for (let id = 0; written < size && modules.length > 0; id++) {
    const m = `${id}: ${modules[id % modules.length]!},\n`;
    parts.push(m);
    written += m.length;
  }
  parts.push("});\n");
  return parts.join("");
}

function* jsFiles(dir: string): Generator<string> {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) yield* jsFiles(p);
    else if (name.endsWith(".js") || name.endsWith(".cjs")) yield p;
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function one(path: string): void {
  const source = readFileSync(path, "utf8");
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const facts = analyzeFile("bundle.js", source);
  const seconds = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu);
  console.log(
    JSON.stringify({
      seconds: round(seconds),
      cpuSeconds: round((used.user + used.system) / 1e6),
      peakRssMB: round(process.resourceUsage().maxRSS / 1024),
      parsed: facts.parser === "ast" ? 1 : 0,
    }),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf("--one");
  if (i !== -1) one(process.argv[i + 1]!);
  else console.log(JSON.stringify(await benchAnalysis(), null, 2));
}
