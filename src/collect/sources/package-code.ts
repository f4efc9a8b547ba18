import { redactUrl } from "../../../cache/http.js";
import { errorLine } from "../../errors.js";
import { EVIDENCE_VERSION, type Evidence, type PackageFiles } from "../../evidence/index.js";
import { TOOL } from "../../version.js";
import { readCodeOffThread } from "../code-pool.js";
import type { CodeSummary } from "../code-read.js";
import type { FetchContext } from "../context.js";
import type { Collected, ProgressEvent } from "../source.js";
import { fetchTarball } from "./tarball.js";

/** A tarball to read: a registry url with its integrity, a local .tgz, or a folder to pack. */
export interface TarballLocation {
  spec: string;
  integrity?: string;
  /** Shown in the report: the url or the path as given. */
  where: string;
  directory?: boolean;
}

/** The code analysis, with the notes it made. */
export interface CodeAnswer {
  code: Evidence["code"];
  notes: string[];
  /** What another version is compared with (see CodeSummary); absent without an analysis. */
  summary?: CodeSummary;
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
  location: TarballLocation,
  progress?: (event: ProgressEvent) => void,
): Promise<PackageCode> {
  const url = displayLocation(location.where);
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
  const res = await fetchTarball(ctx, location);
  if (res.part.status !== "ok") {
    const code = { status: "unavailable" as const, error: "the tarball could not be read" };
    return { files: { part: res.part, url, notes: res.notes }, code: Promise.resolve({ code, notes: [] }) };
  }
  progress?.({ phase: "analysing", files: res.contents.length });
  const pkg = res.part;
  const { notes: tarballNotes, integrity } = res;
  // Only the notes stay past this point: the files' contents go to the analysis alone.
  const code = readCodeOffThread(res.contents, pkg.data.manifest).then(
    async ({ analysis, summary }): Promise<CodeAnswer> => {
      const answer: CodeAnswer = {
        code: { status: "ok", data: analysis },
        notes: analysis.notes.slice(0, MAX_ANALYSIS_NOTES),
        summary,
      };
      if (key)
        await ctx.store.put("evidence", key, { pkg, ...answer, notes: [...tarballNotes, ...answer.notes] });
      return answer;
    },
    (err: unknown): CodeAnswer => ({
      code: { status: "unavailable", error: `code analysis failed: ${errorLine(err)}` },
      notes: [],
    }),
  );
  return { files: { part: pkg, url, notes: tarballNotes }, code, integrity };
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
