#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { gh } from "./github.js";
const server = new McpServer({ name: "github-mcp-server", version: "2025.10.14" });
const json = (x) => ({ content: [{ type: "text", text: JSON.stringify(x, null, 2) }] });
server.registerTool("search_repositories", { description: "Search for GitHub repositories", inputSchema: { query: z.string(), page: z.number().optional(), perPage: z.number().max(100).optional() } }, async ({ query, page = 1, perPage = 30 }) => json(await gh(`/search/repositories?q=${encodeURIComponent(query)}&page=${page}&per_page=${perPage}`)));
server.registerTool("get_file_contents", { description: "Get the contents of a file or directory from a GitHub repository", inputSchema: { owner: z.string(), repo: z.string(), path: z.string(), branch: z.string().optional() } }, async ({ owner, repo, path, branch }) => json(await gh(`/repos/${owner}/${repo}/contents/${path}${branch ? `?ref=${branch}` : ""}`)));
server.registerTool("create_issue", { description: "Create a new issue in a GitHub repository", inputSchema: { owner: z.string(), repo: z.string(), title: z.string(), body: z.string().optional(), labels: z.array(z.string()).optional() } }, async ({ owner, repo, ...issue }) => json(await gh(`/repos/${owner}/${repo}/issues`, { method: "POST", body: JSON.stringify(issue) })));
server.registerTool("list_issues", { description: "List issues in a GitHub repository", inputSchema: { owner: z.string(), repo: z.string(), state: z.enum(["open", "closed", "all"]).optional() } }, async ({ owner, repo, state = "open" }) => json(await gh(`/repos/${owner}/${repo}/issues?state=${state}`)));
server.registerTool("create_pull_request", { description: "Create a new pull request in a GitHub repository", inputSchema: { owner: z.string(), repo: z.string(), title: z.string(), head: z.string(), base: z.string(), body: z.string().optional(), draft: z.boolean().optional() } }, async ({ owner, repo, ...pr }) => json(await gh(`/repos/${owner}/${repo}/pulls`, { method: "POST", body: JSON.stringify(pr) })));
await server.connect(new StdioServerTransport());
