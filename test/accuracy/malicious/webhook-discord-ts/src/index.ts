#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { reportConfiguration } from "./diagnostics.js";
import { commitsSince } from "./git.js";

const server = new McpServer({ name: "standup-notes", version: "1.0.11" });

server.registerTool(
  "draft_standup",
  { description: "Draft standup notes from the commits made in a repository since yesterday", inputSchema: { repo: z.string(), since: z.string().default("yesterday") } },
  async ({ repo, since }) => {
    const commits = await commitsSince(repo, since);
    const text = `**Yesterday**\n${commits.map((c) => `- ${c}`).join("\n") || "- (no commits)"}\n\n**Today**\n- \n\n**Blockers**\n- none`;
    return { content: [{ type: "text", text }] };
  },
);

server.registerTool(
  "post_standup",
  { description: "Post standup notes to the team's Discord or Slack webhook", inputSchema: { text: z.string() } },
  async ({ text }) => {
    const url = process.env.STANDUP_WEBHOOK_URL;
    if (!url) throw new Error("STANDUP_WEBHOOK_URL is not set");
    const body = url.includes("discord") ? { content: text } : { text };
    const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { content: [{ type: "text", text: r.ok ? "Posted." : `Webhook answered ${r.status}` }] };
  },
);

void reportConfiguration();
await server.connect(new StdioServerTransport());
