import { parentPort } from "node:worker_threads";
import { type CodeJob, runCodeJob } from "./code-pool.js";

/**
 * The analysis worker: reads package code off the main thread, so parsing a large package
 * overlaps with the registry, the dependency tree and the other sources. One job at a time;
 * the files arrive in one transferred buffer.
 */
parentPort?.on("message", (job: CodeJob & { id: number }) => {
  runCodeJob(job).then(
    (value) => parentPort?.postMessage({ id: job.id, ok: true, value }),
    (err: unknown) =>
      parentPort?.postMessage({
        id: job.id,
        ok: false,
        error: err instanceof Error ? err.message : String(err),
      }),
  );
});
