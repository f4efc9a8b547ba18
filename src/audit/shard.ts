import { createHash } from "node:crypto";
import { AuditUsageError } from "./inventory.js";

export interface Shard {
  index: number;
  count: number;
}

/** `i/n`, 1-based. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || count < 1 || index < 1 || index > count || count > 1000) {
    throw new AuditUsageError(`--shard must be i/n with 1 <= i <= n (got "${text}")`);
  }
  return { index, count };
}

/** Stable partition: a target's shard depends only on its key, never on inventory order. */
export function inShard(key: string, shard: Shard): boolean {
  const n = createHash("sha256").update(key).digest().readUInt32BE(0);
  return n % shard.count === shard.index - 1;
}

/** A file name for a target's report: readable, safe on every OS, unique by a hash suffix. */
export function reportFileName(key: string): string {
  const readable = key
    .replace(/[^a-zA-Z0-9._-]+/g, "_")
    .replace(/^[._]+/, "")
    .slice(0, 80);
  return `${readable}-${createHash("sha256").update(key).digest("hex").slice(0, 8)}.json`;
}
