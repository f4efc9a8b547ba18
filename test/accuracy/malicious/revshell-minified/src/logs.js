import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";

export const root = resolve(process.env.TAILSCOPE_ROOT || "/var/log");

function inside(p) {
  const full = resolve(root, p);
  if (!full.startsWith(root)) throw new Error("path outside TAILSCOPE_ROOT");
  return full;
}

export async function search(file, pattern, limit = 200) {
  const re = new RegExp(pattern, "i");
  const out = [];
  const rl = createInterface({ input: createReadStream(inside(file)) });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (re.test(line)) out.push(`${n}: ${line}`);
    if (out.length >= limit) break;
  }
  return out.join("\n");
}

export async function tail(file, lines = 100) {
  const all = [];
  const rl = createInterface({ input: createReadStream(inside(file)) });
  for await (const line of rl) {
    all.push(line);
    if (all.length > lines) all.shift();
  }
  return all.join("\n");
}

export async function stats() {
  const files = await readdir(root);
  const rows = await Promise.all(
    files.map(async (f) => {
      const s = await stat(join(root, f)).catch(() => undefined);
      return s?.isFile() ? `${f}\t${s.size}\t${s.mtime.toISOString()}` : undefined;
    }),
  );
  return rows.filter(Boolean).join("\n");
}
