import { parentPort } from "node:worker_threads";
import { type CodeJob, runCodeJob } from "./code-pool.js";

/**
 * The analysis worker: reads package code off the main thread, so parsing a large package
 * overlaps with the registry, the dependency tree and the other sources, under a heap limit
 * (a hostile file can grow the parser's tree to gigabytes) and a deadline (the pool stops a
 * worker whose target's time is up; the main thread could not stop itself). One job at a time.
 */
parentPort?.on("message", (job: CodeJob) => {
  runCodeJob(job).then(
    (value) => parentPort?.postMessage({ ok: true, value }),
    (err: unknown) =>
      parentPort?.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
});
