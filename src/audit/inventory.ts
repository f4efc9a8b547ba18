import { readFile } from "node:fs/promises";
import { relative, resolve } from "node:path";
import { glob } from "glob";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { errorLine } from "../errors.js";

/** A usage problem with the audit's inputs (inventory, baseline, flags): exit 2. */
export class AuditUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuditUsageError";
  }
}

export interface AuditTarget {
  key: string;
  kind: "package" | "repo" | "config";
  /** What vet() is given (or the config path). */
  spec: string;
}

const PackageEntry = z.union([
  z.string().min(1),
  z.strictObject({
    name: z.string().min(1).max(214),
    version: z.string().min(1).max(200).optional(),
    range: z.string().min(1).max(200).optional(),
  }),
]);
const RepoEntry = z.union([z.string().min(1), z.strictObject({ repo: z.string().min(1) })]);
const ConfigEntry = z.union([z.string().min(1), z.strictObject({ path: z.string().min(1) })]);

const InventorySchema = z.strictObject({
  packages: z.array(PackageEntry).default([]),
  repos: z.array(RepoEntry).default([]),
  configs: z.array(ConfigEntry).default([]),
});
export type Inventory = z.infer<typeof InventorySchema>;

/** Reads an inventory file (YAML or JSON; YAML is a superset) and lists its targets. */
export async function loadInventory(path: string): Promise<AuditTarget[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new AuditUsageError(`cannot read inventory ${path}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 100 });
  } catch (err) {
    // `- @scope/name` is the usual slip: `@` is reserved in YAML and cannot start a plain value.
    const hint = /reserved character @/.test(errorLine(err))
      ? ' (hint: quote package names that start with @: "@scope/name")'
      : "";
    throw new AuditUsageError(
      `inventory ${path} is not valid YAML or JSON: ${errorLine(err).replace(/:$/, "")}${hint}`,
    );
  }
  const parsed = InventorySchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AuditUsageError(
      `inventory ${path}: ${issue ? `${issue.path.join(".") || "(top)"}: ${issue.message}` : "invalid"}`,
    );
  }
  return inventoryTargets(parsed.data);
}

export function inventoryTargets(inv: Inventory): AuditTarget[] {
  const targets: AuditTarget[] = [];
  for (const p of inv.packages) {
    const { name, range } =
      typeof p === "string" ? splitSpec(p) : { name: p.name, range: p.version ?? p.range };
    targets.push({ key: `npm:${name}`, kind: "package", spec: range ? `${name}@${range}` : name });
  }
  for (const r of inv.repos) {
    const raw = (typeof r === "string" ? r : r.repo).trim();
    const m = /^(?:github:|https?:\/\/github\.com\/)?([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/i.exec(raw);
    if (!m)
      throw new AuditUsageError(`inventory: "${raw.slice(0, 100)}" is not a GitHub repository (owner/repo)`);
    targets.push({ key: `github:${m[1]}/${m[2]}`, kind: "repo", spec: `github:${m[1]}/${m[2]}` });
  }
  for (const c of inv.configs) {
    const path = typeof c === "string" ? c : c.path;
    targets.push({ key: `config:${path}`, kind: "config", spec: path });
  }
  // One entry per key: the first wins, as a later duplicate would overwrite its report file.
  const seen = new Set<string>();
  return targets.filter((t) => !seen.has(t.key) && seen.add(t.key));
}

/** `name`, `name@range`, `@scope/name@range`. */
function splitSpec(spec: string): { name: string; range?: string } {
  const at = spec.indexOf("@", 1);
  return at < 0
    ? { name: spec.trim() }
    : { name: spec.slice(0, at).trim(), range: spec.slice(at + 1).trim() };
}

/** Where MCP client configs live inside a project tree, for `--from-configs`. */
const CONFIG_PATTERNS = [
  "**/.mcp.json",
  "**/.cursor/mcp.json",
  "**/.vscode/mcp.json",
  "**/.windsurf/mcp.json",
  "**/.gemini/settings.json",
  "**/claude_desktop_config.json",
  "**/mcp.json",
];

/**
 * Config targets written as globs become one target per matching file (relative to the
 * inventory's folder); `--from-configs DIR` adds every client config under a tree.
 */
export async function expandConfigTargets(
  targets: AuditTarget[],
  base: string,
  fromConfigs?: string,
): Promise<AuditTarget[]> {
  const out: AuditTarget[] = [];
  for (const t of targets) {
    if (t.kind !== "config") out.push(t);
    else if (!/[*?[{]/.test(t.spec)) out.push({ ...t, spec: resolve(base, t.spec) });
    else
      for (const f of await glob(t.spec, {
        cwd: base,
        absolute: true,
        nodir: true,
        ignore: "**/node_modules/**",
      })) {
        out.push({ key: `config:${relative(base, f)}`, kind: "config", spec: f });
      }
  }
  if (fromConfigs) {
    const files = await glob(CONFIG_PATTERNS, {
      cwd: fromConfigs,
      absolute: true,
      nodir: true,
      dot: true,
      ignore: "**/node_modules/**",
    });
    for (const f of files.sort())
      out.push({ key: `config:${relative(fromConfigs, f)}`, kind: "config", spec: f });
  }
  const seen = new Set<string>();
  return out.filter((t) => !seen.has(t.key) && seen.add(t.key));
}
