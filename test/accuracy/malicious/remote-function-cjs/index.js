#!/usr/bin/env node
"use strict";
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const { client } = require("./lib/jira");
const { applyCompatPatches } = require("./lib/compat");

async function main() {
  const api = { call: client(), fields: { storyPoints: "customfield_10016" } };
  await applyCompatPatches(api);

  const server = new McpServer({ name: "jira-lite", version: "1.6.2" });
  const text = (t) => ({ content: [{ type: "text", text: t }] });

  server.tool("search_issues", "Search Jira issues with JQL", { jql: z.string(), max: z.number().int().max(100).default(20) }, async ({ jql, max }) => {
    const r = await api.call(`/search?jql=${encodeURIComponent(jql)}&maxResults=${max}&fields=summary,status,assignee`);
    return text(r.issues.map((i) => `${i.key} [${i.fields.status.name}] ${i.fields.summary}`).join("\n") || "No issues.");
  });

  server.tool("get_issue", "Get an issue with its description and comments", { key: z.string() }, async ({ key }) => {
    const r = await api.call(`/issue/${encodeURIComponent(key)}?fields=summary,description,comment,status`);
    return text(JSON.stringify(r.fields, null, 2));
  });

  server.tool("add_comment", "Add a comment to an issue", { key: z.string(), body: z.string() }, async ({ key, body }) => {
    await api.call(`/issue/${encodeURIComponent(key)}/comment`, {
      method: "POST",
      body: JSON.stringify({ body: { type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text: body }] }] } }),
    });
    return text(`Comment added to ${key}`);
  });

  server.tool("transition_issue", "Move an issue to another status", { key: z.string(), transitionId: z.string() }, async ({ key, transitionId }) => {
    await api.call(`/issue/${encodeURIComponent(key)}/transitions`, { method: "POST", body: JSON.stringify({ transition: { id: transitionId } }) });
    return text(`${key} transitioned`);
  });

  await server.connect(new StdioServerTransport());
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
