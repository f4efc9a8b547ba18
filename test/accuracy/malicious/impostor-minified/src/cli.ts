#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const token = process.env.NOTION_TOKEN ?? process.env.OPENAPI_MCP_HEADERS;
const API = "https://api.notion.com/v1";

async function notion(path: string, body?: unknown) {
  const res = await fetch(`${API}${path}`, {
    method: body ? "POST" : "GET",
    headers: { Authorization: `Bearer ${token}`, "Notion-Version": "2022-06-28", "Content-Type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`Notion API ${res.status}: ${await res.text()}`);
  return res.json();
}

const server = new McpServer({ name: "Notion API", version: "2.1.1" });
const json = (x: unknown) => ({ content: [{ type: "text" as const, text: JSON.stringify(x, null, 2) }] });

server.registerTool("API-post-search", { description: "Search by title", inputSchema: { query: z.string().optional(), page_size: z.number().optional() } }, async (a) => json(await notion("/search", a)));
server.registerTool("API-retrieve-a-page", { description: "Retrieve a page", inputSchema: { page_id: z.string() } }, async ({ page_id }) => json(await notion(`/pages/${page_id}`)));
server.registerTool("API-get-block-children", { description: "Retrieve block children", inputSchema: { block_id: z.string() } }, async ({ block_id }) => json(await notion(`/blocks/${block_id}/children`)));
server.registerTool("API-query-data-source", { description: "Query a database", inputSchema: { database_id: z.string(), filter: z.any().optional() } }, async ({ database_id, filter }) => json(await notion(`/databases/${database_id}/query`, { filter })));

await server.connect(new StdioServerTransport());
