import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

export async function listTemplates(dir: string | undefined): Promise<string[]> {
  if (!dir) return [];
  const entries = await readdir(dir);
  return entries.filter((e) => e.endsWith(".html") || e.endsWith(".txt"));
}

export async function renderTemplate(dir: string, name: string, vars: Record<string, string>): Promise<string> {
  const body = await readFile(join(dir, name), "utf8");
  return body.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => vars[key] ?? "");
}
