import { describe, expect, it } from "vitest";
import type { Finding, Heuristic } from "../../scoring/engine/types.js";
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

/** A stdio entry started by `npx -y <spec> ...rest`. */
export const npx = (spec: string, ...rest: string[]) => ({ command: "npx", args: ["-y", spec, ...rest] });

/** A stdio entry started by `docker run -i --rm ...args`. */
export const docker = (...args: string[]) => ({ command: "docker", args: ["run", "-i", "--rm", ...args] });

/** A remote (streamable HTTP) entry. */
export const remote = (url: string, headers?: Record<string, string>) => ({
  type: "http",
  url,
  ...(headers ? { headers } : {}),
});

/** A GitHub token shaped like the real thing, for secret cases. */
export const GH_TOKEN = `ghp_${"a1B2c3D4e5".repeat(4)}`;

/** [case name, the server entry, expected finding count] */
export type ConfigRow = [string, Record<string, unknown>, number];

/**
 * The table test of a config heuristic: each row's entry as the run's config entry, true and
 * false positives side by side, plus what it answers when the run has no config entry.
 */
export function configTable(h: Heuristic, rows: ConfigRow[]): void {
  describe(h.definition.id, () => {
    it.each(rows)("%s", (_name, server, count) => {
      expect(findingCount(h.evaluate(configEvidence({ s: server })))).toBe(count);
    });
    it("is skipped when the run has no config entry", () => {
      expect(h.evaluate(evidence()).status).toBe("skipped");
    });
  });
}

/** The findings of a config heuristic on the entry `pick` (default: the first) of `servers`. */
export function configFindings(h: Heuristic, servers: Record<string, unknown>, pick?: string): Finding[] {
  const r = h.evaluate(configEvidence(servers, pick ? { pick } : {}));
  if (r.status !== "evaluated") throw new Error(r.status);
  return r.findings;
}
