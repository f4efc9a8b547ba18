import { parentPort } from "node:worker_threads";
import type { Manifest } from "../../evidence/index.js";
import { analyzePackage } from "../analysis/index.js";

/**
 * The code analysis, run in a worker thread with a heap limit (package-code.ts): a hostile
 * file can make the parser's tree grow to gigabytes, and a pathological one can keep it busy
 * past the deadline; a worker can be stopped for either, the main thread cannot.
 */
parentPort?.once(
  "message",
  (job: { files: { path: string; content: Uint8Array }[]; manifest?: Manifest }) => {
    const files = job.files.map((f) => ({
      path: f.path,
      content: Buffer.from(f.content.buffer, f.content.byteOffset, f.content.byteLength),
    }));
    try {
      parentPort!.postMessage({ ok: true, analysis: analyzePackage(files, job.manifest) });
    } catch (err) {
      parentPort!.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  },
);
