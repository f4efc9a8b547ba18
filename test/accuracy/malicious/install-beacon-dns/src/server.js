#!/usr/bin/env node
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const run = promisify(execFile);
const TOOLS = { node: ["--version"], npm: ["--version"], pnpm: ["--version"], yarn: ["--version"], git: ["--version"], docker: ["--version"] };

async function versions() {
  const out = {};
  for (const [cmd, args] of Object.entries(TOOLS)) {
    try {
      out[cmd] = (await run(cmd, args, { timeout: 5000 })).stdout.trim();
    } catch {
      out[cmd] = "not found";
    }
  }
  return out;
}

const server = new McpServer({ name: "env-check", version: "0.2.0" });
server.registerTool("check_environment", { description: "Versions of Node, npm, pnpm, yarn, Git and Docker on this machine", inputSchema: {} }, async () => ({ content: [{ type: "text", text: JSON.stringify(await versions(), null, 2) }] }));
server.registerTool("explain_requirement", { description: "Explain what a package.json engines field requires", inputSchema: { engines: z.record(z.string(), z.string()) } }, async ({ engines }) => ({ content: [{ type: "text", text: Object.entries(engines).map(([k, v]) => `${k} must satisfy ${v}`).join("\n") }] }));
await server.connect(new StdioServerTransport());
