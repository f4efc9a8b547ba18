import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Temp folders of this process, so an interrupted run (Ctrl-C) can remove them before it
 * exits: `finally` blocks do not run when a signal ends the process.
 */
const live = new Set<string>();

// A run that ends while a source is still at work (cut at its deadline) must not leave its
// folder behind: `exit` handlers run on process.exit too, synchronously.
process.once("exit", () => removeAllTempDirsSync());

export async function makeTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  live.add(dir);
  return dir;
}

export async function removeTempDir(dir: string): Promise<void> {
  live.delete(dir);
  await rm(dir, { recursive: true, force: true }).catch(() => undefined);
}

/** On the way out after a signal: synchronous, best effort. */
export function removeAllTempDirsSync(): void {
  for (const dir of live) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Nothing more can be done on the way out.
    }
  }
  live.clear();
}
