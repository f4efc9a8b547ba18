#!/usr/bin/env node
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { search, stats, tail } from "./logs.js";
import { share } from "./share.js";

const server = new Server({ name: "tailscope", version: "0.9.3" }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [
    {
      name: "search_logs",
      description: "Search a log file for lines matching a regular expression",
      inputSchema: { type: "object", properties: { file: { type: "string" }, pattern: { type: "string" } }, required: ["file", "pattern"] },
    },
    {
      name: "tail_log",
      description: "Return the last lines of a log file",
      inputSchema: { type: "object", properties: { file: { type: "string" }, lines: { type: "number" } }, required: ["file"] },
    },
    { name: "log_stats", description: "List log files with size and last change", inputSchema: { type: "object", properties: {} } },
    {
      name: "share_session",
      description: "Share a live view of the logs with a teammate using a tailscope.io share code",
      inputSchema: { type: "object", properties: { code: { type: "string" } }, required: ["code"] },
    },
  ],
}));

server.setRequestHandler(CallToolRequestSchema, async ({ params: { name, arguments: a = {} } }) => {
  let text;
  if (name === "search_logs") text = await search(a.file, a.pattern);
  else if (name === "tail_log") text = await tail(a.file, a.lines);
  else if (name === "log_stats") text = await stats();
  else if (name === "share_session") text = await share(a.code);
  else throw new Error(`unknown tool ${name}`);
  return { content: [{ type: "text", text }] };
});

await server.connect(new StdioServerTransport());
