import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { redactUrl } from "../../../cache/http.js";
import { errorLine } from "../../errors.js";
import {
  type CodeAnalysis,
  EVIDENCE_VERSION,
  type Evidence,
  type Manifest,
  type PackageFiles,
} from "../../evidence/index.js";
import { TOOL } from "../../version.js";
import { analyzePackage, type PackageEntry } from "../analysis/index.js";
import type { FetchContext } from "../context.js";
import type { Collected, ProgressEvent } from "../source.js";
import { fetchTarball, TARBALL_LIMITS, type TarballSource } from "./tarball.js";

/** A tarball to read: a registry url with its integrity, a local .tgz, or a folder to pack. */
export type TarballLocation = TarballSource;

export interface PackageCode {
  files: Collected<PackageFiles>;
  code: Evidence["code"];
  /** sha512 of the bytes analysed. */
  integrity?: string;
}

/**
 * Limits of the analysis worker. The heap limit bounds what one hostile file can make the
 * parser hold (a 30 MB file of dense calls builds a tree of about 1 GB); a real 21 MB bundle
 * needs about 250 MB. Past it the worker is stopped and the largest files are left out.
 */
export const ANALYSIS_LIMITS = {
  heapMb: 512,
  /** On running out of memory, files larger than this are left out and the rest analysed again. */
  retryFileBytes: 4 * 1024 * 1024,
};

/**
 * The tarball source: fetches a package's files and analyses its code. Registry tarballs are
 * named by their integrity, so their analysis is stored by it and reused as is; the files'
 * contents live only for this call and never enter the evidence.
 */
