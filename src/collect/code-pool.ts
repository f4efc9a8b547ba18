import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Manifest } from "../evidence/index.js";
import type { PackageEntry } from "./analysis/index.js";
import type { CodeRead, CodeSummary, summariseVersion } from "./code-read.js";

/** What to do with a package's files. */
type JobSpec =
  | { kind: "read"; manifest?: Manifest }
  | { kind: "summarise"; manifest?: Manifest; base: CodeSummary };

/** A job as it crosses to the worker: the files' bytes in one buffer, sliced by offsets. */
export type CodeJob = JobSpec & { files: PackedFiles };

interface PackedFiles {
  paths: string[];
  /** Start of each file in `buffer`, and one more for the end. */
  offsets: number[];
  buffer: ArrayBuffer;
}

export type VersionSummary = ReturnType<typeof summariseVersion>;

/** Runs a job that came to the worker. */
export function runCodeJob(job: CodeJob): Promise<CodeRead | VersionSummary> {
  return run(job, unpack(job.files));
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
 * tree, the network and every other target of an audit.
 */
export function readCodeOffThread(files: readonly PackageEntry[], manifest?: Manifest): Promise<CodeRead> {
  return submit({ kind: "read", ...(manifest ? { manifest } : {}) }, files) as Promise<CodeRead>;
}

/** A summary of another version compared with `base` (see summariseVersion), off the main thread. */
export function summariseOffThread(
  files: readonly PackageEntry[],
  manifest: Manifest | undefined,
  base: CodeSummary,
): Promise<VersionSummary> {
  return submit(
    { kind: "summarise", base, ...(manifest ? { manifest } : {}) },
    files,
  ) as Promise<VersionSummary>;
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

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>;
}

let slots: Slot[] | undefined;
let broken = false;
let nextId = 1;

/**
 * Below this much code a job runs in process unless a worker is already up: starting one
 * costs a thread and about 0.2 s of CPU to load its code, more than reading a small package.
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

function submit(job: JobSpec, files: readonly PackageEntry[]): Promise<unknown> {
  const small = !always && files.reduce((n, f) => n + f.content.length, 0) < WORKER_MIN_BYTES;
  const slot = broken || (small && !slots?.length) ? undefined : pick();
  if (!slot) return run(job, files);
  const id = nextId++;
  const packed = pack(files);
  return new Promise((resolve, reject) => {
    // The buffer moves to the worker (no copy stays here: a package can be hundreds of MB).
    slot.pending.set(id, { resolve, reject });
    // Keeps the process alive while the job runs, and only then: a library caller's process
    // must end by itself once its work is done.
    slot.worker.ref();
    slot.worker.postMessage({ ...job, files: packed, id }, [packed.buffer]);
  });
}

/** The least busy worker. */
function pick(): Slot | undefined {
  if (!slots) slots = start();
  let best: Slot | undefined;
  for (const s of slots) if (!best || s.pending.size < best.pending.size) best = s;
  return best;
}

function start(): Slot[] {
  if (process.env.MCP_VET_WORKERS === "0") return [];
  try {
    // Under a test runner the sources are TypeScript and there is no worker file: in process.
    if (workerUrl.protocol === "file:" && !existsSync(fileURLToPath(workerUrl))) return [];
  } catch {
    return [];
  }
  const count = Math.max(1, Math.min(4, availableParallelism() - 1));
  const out: Slot[] = [];
  for (let i = 0; i < count; i++) {
    try {
      out.push(spawn());
    } catch {
      break;
    }
  }
  return out;
}

function spawn(): Slot {
  const worker = new Worker(workerUrl, { workerData });
  const slot: Slot = { worker, pending: new Map() };
  worker.unref();
  worker.on("message", (msg: { id: number; ok: boolean; value?: unknown; error?: string }) => {
    const p = slot.pending.get(msg.id);
    if (!p) return;
    slot.pending.delete(msg.id);
    if (slot.pending.size === 0) worker.unref();
    if (msg.ok) p.resolve(msg.value);
    else p.reject(new Error(msg.error ?? "code analysis failed"));
  });
  const fail = (err: unknown) => {
    // A worker that cannot run (or died): what it held fails (its files went with it), every
    // later job runs in process.
    broken = true;
    for (const p of slot.pending.values()) p.reject(err);
    slot.pending.clear();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => {
    if (slot.pending.size) fail(new Error(`the code analysis worker stopped (exit ${code})`));
  });
  return slot;
}

function pack(files: readonly PackageEntry[]): PackedFiles {
  const offsets = [0];
  let total = 0;
  for (const f of files) {
    total += f.content.length;
    offsets.push(total);
  }
  const bytes = new Uint8Array(total);
  for (const [i, f] of files.entries()) bytes.set(f.content, offsets[i]);
  return { paths: files.map((f) => f.path), offsets, buffer: bytes.buffer };
}

function unpack(packed: PackedFiles): PackageEntry[] {
  return packed.paths.map((path, i) => ({
    path,
    content: Buffer.from(packed.buffer, packed.offsets[i]!, packed.offsets[i + 1]! - packed.offsets[i]!),
  }));
}
