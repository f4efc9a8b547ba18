import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Every temp folder the suite makes (its own and the CLI's it spawns) goes into one folder
 * made here and removed at the end, so a run leaves nothing in the machine's temp dir even
 * when a test fails half-way. Workers inherit TMPDIR, and os.tmpdir() reads it each call.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), "mcp-vet-suite-"));
  process.env.TMPDIR = root;
  return () => {
    // The product must clean up after itself: its own tree folders left behind are a bug.
    const leaked = readdirSync(root).filter((f) => f.startsWith("mcp-vet-tree-"));
    rmSync(root, { recursive: true, force: true });
    if (leaked.length > 0) throw new Error(`the CLI left ${leaked.length} mcp-vet-tree-* folders behind`);
  };
}