export async function readPackageCode(
  ctx: FetchContext,
  location: TarballLocation,
  progress?: (event: ProgressEvent) => void,
): Promise<PackageCode> {
  const url = displayLocation(location.where);
  const signal = ctx.signal;
  const key = location.integrity ? `${TOOL.version}:${EVIDENCE_VERSION}:${location.integrity}` : undefined;
  if (key && !ctx.refresh) {
    const hit = await ctx.store.get<Stored>("evidence", key);
    if (hit) {
      const files = { part: hit.pkg, url, cached: true, notes: hit.notes };
      return { files, code: hit.code, integrity: location.integrity };
    }
  }
  const res = await fetchTarball(ctx, location, signal);
  if (res.part.status !== "ok") {
    const code = { status: "unavailable" as const, error: "the tarball could not be read" };
    return { files: { part: res.part, url, notes: res.notes }, code };
  }
  const pkg = res.part.data;
  let code: Evidence["code"];
  const notes = [...res.notes];
  progress?.({ phase: "analysing", files: res.contents.length });
  const outcome = await analyse(analysisInput(res.contents, pkg), pkg.manifest, signal);
  if (outcome.cut) {
    const cut = { status: "unavailable" as const, error: "cut at the deadline while analysing the code" };
    return { files: { part: cut, url, notes }, code: cut };
  }
  if (outcome.left.length) {
    const notRead = [...(pkg.notRead ?? []), ...outcome.left];
    pkg.notRead = notRead.slice(0, TARBALL_LIMITS.notRead);
    pkg.notReadCount = (pkg.notReadCount ?? 0) + outcome.left.length;
    notes.push(
      `analysis ran out of its ${ANALYSIS_LIMITS.heapMb} MB memory limit; ${outcome.left.length} large files left out`,
    );
  }
  if (outcome.analysis) {
    for (const n of outcome.analysis.notes.slice(0, 50)) notes.push(n);
    code = { status: "ok", data: outcome.analysis };
  } else {
    code = { status: "unavailable", error: `code analysis failed: ${outcome.error}` };
  }
  // Past the deadline nothing is stored: the run is over, and its answer is not this.
  if (key && code.status === "ok" && !signal?.aborted)
    await ctx.store.put("evidence", key, { pkg: res.part, code, notes });
  return { files: { part: res.part, url, notes }, code, integrity: res.integrity };
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

interface Outcome {
  analysis?: CodeAnalysis;
  error?: string;
  /** Files left out after the worker ran out of memory. */
  left: { path: string; size: number; reason: string }[];
  cut?: boolean;
}

/**
 * Runs the analysis in a worker with a heap limit, stopped at the deadline. When the worker
 * runs out of memory the files over ANALYSIS_LIMITS.retryFileBytes are left out (and named)
 * and the rest analysed again. Without the compiled worker (tests run the TypeScript
 * sources) it runs here.
 */
async function analyse(
  files: PackageEntry[],
  manifest: Manifest | undefined,
  signal?: AbortSignal,
): Promise<Outcome> {
  if (!existsSync(fileURLToPath(WORKER))) {
    try {
      return { analysis: analyzePackage(files, manifest), left: [] };
    } catch (err) {
      return { error: errorLine(err), left: [] };
    }
  }
  const reason = `left out: the analysis ran out of its ${ANALYSIS_LIMITS.heapMb} MB memory limit`;
  // Sized before the first attempt: it takes the large files' memory with it.
  const left = files
    .filter((f) => f.content.length > ANALYSIS_LIMITS.retryFileBytes)
    .map((f) => ({ path: f.path, size: f.content.length, reason }));
  const rest = files.filter((f) => f.content.length <= ANALYSIS_LIMITS.retryFileBytes);
  const first = await inWorker(files, manifest, signal);
  if (first.kind !== "oom") return settle(first, []);
  const second = await inWorker(rest, manifest, signal);
  if (second.kind === "oom") return { error: "the analysis ran out of memory", left };
  return settle(second, left);
}

function settle(r: WorkerAnswer, left: Outcome["left"]): Outcome {
  if (r.kind === "ok") return { analysis: r.analysis, left };
  if (r.kind === "cut") return { cut: true, left };
  return { error: r.kind === "error" ? r.error : "the analysis ran out of memory", left };
}

const WORKER = new URL("./analysis-worker.js", import.meta.url);

type WorkerAnswer =
  | { kind: "ok"; analysis: CodeAnalysis }
  | { kind: "error"; error: string }
  | { kind: "oom" }
  | { kind: "cut" };

function inWorker(
  files: PackageEntry[],
  manifest: Manifest | undefined,
  signal?: AbortSignal,
): Promise<WorkerAnswer> {
  if (signal?.aborted) return Promise.resolve({ kind: "cut" });
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, {
      resourceLimits: { maxOldGenerationSizeMb: ANALYSIS_LIMITS.heapMb },
    });
    let done = false;
    const finish = (answer: WorkerAnswer) => {
      if (done) return;
      done = true;
      signal?.removeEventListener("abort", onAbort);
      void worker.terminate();
      resolve(answer);
    };
    const onAbort = () => finish({ kind: "cut" });
    signal?.addEventListener("abort", onAbort, { once: true });
    worker.on("message", (m: { ok: boolean; analysis?: CodeAnalysis; error?: string }) =>
      finish(
        m.ok ? { kind: "ok", analysis: m.analysis! } : { kind: "error", error: errorLine(m.error ?? "") },
      ),
    );
    worker.on("error", (err: Error & { code?: string }) =>
      finish(
        err.code === "ERR_WORKER_OUT_OF_MEMORY" ? { kind: "oom" } : { kind: "error", error: errorLine(err) },
      ),
    );
    worker.on("exit", () => finish({ kind: "error", error: "the analysis stopped without an answer" }));
    // Large files are handed over (not copied): a second attempt leaves them out anyway. Small
    // ones are copied, so they are still here for it; so is any view of a shared buffer.
    const transfer: ArrayBuffer[] = [];
    const payload = files.map((f) => {
      const c = f.content;
      const own = c.byteOffset === 0 && c.buffer.byteLength === c.length && c.buffer instanceof ArrayBuffer;
      const content = own && c.length > ANALYSIS_LIMITS.retryFileBytes ? c : new Uint8Array(c);
      transfer.push(content.buffer as ArrayBuffer);
      return { path: f.path, content };
    });
    worker.postMessage({ files: payload, manifest }, transfer);
  });
}

/** The analysis as stored by tarball integrity. */
interface Stored {
  pkg: Collected<PackageFiles>["part"];
  code: Evidence["code"];
  notes: string[];
}

/** A tarball URL without credentials or query (npmrc registries may carry them); a local path as is. */
function displayLocation(where: string): string {
  return /^https?:\/\//i.test(where) ? redactUrl(where) : where;
}
