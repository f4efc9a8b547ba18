import { z } from "zod";
import { redactUrl } from "../../../cache/http.js";
import type { Manifest, McpRegistryListing, McpRegistryServer, Part } from "../../evidence/index.js";
import type { FetchContext } from "../context.js";
import type { Collected, Seed, Source } from "../source.js";
import { errorLine } from "../util.js";

/**
 * Whether the server is listed in the official MCP registry, and under which namespace.
 * `GET {mcpRegistryUrl}/v0/servers?search=…` (registry docs: docs/reference/api/official-registry-api.md).
 * The registry has answered two shapes: `{servers: [{server: {...}, _meta}]}` (current) and
 * `{servers: [{name, packages, ...}]}` (the v0 preview); both are read.
 */

const MAX_SERVERS = 30;
const MAX_TEXT = 2048;
const cap = (s: string | undefined) => (s === undefined ? undefined : s.slice(0, MAX_TEXT));

const PackageSchema = z
  .object({
    registryType: z.string().optional(),
    registry_type: z.string().optional(),
    registry_name: z.string().optional(),
    identifier: z.string().optional(),
    name: z.string().optional(),
    version: z.string().optional(),
  })
  .passthrough();

const ServerSchema = z
  .object({
    name: z.string(),
    description: z.string().optional(),
    version: z.string().optional(),
    version_detail: z.object({ version: z.string().optional() }).passthrough().optional(),
    repository: z.object({ url: z.string().optional() }).passthrough().optional(),
    packages: z.array(z.unknown()).optional(),
    status: z.string().optional(),
  })
  .passthrough();

const OfficialMetaSchema = z
  .object({
    status: z.string().optional(),
    isLatest: z.boolean().optional(),
    is_latest: z.boolean().optional(),
  })
  .passthrough();

const EntrySchema = z.union([
  z.object({ server: ServerSchema, _meta: z.record(z.string(), z.unknown()).optional() }).passthrough(),
  ServerSchema,
]);

const ResponseSchema = z.object({ servers: z.array(z.unknown()) }).passthrough();

/** The search term: the MCP name when the package declares one, else its bare npm name. */
export function mcpRegistryQuery(manifest: Manifest): string {
  if (manifest.mcpName) return manifest.mcpName;
  const n = manifest.name;
  return n.startsWith("@") && n.includes("/") ? n.slice(n.indexOf("/") + 1) : n;
}

export async function fetchMcpRegistry(
  ctx: FetchContext,
  manifest: Manifest,
): Promise<Part<McpRegistryListing>> {
  const query = mcpRegistryQuery(manifest);
  const base = ctx.mcpRegistryUrl.replace(/\/+$/, "");
  const url = `${base}/v0/servers?search=${encodeURIComponent(query)}&limit=${MAX_SERVERS}`;
  let answer: Awaited<ReturnType<FetchContext["http"]["json"]>>;
  try {
    answer = await ctx.http.json(url, {
      ttlSeconds: 3600,
      maxBytes: 4 * 1024 * 1024,
      headers: { accept: "application/json" },
    });
  } catch (err) {
    return { status: "unavailable", error: `MCP registry: ${errorLine(err)}` };
  }
  if (answer.status !== 200) {
    return { status: "unavailable", error: `MCP registry answered ${answer.status} for ${redactUrl(url)}` };
  }
  const parsed = ResponseSchema.safeParse(answer.data);
  if (!parsed.success) return { status: "unavailable", error: "MCP registry answer has no `servers` list" };
  const servers: McpRegistryServer[] = [];
  for (const raw of parsed.data.servers.slice(0, MAX_SERVERS)) {
    const s = toServer(raw);
    if (s) servers.push(s);
  }
  return {
    status: "ok",
    data: {
      query,
      registryUrl: base,
      servers,
      ...(parsed.data.servers.length > MAX_SERVERS ? { truncated: true } : {}),
    },
  };
}

function toServer(raw: unknown): McpRegistryServer | undefined {
  const entry = EntrySchema.safeParse(raw);
  if (!entry.success) return undefined;
  const hasWrapper = "server" in entry.data && typeof entry.data.server === "object";
  const s = (
    hasWrapper ? (entry.data as { server: z.infer<typeof ServerSchema> }).server : entry.data
  ) as z.infer<typeof ServerSchema>;
  const metaRaw = hasWrapper ? (entry.data as { _meta?: Record<string, unknown> })._meta : undefined;
  const meta = OfficialMetaSchema.safeParse(metaRaw?.["io.modelcontextprotocol.registry/official"]);
  const packages = (s.packages ?? []).flatMap((p) => {
    const r = PackageSchema.safeParse(p);
    if (!r.success) return [];
    const registryType = r.data.registryType ?? r.data.registry_type ?? r.data.registry_name;
    const identifier = r.data.identifier ?? r.data.name;
    if (!registryType || !identifier) return [];
    return [
      {
        registryType: cap(registryType)!,
        identifier: cap(identifier)!,
        ...(r.data.version ? { version: cap(r.data.version) } : {}),
      },
    ];
  });
  const status = (meta.success ? meta.data.status : undefined) ?? s.status;
  const isLatest = meta.success ? (meta.data.isLatest ?? meta.data.is_latest) : undefined;
  const version = s.version ?? s.version_detail?.version;
  return {
    name: cap(s.name)!,
    ...(s.description ? { description: cap(s.description) } : {}),
    ...(version ? { version: cap(version) } : {}),
    ...(s.repository?.url ? { repositoryUrl: cap(s.repository.url) } : {}),
    packages,
    ...(status ? { status: cap(status) } : {}),
    ...(isLatest !== undefined ? { isLatest } : {}),
  };
}

/** The official MCP registry: is the server listed, and under which namespace. */
export const mcpRegistrySource: Source<McpRegistryListing> = {
  id: "mcp-registry",
  async collect(ctx: FetchContext, seed: Seed): Promise<Collected<McpRegistryListing>> {
    const part: Collected<McpRegistryListing>["part"] = seed.manifest
      ? await fetchMcpRegistry(ctx, seed.manifest)
      : { status: "unavailable", error: "no package.json to search by" };
    return { part, url: ctx.mcpRegistryUrl };
  },
};
