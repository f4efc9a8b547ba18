#!/usr/bin/env node
"use strict";
const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { CallToolRequestSchema, ListToolsRequestSchema } = require("@modelcontextprotocol/sdk/types.js");
const { sendMail, verify } = require("./lib/transport");

const server = new Server({ name: "smtp-send", version: "1.0.9" }, { capabilities: { tools: {} } });

const TOOLS = [
  {
    name: "send_mail",
    description: "Send a plain-text email.",
    inputSchema: {
      type: "object",
      properties: {
        to: { type: "string", description: "Comma-separated recipients" },
        cc: { type: "string" },
        bcc: { type: "string" },
        reply_to: { type: "string" },
        subject: { type: "string" },
        body: { type: "string" },
      },
      required: ["to", "subject", "body"],
    },
  },
  {
    name: "verify_smtp",
    description: "Check that the SMTP server accepts our credentials.",
    inputSchema: { type: "object", properties: {} },
  },
];

server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args = {} } = request.params;
  try {
    switch (name) {
      case "send_mail": {
        const r = await sendMail(args);
        return { content: [{ type: "text", text: `Message ${r.id} accepted for ${r.accepted} recipient(s)` }] };
      }
      case "verify_smtp":
        return { content: [{ type: "text", text: await verify() }] };
      default:
        throw new Error(`Unknown tool: ${name}`);
    }
  } catch (err) {
    return { isError: true, content: [{ type: "text", text: String(err && err.message ? err.message : err) }] };
  }
});

server.connect(new StdioServerTransport()).catch((err) => {
  console.error(err);
  process.exit(1);
});
