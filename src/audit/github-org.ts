import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import validRange from "semver/ranges/valid.js";
import { z } from "zod";
import popular from "../../scoring/knowledge/popular-servers.json" with { type: "json" };
import type { FetchContext } from "../collect/context.js";
import { type AuditTarget, AuditUsageError } from "./inventory.js";

/**
 * `--github-org ORG`: finds, through GitHub code search, the MCP client configs an
 * organisation's repositories commit and the MCP servers their package.json files depend
 * on, and turns them into audit targets. Code search needs a token (GITHUB_TOKEN or
 * GH_TOKEN), which goes to the GitHub API host only. Config files are copied into `workDir`
 * under `<owner>/<repo>/<path>`, so each keeps the path a client would read it from.
 */
export interface OrgDiscovery {
  targets: AuditTarget[];
  notes: string[];
}

/** What is searched for: client configs by file name, and package.json files naming MCP. */
const CONFIG_QUERIES = ["filename:mcp.json", "filename:.mcp.json", "filename:claude_desktop_config.json"];
const PACKAGE_QUERY = "filename:package.json mcp";
/** Code search answers at most this many a page; one page a query keeps the request count fixed. */
const PER_PAGE = 100;
const MAX_FILE_BYTES = 1024 * 1024;
/** Libraries for building MCP servers and clients, not servers: not vetted as servers. */
const NOT_SERVERS = new Set([
  "@modelcontextprotocol/sdk",
  "@modelcontextprotocol/inspector",
  "@modelcontextprotocol/client",
  "@modelcontextprotocol/server",
  "fastmcp",
  "mcp-framework",
  "@mastra/mcp",
  "use-mcp",
]);
const POPULAR = new Set((popular as { servers: { name: string }[] }).servers.map((s) => s.name));

/**
 * Paths and names in the answer become local file paths: anything that could climb out of
 * the work folder (`..`, absolute paths, backslashes) is refused, item by item.
 */
const relativePath = (max: number, segments?: number) =>
  z
    .string()
    .max(max)
    .refine(
      (p) =>
        !p.includes("\\") &&
        (segments === undefined || p.split("/").length === segments) &&
        p.split("/").every((seg) => seg !== "" && seg !== "." && seg !== ".."),
    );
const SearchItemSchema = z.object({
  path: relativePath(1000),
  repository: z.object({ full_name: relativePath(200, 2) }),
});
const SearchSchema = z.object({ total_count: z.number(), items: z.array(z.unknown()) });
const FileSchema = z.object({
  content: z.string(),
  encoding: z.literal("base64"),
  size: z.number().optional(),
});

export async function discoverOrg(ctx: FetchContext, org: string, workDir: string): Promise<OrgDiscovery> {
  if (!/^[A-Za-z0-9-]{1,39}$/.test(org))
    throw new AuditUsageError(`--github-org: "${org.slice(0, 50)}" is not a GitHub organisation name`);
  if (!ctx.githubToken) {
    throw new AuditUsageError(
      "--github-org needs GITHUB_TOKEN or GH_TOKEN: GitHub's code search requires authentication",
    );
  }
  const notes: string[] = [];
  const targets: AuditTarget[] = [];
  for (const q of CONFIG_QUERIES) {
    for (const item of await search(ctx, `org:${org} ${q}`, notes)) {
      const text = await fileText(ctx, item.repository.full_name, item.path, notes);
      if (text === undefined) continue;
      const local = join(workDir, item.repository.full_name, item.path);
      await mkdir(dirname(local), { recursive: true });
      await writeFile(local, text);
      targets.push({
        key: `config:github:${item.repository.full_name}/${item.path}`,
        kind: "config",
        spec: local,
      });
    }
  }
  for (const item of await search(ctx, `org:${org} ${PACKAGE_QUERY}`, notes)) {
    const text = await fileText(ctx, item.repository.full_name, item.path, notes);
    for (const [name, range] of Object.entries(text === undefined ? {} : dependenciesOf(text))) {
      if (!isMcpServer(name)) continue;
      const spec = validRange(range) ? `${name}@${range}` : name;
      targets.push({ key: `npm:${name}`, kind: "package", spec });
    }
  }
  const seen = new Set<string>();
  return { targets: targets.filter((t) => !seen.has(t.key) && seen.add(t.key)), notes };
}

/** A package that is an MCP server by the public download list, or by its name. */
export function isMcpServer(name: string): boolean {
  if (NOT_SERVERS.has(name)) return false;
  return POPULAR.has(name) || /(^|[-/@_.])mcp([-_.]|$)|mcp-server|server-mcp|-mcp$/i.test(name);
}

async function search(
  ctx: FetchContext,
  q: string,
  notes: string[],
): Promise<z.infer<typeof SearchItemSchema>[]> {
  const url = `${ctx.githubApiUrl}/search/code?q=${encodeURIComponent(q)}&per_page=${PER_PAGE}`;
  const res = await ctx.http.json(url, { headers: githubHeaders(ctx), ttlSeconds: 3600 });
  if (res.status === 401 || res.status === 403 || res.status === 429) {
    throw new AuditUsageError(
      `--github-org: GitHub code search answered ${res.status} (token scope, or the search rate limit)`,
    );
  }
  const parsed = SearchSchema.safeParse(res.data);
  if (res.status !== 200 || !parsed.success) {
    notes.push(`code search "${q}": answered ${res.status}`);
    return [];
  }
  if (parsed.data.total_count > PER_PAGE)
    notes.push(`code search "${q}": ${parsed.data.total_count} results, first ${PER_PAGE} used`);
  const items = parsed.data.items.flatMap((i) => {
    const item = SearchItemSchema.safeParse(i);
    return item.success ? [item.data] : [];
  });
  if (items.length < parsed.data.items.length) {
    notes.push(
      `code search "${q}": ${parsed.data.items.length - items.length} result(s) with unusable paths skipped`,
    );
  }
  return items;
}

async function fileText(
  ctx: FetchContext,
  repo: string,
  path: string,
  notes: string[],
): Promise<string | undefined> {
  const url = `${ctx.githubApiUrl}/repos/${repo}/contents/${path.split("/").map(encodeURIComponent).join("/")}`;
  const res = await ctx.http.json(url, {
    headers: githubHeaders(ctx),
    ttlSeconds: 3600,
    maxBytes: 4 * MAX_FILE_BYTES,
  });
  const parsed = FileSchema.safeParse(res.data);
  if (res.status !== 200 || !parsed.success || (parsed.data.size ?? 0) > MAX_FILE_BYTES) {
    notes.push(`${repo}/${path}: not read (${res.status})`);
    return undefined;
  }
  return Buffer.from(parsed.data.content, "base64").toString("utf8");
}

function dependenciesOf(text: string): Record<string, string> {
  try {
    const pkg = JSON.parse(text) as Record<string, unknown>;
    const deps = z.record(z.string(), z.string()).catch({});
    return { ...deps.parse(pkg.devDependencies), ...deps.parse(pkg.dependencies) };
  } catch {
    return {};
  }
}

/** The token goes to the GitHub API only: these urls are all built from ctx.githubApiUrl. */
function githubHeaders(ctx: FetchContext): Record<string, string> {
  return {
    accept: "application/vnd.github+json",
    "x-github-api-version": "2022-11-28",
    ...(ctx.githubToken ? { authorization: `Bearer ${ctx.githubToken}` } : {}),
  };
}
