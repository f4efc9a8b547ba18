/**
 * Generates scoring/knowledge/popular-servers.json, the reference list the typosquat check compares
 * names against, from a snapshot of npm's public monthly download counts for packages that
 * mention MCP (a TSV: name, version, downloads_a_month).
 *
 *   node dist/scripts/gen-popular.js [input.tsv] [--date YYYY-MM-DD] [--out file]
 *
 * Many rows are SDKs, client libraries and frameworks, not servers: names are filtered with the
 * rules below. A library that slips through costs little (it is only a name to compare with);
 * a server wrongly dropped costs a missed typosquat, so the rules drop only clear libraries.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface PopularServer {
  name: string;
  downloadsPerMonth: number;
}

export interface PopularList {
  generatedFrom: string;
  snapshot: string;
  minDownloads: number;
  servers: PopularServer[];
}

/** Below this, a name is not popular enough to be worth impersonating. */
const MIN_DOWNLOADS = 1000;
const MAX_ENTRIES = 400;

/** Tokens that mark a library, SDK or tooling for building servers rather than a server. */
const LIBRARY_TOKENS = new Set([
  "sdk",
  "sdks",
  "adapter",
  "adapters",
  "client",
  "transport",
  "types",
  "utils",
  "core",
  "framework",
  "session",
  "middleware",
  "instrumentation",
  "evals",
  "ui",
  "react",
  "vue",
  "svelte",
  "provider",
  "conformance",
  "inspector",
  "testing",
  "schema",
  "linux",
  "darwin",
  "win32",
  "ext",
  "nest",
  "nodes",
]);

/** Scopes whose packages are all building blocks (SDK parts), whatever the name says. */
const LIBRARY_SCOPES = new Set([
  "@tmcp",
  "@mcp-ui",
  "@metorial",
  "@ai-sdk",
  "@langchain",
  "@mastra",
  "@traceloop",
]);

/** Well-known libraries whose names carry no library token. */
const LIBRARY_NAMES = new Set([
  "fastmcp",
  "tmcp",
  "mcp-framework",
  "mcp-handler",
  "use-mcp",
  "mcp-evals",
  "@hono/mcp",
]);

export function isLikelyServer(name: string): boolean {
  const lower = name.toLowerCase();
  if (LIBRARY_NAMES.has(lower)) return false;
  const scope = lower.startsWith("@") ? lower.slice(0, lower.indexOf("/")) : undefined;
  if (scope && LIBRARY_SCOPES.has(scope)) return false;
  const tokens = lower.split(/[^a-z0-9]+/).filter(Boolean);
  return !tokens.some((t) => LIBRARY_TOKENS.has(t));
}

export function popularFromTsv(tsv: string, snapshot: string, source: string): PopularList {
  const rows: PopularServer[] = [];
  for (const line of tsv.split("\n").slice(1)) {
    const [name, , downloads] = line.split("\t");
    const n = Number(downloads);
    if (!name || !Number.isFinite(n) || n < MIN_DOWNLOADS || !isLikelyServer(name)) continue;
    rows.push({ name, downloadsPerMonth: n });
  }
  rows.sort((a, b) => b.downloadsPerMonth - a.downloadsPerMonth || a.name.localeCompare(b.name));
  return {
    generatedFrom: source,
    snapshot,
    minDownloads: MIN_DOWNLOADS,
    servers: rows.slice(0, MAX_ENTRIES),
  };
}

function main(argv: string[]): void {
  const input =
    argv.find((a, i) => !a.startsWith("--") && !argv[i - 1]?.startsWith("--")) ??
    "/work/shared/data/mcp-packages-downloads.tsv";
  const flag = (f: string) => {
    const i = argv.indexOf(f);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  // The snapshot's month, not today's date: the figures are as old as the file.
  const snapshot = flag("--date") ?? "2026-11";
  const out = flag("--out") ?? "scoring/knowledge/popular-servers.json";
  const list = popularFromTsv(readFileSync(input, "utf8"), snapshot, "npm public monthly download counts");
  writeFileSync(out, `${JSON.stringify(list, null, 2)}\n`);
  process.stdout.write(`${list.servers.length} servers written to ${out}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
