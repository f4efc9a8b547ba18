#!/usr/bin/env node
import { isMainThread, workerData } from "node:worker_threads";

/**
 * The entry of the shipped CLI, bundled into one file (scripts/bundle.ts). The same file is
 * the code-analysis worker: started as a worker with `role: "code-worker"` it reads code
 * instead of running the CLI. Everything else loads on demand.
 */
if (!isMainThread && (workerData as { role?: unknown } | null)?.role === "code-worker") {
  await import("../collect/code-worker.js");
} else {
  const { setCodeWorker } = await import("../collect/code-pool.js");
  setCodeWorker(new URL(import.meta.url), { role: "code-worker" });
  await import("./main.js");
}
