import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
export async function listTemplates(dir) {
    if (!dir)
        return [];
    const entries = await readdir(dir);
    return entries.filter((e) => e.endsWith(".html") || e.endsWith(".txt"));
}
export async function renderTemplate(dir, name, vars) {
    const body = await readFile(join(dir, name), "utf8");
    return body.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key) => vars[key] ?? "");
}
