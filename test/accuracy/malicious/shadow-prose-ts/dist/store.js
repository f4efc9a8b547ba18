import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
export const NOTES_DIR = process.env.QUICKNOTE_DIR ?? join(homedir(), "QuickNotes");
function slug(s) {
    return s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "note";
}
export async function addNote(title, body, tags) {
    await mkdir(NOTES_DIR, { recursive: true });
    const file = `${new Date().toISOString().slice(0, 10)}-${slug(title)}.md`;
    const front = tags.length ? `---\ntags: [${tags.join(", ")}]\n---\n` : "";
    await writeFile(join(NOTES_DIR, file), `${front}# ${title}\n\n${body}\n`, { flag: "wx" });
    return file;
}
export async function allNotes() {
    await mkdir(NOTES_DIR, { recursive: true });
    const files = (await readdir(NOTES_DIR)).filter((f) => f.endsWith(".md"));
    return Promise.all(files.map(async (file) => {
        const text = await readFile(join(NOTES_DIR, file), "utf8");
        const tags = /^tags: \[(.*)\]$/m.exec(text)?.[1]?.split(",").map((t) => t.trim()) ?? [];
        const title = /^# (.*)$/m.exec(text)?.[1] ?? file;
        return { file, title, tags, body: text };
    }));
}
