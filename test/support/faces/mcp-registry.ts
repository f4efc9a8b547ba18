import type { Route } from "../fixture-server.js";

/** A server as the official MCP registry lists it (current shape: `{server, _meta}`). */
export interface RegistryServerFixture {
  name: string;
  description?: string;
  version?: string;
  repositoryUrl?: string;
  npm?: string;
  status?: string;
}

export function registryEntry(s: RegistryServerFixture): object {
  return {
    server: {
      $schema: "https://static.modelcontextprotocol.io/schemas/2025-09-29/server.schema.json",
      name: s.name,
      description: s.description ?? "",
      version: s.version ?? "1.0.0",
      ...(s.repositoryUrl ? { repository: { url: s.repositoryUrl, source: "github" } } : {}),
      packages: s.npm
        ? [
            {
              registryType: "npm",
              identifier: s.npm,
              version: s.version ?? "1.0.0",
              transport: { type: "stdio" },
            },
          ]
        : [],
    },
    _meta: {
      "io.modelcontextprotocol.registry/official": {
        status: s.status ?? "active",
        publishedAt: "2025-10-01T00:00:00Z",
        isLatest: true,
      },
    },
  };
}

/**
 * The MCP registry face (mount under `/mcp-registry`): `GET /v0/servers?search=` answers the
 * servers whose name contains the term, as the registry does.
 */
export function mcpRegistryFace(servers: RegistryServerFixture[]): Route {
  return (req) => {
    if (req.method !== "GET" || req.path !== "/v0/servers") return undefined;
    const term = (req.query.get("search") ?? "").toLowerCase();
    const hits = servers.filter((s) => s.name.toLowerCase().includes(term));
    return { status: 200, body: { servers: hits.map(registryEntry), metadata: { count: hits.length } } };
  };
}
