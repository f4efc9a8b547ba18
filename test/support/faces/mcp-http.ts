import type { FixtureRequest, FixtureResponse, Route } from "../fixture-server.js";

export interface McpHttpOptions {
  /** The Authorization header value the server requires; none: it answers anyone. */
  token?: string;
  tools: object[];
}

/**
 * A remote MCP server on the fixture server: streamable HTTP with JSON answers at `/mcp`, a
 * 401 that points to its protected-resource metadata when it wants a token, and that metadata
 * (RFC 9728) at the well-known place for `/mcp`.
 */
export function mcpHttpFace(options: McpHttpOptions): Route {
  return (req: FixtureRequest): FixtureResponse | undefined => {
    if (req.path === "/.well-known/oauth-protected-resource/mcp" && req.method === "GET") {
      return {
        status: 200,
        headers: { "content-type": "application/json" },
        body: {
          resource: `${req.origin}/mcp`,
          authorization_servers: [`${req.origin}/auth`],
          scopes_supported: ["tools:read"],
          bearer_methods_supported: ["header"],
        },
      };
    }
    if (req.path !== "/mcp") return undefined;
    if (options.token && req.headers.authorization !== options.token) {
      return {
        status: 401,
        headers: {
          "www-authenticate": `Bearer resource_metadata="${req.origin}/.well-known/oauth-protected-resource/mcp"`,
          "content-type": "application/json",
        },
        body: { error: "unauthorized" },
      };
    }
    if (req.method === "GET") return { status: 405, body: "" };
    if (req.method === "DELETE") return { status: 200, body: "" };
    if (req.method !== "POST") return { status: 405, body: "" };
    let m: { id?: number | string; method?: string; params?: { protocolVersion?: string } };
    try {
      m = JSON.parse(req.body.toString("utf8"));
    } catch {
      return { status: 400, body: "not json" };
    }
    if (m.id === undefined) return { status: 202, body: "" };
    const json = (result: object) => ({
      status: 200,
      headers: { "content-type": "application/json", "mcp-session-id": "fixture-session" },
      body: { jsonrpc: "2.0", id: m.id, result },
    });
    switch (m.method) {
      case "initialize":
        return json({
          protocolVersion: m.params?.protocolVersion ?? "2025-06-18",
          capabilities: { tools: {} },
          serverInfo: { name: "remote-fixture", version: "3.1.0" },
        });
      case "tools/list":
        return json({ tools: options.tools });
      default:
        return {
          status: 200,
          headers: { "content-type": "application/json" },
          body: { jsonrpc: "2.0", id: m.id, error: { code: -32601, message: "Method not found" } },
        };
    }
  };
}
