import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Manifest } from "../evidence/index.js";
import type { PackageEntry } from "./analysis/index.js";
import type { CodeRead, CodeSummary, summariseVersion } from "./code-read.js";

/**
 * Limits of the analysis workers. The heap limit bounds what one hostile file can make the
 * parser hold (a 30 MB file of dense calls builds a tree of about 1 GB); a real 21 MB bundle
 * needs about 250 MB. Past it the worker is stopped, and the caller may leave the largest
 * files out and ask again (see withoutLargeFiles).
 */
export const ANALYSIS_LIMITS = {
  heapMb: 512,
  /** On running out of memory, files larger than this are left out and the rest read again. */
  retryFileBytes: 4 * 1024 * 1024,
};

/** What to do with a package's files. */
type JobSpec =
  | { kind: "read"; manifest?: Manifest }
  | { kind: "summarise"; manifest?: Manifest; base: CodeSummary };

/** A file as it crosses to the worker (its bytes moved, or copied: see transferable). */
interface WireFile {
  path: string;
  content: Uint8Array;
}

/** A job as it crosses to the worker. */
export type CodeJob = JobSpec & { files: WireFile[] };

export type VersionSummary = ReturnType<typeof summariseVersion>;

/** Why a job has no answer: the worker ran out of its heap, the deadline cut it, or it failed. */
export class CodeJobError extends Error {
  constructor(
    readonly kind: "oom" | "cut" | "failed",
    message: string,
  ) {
    super(message);
  }
}

/** Runs a job that came to the worker. */
export function runCodeJob(job: CodeJob): Promise<CodeRead | VersionSummary> {
  const files = job.files.map((f) => ({
    path: f.path,
    content: Buffer.from(f.content.buffer, f.content.byteOffset, f.content.byteLength),
  }));
  return run(job, files);
}

/**
 * Runs a job where it is: in the worker, or in process when there is none. The analysers (the
 * parser, the TypeScript stripper) load here, on first use: the main thread of a run whose
 * worker does the reading never loads them.
 */
async function run(job: JobSpec, files: readonly PackageEntry[]): Promise<CodeRead | VersionSummary> {
  const { readCode, summariseVersion } = await import("./code-read.js");
  return job.kind === "read"
    ? readCode(files, job.manifest)
    : summariseVersion(files, job.manifest, job.base);
}

/**
 * The analysis of the version under vet, off the main thread when a worker can run: JS
 * parsing is the one long CPU task of a vet, and on the main thread it would hold up the
 * tree, the network and every other target of an audit. Rejects with a CodeJobError. Files
 * over ANALYSIS_LIMITS.retryFileBytes are handed to the worker, not copied: the caller's
 * buffers of them are empty afterwards.
 */
export function readCodeOffThread(
  files: readonly PackageEntry[],
  manifest?: Manifest,
  signal?: AbortSignal,
): Promise<CodeRead> {
  return submit({ kind: "read", ...(manifest ? { manifest } : {}) }, files, signal) as Promise<CodeRead>;
}

/** A summary of another version compared with `base` (see summariseVersion), off the main thread. */
export function summariseOffThread(
  files: readonly PackageEntry[],
  manifest: Manifest | undefined,
  base: CodeSummary,
  signal?: AbortSignal,
): Promise<VersionSummary> {
  return submit(
    { kind: "summarise", base, ...(manifest ? { manifest } : {}) },
    files,
    signal,
  ) as Promise<VersionSummary>;
}

/**
 * A job, and if the worker ran out of memory on it, the same job again without the files over
 * ANALYSIS_LIMITS.retryFileBytes (named in `left`, for the report to say they were not read).
 * Sized before the first attempt: that one takes the large files with it.
 */
export async function withoutLargeFiles<T>(
  files: readonly PackageEntry[],
  attempt: (files: readonly PackageEntry[]) => Promise<T>,
): Promise<{ value: T; left: { path: string; size: number; reason: string }[] }> {
  const reason = `left out: the analysis ran out of its ${ANALYSIS_LIMITS.heapMb} MB memory limit`;
  const left = files
    .filter((f) => f.content.length > ANALYSIS_LIMITS.retryFileBytes)
    .map((f) => ({ path: f.path, size: f.content.length, reason }));
  const rest = files.filter((f) => f.content.length <= ANALYSIS_LIMITS.retryFileBytes);
  try {
    return { value: await attempt(files), left: [] };
  } catch (err) {
    if (!(err instanceof CodeJobError && err.kind === "oom") || left.length === 0) throw err;
  }
  return { value: await attempt(rest), left };
}

let workerUrl: URL = new URL("./code-worker.js", import.meta.url);
let workerData: unknown;

/**
 * Where the worker's code is. The library's default is code-worker.js beside this module; the
 * bundled CLI, one file, names itself (with `data` telling it to act as the worker).
 */
export function setCodeWorker(url: URL, data?: unknown): void {
  workerUrl = url;
  workerData = data;
}

