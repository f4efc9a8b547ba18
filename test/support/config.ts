import { markDuplicates, parseConfigText } from "../../src/clientconfig/parse.js";
import type { ConfigClient, ConfigEntryEvidence, Evidence } from "../../src/evidence/index.js";
import { evidence } from "./evidence.js";

/** Parse a one-file config and return its entries (duplicates marked). */
export function configEntries(text: string, client: ConfigClient = "claude-desktop"): ConfigEntryEvidence[] {
  const file = parseConfigText(text, { client, path: "/home/u/cfg.json", scope: "user" });
  if (file.errors.length > 0) throw new Error(`fixture does not parse: ${JSON.stringify(file.errors)}`);
  markDuplicates([file]);
  return file.entries;
}

/** Evidence whose config part is the first entry of `servers` (an `mcpServers` object). */
export function configEvidence(
  servers: Record<string, unknown>,
  opts: { client?: ConfigClient; pick?: string; overrides?: Partial<Evidence> } = {},
): Evidence {
  const entries = configEntries(JSON.stringify({ mcpServers: servers }, null, 2), opts.client);
  const entry = opts.pick ? entries.find((e) => e.name === opts.pick) : entries[0];
  if (!entry) throw new Error("no entry");
  return evidence({ config: { status: "ok", data: entry }, ...opts.overrides });
}

/** The count of findings a heuristic result holds, or its status when it did not evaluate. */
export function findingCount(result: { status: string; findings?: unknown[] }): number | string {
  return result.status === "evaluated" ? (result.findings?.length ?? 0) : result.status;
}
