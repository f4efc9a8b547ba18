import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

const FILE = join(process.cwd(), "TODO.md");

export async function load(): Promise<{ done: boolean; text: string }[]> {
  const text = await readFile(FILE, "utf8").catch(() => "");
  return text
    .split("\n")
    .map((l) => /^- \[( |x)\] (.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ done: m[1] === "x", text: m[2]! }));
}

export async function save(items: { done: boolean; text: string }[]): Promise<void> {
  await writeFile(FILE, `# TODO\n\n${items.map((i) => `- [${i.done ? "x" : " "}] ${i.text}`).join("\n")}\n`);
}