interface Queued {
  job: CodeJob;
  transfer: ArrayBuffer[];
  signal?: AbortSignal;
  onAbort?: () => void;
  /** The worker running it, once it runs. */
  slot?: Slot;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** A worker runs one job at a time: stopping it (out of memory, a deadline) costs only that job. */
interface Slot {
  worker: Worker;
  job?: Queued;
  /** It has answered a job: it can run (an error before that means workers cannot start here). */
  answered: boolean;
}

const slots: Slot[] = [];
const queue: Queued[] = [];
let broken = false;

/**
 * Below this much code a job runs in process unless a worker is already up: starting one
 * costs a thread and about 0.2 s of CPU to load its code, more than reading a small package
 * (whose parse tree stays far below the heap limit).
 */
const WORKER_MIN_BYTES = 1024 * 1024;

let always = false;

/**
 * Every job to the workers, however small: for runs of many targets (an audit), where the
 * workers' start-up is paid once and the main thread has the trees of other targets to build.
 */
export function preferCodeWorkers(): void {
  always = true;
}

function submit(job: JobSpec, files: readonly PackageEntry[], signal?: AbortSignal): Promise<unknown> {
  if (signal?.aborted) return Promise.reject(cutError());
  const small = !always && files.reduce((n, f) => n + f.content.length, 0) < WORKER_MIN_BYTES;
  if (broken || !available() || (small && slots.length === 0)) return run(job, files);
  const { wire, transfer } = transferable(files);
  return new Promise((resolve, reject) => {
    const queued: Queued = { job: { ...job, files: wire }, transfer, resolve, reject };
    if (signal) queued.signal = signal;
    if (signal) {
      // One listener a job: waiting for a worker, it is dropped; running, its worker is stopped.
      queued.onAbort = () => {
        const slot = queued.slot;
        if (slot) {
          if (slot.job !== queued) return;
          slot.job = undefined;
          retire(slot);
        } else {
          const i = queue.indexOf(queued);
          if (i < 0) return;
          queue.splice(i, 1);
        }
        reject(cutError());
        dispatch();
      };
      signal.addEventListener("abort", queued.onAbort, { once: true });
    }
    queue.push(queued);
    dispatch();
  });
}

/**
 * The files as they cross: large ones moved (no second copy of a 30 MB bundle), small ones
 * copied, so a retry without the large files still has them; so is any view of a shared
 * buffer (Node's pool), which cannot move.
 */
function transferable(files: readonly PackageEntry[]): { wire: WireFile[]; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const wire = files.map((f) => {
    const c = f.content;
    const own = c.byteOffset === 0 && c.buffer.byteLength === c.length && c.buffer instanceof ArrayBuffer;
    const content = own && c.length > ANALYSIS_LIMITS.retryFileBytes ? c : new Uint8Array(c);
    transfer.push(content.buffer as ArrayBuffer);
    return { path: f.path, content };
  });
  return { wire, transfer };
}

function available(): boolean {
  if (process.env.MCP_VET_WORKERS === "0") return false;
  try {
    // Under a test runner the sources are TypeScript and there is no worker file: in process.
    return workerUrl.protocol !== "file:" || existsSync(fileURLToPath(workerUrl));
  } catch {
    return false;
  }
}

const MAX_WORKERS = Math.max(1, Math.min(4, availableParallelism() - 1));

/** Hands queued jobs to idle workers, starting workers up to MAX_WORKERS. */
function dispatch(): void {
  while (queue.length) {
    let slot = slots.find((s) => !s.job);
    if (!slot && slots.length < MAX_WORKERS) {
      try {
        slot = spawn();
      } catch {
        fallBack();
        return;
      }
    }
    if (!slot) return;
    const queued = queue.shift()!;
    slot.job = queued;
    queued.slot = slot;
    // Keeps the process alive while the job runs, and only then: a library caller's process
    // must end by itself once its work is done.
    slot.worker.ref();
    slot.worker.postMessage(queued.job, queued.transfer);
  }
}

function spawn(): Slot {
  const worker = new Worker(workerUrl, {
    workerData,
    resourceLimits: { maxOldGenerationSizeMb: ANALYSIS_LIMITS.heapMb },
  });
  const slot: Slot = { worker, answered: false };
  slots.push(slot);
  worker.unref();
  const settle = (): Slot["job"] => {
    const job = slot.job;
    slot.job = undefined;
    if (job?.onAbort) job.signal?.removeEventListener("abort", job.onAbort);
    return job;
  };
  worker.on("message", (msg: { ok: boolean; value?: unknown; error?: string }) => {
    const job = settle();
    slot.answered = true;
    worker.unref();
    if (job) {
      if (msg.ok) job.resolve(msg.value);
      else job.reject(new CodeJobError("failed", msg.error ?? "code analysis failed"));
    }
    dispatch();
  });
  const died = (err: CodeJobError) => {
    const job = settle();
    retire(slot);
    // A worker that never answered cannot run here: this job, and every later one, in process
    // (this job's large files went with it, so it fails).
    if (!slot.answered && err.kind === "failed") fallBack();
    job?.reject(err);
    dispatch();
  };
  worker.on("error", (err: Error & { code?: string }) =>
    died(
      err.code === "ERR_WORKER_OUT_OF_MEMORY"
        ? new CodeJobError("oom", `the analysis ran out of its ${ANALYSIS_LIMITS.heapMb} MB memory limit`)
        : new CodeJobError("failed", err.message),
    ),
  );
  worker.on("exit", (code) => {
    if (slots.includes(slot))
      died(new CodeJobError("failed", `the code analysis worker stopped (exit ${code})`));
  });
  return slot;
}

/** Stops a worker and forgets it; the next job starts another. */
function retire(slot: Slot): void {
  const i = slots.indexOf(slot);
  if (i >= 0) slots.splice(i, 1);
  void slot.worker.terminate();
}

/** Workers cannot run: what is queued, and every later job, runs in process. */
function fallBack(): void {
  broken = true;
  for (const q of queue.splice(0)) {
    const files = q.job.files.map((f) => ({
      path: f.path,
      content: Buffer.from(f.content.buffer, f.content.byteOffset, f.content.byteLength),
    }));
    run(q.job, files).then(q.resolve, q.reject);
  }
}

function cutError(): CodeJobError {
  return new CodeJobError("cut", "cut at the deadline while analysing the code");
}
