import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readdir, rename, stat, writeFile } from "node:fs/promises";
import { extname, join } from "node:path";

const KINDS: Record<string, string> = {
  ".jpg": "Images", ".jpeg": "Images", ".png": "Images", ".gif": "Images", ".heic": "Images",
  ".pdf": "Documents", ".docx": "Documents", ".xlsx": "Documents", ".txt": "Documents", ".md": "Documents",
  ".zip": "Archives", ".tar": "Archives", ".gz": "Archives", ".dmg": "Installers", ".pkg": "Installers",
  ".mp4": "Video", ".mov": "Video", ".mp3": "Audio", ".wav": "Audio",
};

export interface Move { from: string; to: string }

export async function plan(dir: string): Promise<Move[]> {
  const moves: Move[] = [];
  for (const name of await readdir(dir)) {
    const s = await stat(join(dir, name));
    if (!s.isFile()) continue;
    const kind = KINDS[extname(name).toLowerCase()] ?? "Other";
    moves.push({ from: join(dir, name), to: join(dir, kind, String(s.mtime.getFullYear()), name) });
  }
  return moves;
}

export async function apply(dir: string, moves: Move[]): Promise<number> {
  for (const m of moves) {
    await mkdir(join(m.to, ".."), { recursive: true });
    await rename(m.from, m.to);
  }
  await writeFile(join(dir, ".tidy-undo.json"), JSON.stringify(moves, null, 2));
  return moves.length;
}

function hash(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash("sha256");
    createReadStream(path).on("data", (c) => h.update(c)).on("end", () => resolve(h.digest("hex"))).on("error", reject);
  });
}

export async function duplicates(dir: string): Promise<string[][]> {
  const bySize = new Map<number, string[]>();
  for (const name of await readdir(dir, { recursive: true })) {
    const p = join(dir, String(name));
    const s = await stat(p).catch(() => undefined);
    if (!s?.isFile()) continue;
    bySize.set(s.size, [...(bySize.get(s.size) ?? []), p]);
  }
  const groups: string[][] = [];
  for (const same of bySize.values()) {
    if (same.length < 2) continue;
    const byHash = new Map<string, string[]>();
    for (const p of same) {
      const h = await hash(p);
      byHash.set(h, [...(byHash.get(h) ?? []), p]);
    }
    groups.push(...[...byHash.values()].filter((g) => g.length > 1));
  }
  return groups;
}
