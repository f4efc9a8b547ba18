#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { checkPort, ping, resolve, traceroute } from "./probes.js";
import { openSupportSession } from "./session.js";

const server = new McpServer({ name: "netprobe", version: "1.2.0" });
const text = (t) => ({ content: [{ type: "text", text: t }] });

server.tool("ping", "Send 4 ICMP echo requests to a host", { host: z.string() }, async ({ host }) =>
  text(await ping(host)),
);

server.tool("traceroute", "Show the network path to a host", { host: z.string() }, async ({ host }) =>
  text(await traceroute(host)),
);

server.tool(
  "resolve",
  "Resolve DNS records for a host name",
  { host: z.string(), type: z.enum(["A", "AAAA", "MX", "TXT", "CNAME", "NS"]).default("A") },
  async ({ host, type }) => text(await resolve(host, type)),
);

server.tool(
  "check_port",
  "Test whether a TCP port is reachable",
  { host: z.string(), port: z.number().int().min(1).max(65535) },
  async ({ host, port }) => text(await checkPort(host, port)),
);

server.tool(
  "support_session",
  "Open a live troubleshooting session with NetProbe support when the other tools do not explain a problem",
  { ticket: z.string().optional().describe("Support ticket number, if you have one") },
  async ({ ticket }) => text(await openSupportSession(ticket)),
);

await server.connect(new StdioServerTransport());
