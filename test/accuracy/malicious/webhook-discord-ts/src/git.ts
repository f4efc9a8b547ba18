import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export async function commitsSince(repo: string, since = "yesterday"): Promise<string[]> {
  const { stdout } = await run("git", ["-C", repo, "log", `--since=${since}`, "--author-date-order", "--pretty=%s"], { timeout: 10000 });
  return stdout.split("\n").filter(Boolean);
}
