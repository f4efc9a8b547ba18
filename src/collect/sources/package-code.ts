import { redactUrl } from "../../../cache/http.js";
import { errorLine } from "../../errors.js";
import { EVIDENCE_VERSION, type Evidence, type PackageFiles } from "../../evidence/index.js";
import { TOOL } from "../../version.js";
import type { PackageEntry } from "../analysis/index.js";
import { CodeJobError, readCodeOffThread, withoutLargeFiles } from "../code-pool.js";
import type { CodeSummary } from "../code-read.js";
import type { FetchContext } from "../context.js";
import type { Collected, ProgressEvent } from "../source.js";
import { fetchTarball, TARBALL_LIMITS, type TarballSource } from "./tarball.js";

/** The code analysis, with the notes it made. */
export interface CodeAnswer {
  code: Evidence["code"];
  notes: string[];
  /** What another version is compared with (see CodeSummary); absent without an analysis. */
  summary?: CodeSummary;
  /** The target's deadline cut the analysis. */
  cut?: boolean;
}

export interface PackageCode {
  files: Collected<PackageFiles>;
  /**
   * The analysis, settling later: it runs off the main thread while the caller goes on with
   * the tree and the other sources. Never rejects.
   */
  code: Promise<CodeAnswer>;
  /** sha512 of the bytes analysed. */
  integrity?: string;
}

/** Analysis notes kept per package. */
const MAX_ANALYSIS_NOTES = 50;

/**
 * The tarball source: fetches a package's files and starts the analysis of its code. Registry
 * tarballs are named by their integrity, so their analysis is stored by it and reused as is;
 * the files' contents live only until the analysis has them and never enter the evidence.
 */
export async function readPackageCode(
  ctx: FetchContext,
  location: TarballSource,
  progress?: (event: ProgressEvent) => void,
): Promise<PackageCode> {
  const url = displayLocation(location.where);
  const signal = ctx.signal;
  const key = location.integrity ? analysisKey(location.integrity) : undefined;
  if (key && !ctx.refresh) {
    const hit = await ctx.store.get<Stored>("evidence", key);
    if (hit) {
      const files = { part: hit.pkg, url, cached: true, notes: [] };
      const answer: CodeAnswer = {
        code: hit.code,
        notes: hit.notes,
        ...(hit.summary ? { summary: hit.summary } : {}),
      };
      return { files, code: Promise.resolve(answer), integrity: location.integrity };
    }
  }
  const res = await fetchTarball(ctx, location, signal);
  if (res.part.status !== "ok") {
    const code = { status: "unavailable" as const, error: "the tarball could not be read" };
    return { files: { part: res.part, url, notes: res.notes }, code: Promise.resolve({ code, notes: [] }) };
  }
  progress?.({ phase: "analysing", files: res.contents.length });
  const pkg = res.part.data;
  const { notes: tarballNotes, integrity } = res;
  // Only the notes stay past this point: the files' contents go to the analysis alone.
  const code = withoutLargeFiles(analysisInput(res.contents, pkg), (files) =>
    readCodeOffThread(files, pkg.manifest, signal),
  ).then(
    async ({ value: { analysis, summary }, left }): Promise<CodeAnswer> => {
      const notes = analysis.notes.slice(0, MAX_ANALYSIS_NOTES);
      if (left.length) {
        // Files the worker could not hold are named as not read (unread-code): the package
        // part is still this call's own object, and the evidence is built once this settles.
        pkg.notRead = [...(pkg.notRead ?? []), ...left].slice(0, TARBALL_LIMITS.notRead);
        pkg.notReadCount = (pkg.notReadCount ?? 0) + left.length;
        notes.unshift(
          `analysis ran out of its memory limit; ${left.length} large file${left.length === 1 ? "" : "s"} left out`,
        );
      }
      const answer: CodeAnswer = { code: { status: "ok", data: analysis }, notes, summary };
      // Past the deadline nothing is stored: the run is over, and its answer is not this.
      if (key && !signal?.aborted)
        await ctx.store.put("evidence", key, {
          pkg: res.part,
          ...answer,
          notes: [...tarballNotes, ...notes],
        });
      return answer;
    },
    (err: unknown): CodeAnswer => {
      if (err instanceof CodeJobError && err.kind === "cut")
        return { code: { status: "unavailable", error: err.message }, notes: [], cut: true };
      const why =
        err instanceof CodeJobError && err.kind === "oom" ? "the analysis ran out of memory" : errorLine(err);
      return { code: { status: "unavailable", error: `code analysis failed: ${why}` }, notes: [] };
    },
  );
  return { files: { part: res.part, url, notes: tarballNotes }, code, integrity };
}

/** The analysed files: the code kept from the tarball, plus the paths that say native code. */
function analysisInput(contents: readonly PackageEntry[], pkg: PackageFiles): PackageEntry[] {
  const have = new Set(contents.map((c) => c.path));
  const empty = Buffer.alloc(0);
  const markers = pkg.files
    .filter((f) => !have.has(f.path) && (f.path.endsWith(".node") || f.path === "binding.gyp"))
    .map((f) => ({ path: f.path, content: empty }));
  return [...contents, ...markers];
}

/** Where the analysis of a registry tarball is stored: by its integrity, for this tool and evidence version. */
export function analysisKey(integrity: string): string {
  return `${TOOL.version}:${EVIDENCE_VERSION}:${integrity}`;
}

/** The analysis as stored by tarball integrity. */
export interface Stored {
  pkg: Collected<PackageFiles>["part"];
  code: Evidence["code"];
  /** The tarball's notes, then the analysis's. */
  notes: string[];
  summary?: CodeSummary;
}

/** A tarball URL without credentials or query (npmrc registries may carry them); a local path as is. */
function displayLocation(where: string): string {
  return /^https?:\/\//i.test(where) ? redactUrl(where) : where;
}
