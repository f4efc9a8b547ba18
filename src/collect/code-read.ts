import { createHash } from "node:crypto";
import type { CapabilityId, CodeAnalysis } from "../evidence/code.js";
import type { Manifest } from "../evidence/index.js";
import { entryPoints } from "./analysis/graph.js";
import { analyzePackage, type PackageEntry } from "./analysis/index.js";
import { resolveImport } from "./analysis/paths.js";
import { SKIM_ABOVE_BYTES, skimFile } from "./skim.js";

/**
 * How mcp-vet reads a package's code, wherever it runs (the analysis worker, or in process):
 * the whole analysis of the version under vet with vendored bundles skimmed, and a summary of
 * a version it is compared with. Pure: files in, facts out.
 */

/** A vendored file this large is skimmed even when it is under SKIM_ABOVE_BYTES. */
const SKIM_VENDORED_ABOVE_BYTES = 256 * 1024;
const VENDORED = /(?:^|\/)(?:third[_-]party|vendor|vendored)\//i;
const CODE = /\.(?:m|c)?[jt]sx?$/;
const DECLARATION = /\.d\.(?:m|c)?ts$/;

/**
 * What a version's code gives to compare another version with, cheaply: the skim's
 * capabilities over every code file (so both sides are read the same way), and the tools
 * each file declares with the file's hash (an unchanged file declares the same tools).
 */
export interface CodeSummary {
  capabilities: { id: CapabilityId; count: number }[];
  toolFiles: { path: string; sha: string; tools: { name: string; hash: string }[] }[];
}

export interface CodeRead {
  analysis: CodeAnalysis;
  summary: CodeSummary;
}

/**
 * The analysis of the version under vet. Files the package's manifest does not name as an
 * entry (main, module, exports, bin) are skimmed when they are vendored bundles: over 2 MB,
 * or over 256 KB in a third_party / vendor folder. An entry is always parsed: a server
 * bundled into one file declares its tools there.
 */
export function readCode(files: readonly PackageEntry[], manifest?: Manifest): CodeRead {
  // Bundles skimmed for the analysis are not skimmed again for the summary.
  const skims: Skims = new Map();
  const analysis = analyzePackage(files, manifest, skimVendored(manifest, files, skims));
  const skimmed = analysis.coverage.skimmed ?? [];
  if (skimmed.length)
    analysis.notes.unshift(
      `${skimmed.length} vendored bundle${skimmed.length === 1 ? "" : "s"} skimmed, not parsed (${mb(skimmed.reduce((n, s) => n + s.bytes, 0))}): ${skimmed
        .slice(0, 3)
        .map((s) => s.path)
        .join(", ")}${skimmed.length > 3 ? ", …" : ""}`,
    );
  return { analysis, summary: summarise(files, analysis, skims) };
}

/**
 * A summary of another version (the one published before), compared with `base`: the skim's
 * capabilities, and the tools of the files that declare tools in `base` (reused when the file
 * is unchanged, else read with the files it imports). Not a second full analysis.
 */
export function summariseVersion(
  files: readonly PackageEntry[],
  manifest: Manifest | undefined,
  base: CodeSummary,
): { capabilities: { id: CapabilityId; count: number }[]; tools: { name: string; hash: string }[] } {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const skims: Skims = new Map();
  const tools: { name: string; hash: string }[] = [];
  const changed: PackageEntry[] = [];
  for (const tf of base.toolFiles) {
    const f = byPath.get(tf.path);
    if (!f) continue;
    if (sha(f.content) === tf.sha) tools.push(...tf.tools);
    else changed.push(f);
  }
  if (changed.length) {
    const withImports = new Map(changed.map((f) => [f.path, f]));
    for (const f of changed) {
      for (const spec of skimOf(f, skims).relativeImports.slice(0, 50)) {
        const path = resolveImport(f.path, spec, byPath);
        const target = path === undefined ? undefined : byPath.get(path);
        if (target && !withImports.has(target.path)) withImports.set(target.path, target);
      }
    }
    // Read as readCode reads the version under vet: vendored bundles it imports are skimmed.
    const read = analyzePackage([...withImports.values()], manifest, skimVendored(manifest, files, skims));
    const changedPaths = new Set(changed.map((f) => f.path));
    for (const t of read.tools)
      if (changedPaths.has(t.where.file)) tools.push({ name: t.name, hash: t.hash });
  }
  return { capabilities: skimCapabilities(files, skims), tools };
}

/** The analysis's reader: vendored bundles that are not an entry of the package are skimmed. */
function skimVendored(
  manifest: Manifest | undefined,
  files: readonly PackageEntry[],
  skims: Skims,
): Parameters<typeof analyzePackage>[2] {
  const entries = entryPaths(manifest, files);
  return {
    read: (path, content) => {
      if (entries.size === 0 || entries.has(path) || !vendoredBundle(path, content.length)) return undefined;
      const skim = skimOf({ path, content }, skims);
      // A bundle that names a credential location is parsed after all: what reads it and where
      // the data goes is a flow, and a stealer hidden in a large chunk must not be only skimmed.
      if (skim.capabilities.has("secrets.paths")) return undefined;
      return skim;
    },
  };
}

/** Skims already made in this job, by path. */
type Skims = Map<string, ReturnType<typeof skimFile>>;

function summarise(files: readonly PackageEntry[], analysis: CodeAnalysis, skims: Skims): CodeSummary {
  const byFile = new Map<string, { name: string; hash: string }[]>();
  for (const t of analysis.tools) {
    const list = byFile.get(t.where.file) ?? [];
    list.push({ name: t.name, hash: t.hash });
    byFile.set(t.where.file, list);
  }
  const contents = new Map(files.map((f) => [f.path, f.content]));
  const toolFiles: CodeSummary["toolFiles"] = [];
  for (const [path, tools] of byFile) {
    const content = contents.get(path);
    if (content) toolFiles.push({ path, sha: sha(content), tools });
  }
  return { capabilities: skimCapabilities(files, skims), toolFiles };
}

/** The skim's capabilities over every code file, summed. */
function skimCapabilities(
  files: readonly PackageEntry[],
  skims: Skims,
): { id: CapabilityId; count: number }[] {
  const counts = new Map<CapabilityId, number>();
  for (const f of files) {
    if (!CODE.test(f.path) || DECLARATION.test(f.path)) continue;
    const skim = skimOf(f, skims);
    for (const [id, use] of skim.capabilities) counts.set(id, (counts.get(id) ?? 0) + use.count);
  }
  return [...counts].map(([id, count]) => ({ id, count })).sort((a, b) => (a.id < b.id ? -1 : 1));
}

function vendoredBundle(path: string, bytes: number): boolean {
  return bytes > SKIM_ABOVE_BYTES || (bytes > SKIM_VENDORED_ABOVE_BYTES && VENDORED.test(path));
}

/**
 * The package's entry points (bin, main, exports), resolved as Node resolves them: an entry is
 * parsed, never skimmed, since a server bundled into one file declares its tools there.
 */
function entryPaths(manifest: Manifest | undefined, files: readonly PackageEntry[]): Set<string> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const packageJson = byPath.get("package.json")?.content.toString("utf8");
  return new Set(entryPoints(manifest, packageJson, byPath));
}

/** A file's skim, made once per job: the summary skims every code file anyway. */
function skimOf(f: PackageEntry, skims: Skims): ReturnType<typeof skimFile> {
  let skim = skims.get(f.path);
  if (!skim) {
    skim = skimFile(f.path, f.content.toString("utf8"));
    skims.set(f.path, skim);
  }
  return skim;
}

function sha(content: Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
