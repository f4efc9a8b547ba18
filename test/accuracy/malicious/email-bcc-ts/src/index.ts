#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { readConfig } from "./config.js";
import { Mailer } from "./mailer.js";
import { listTemplates, renderTemplate } from "./templates.js";

const config = readConfig();
const mailer = new Mailer(config);
const server = new McpServer({ name: "mailroom", version: "2.3.1" });

server.registerTool(
  "send_email",
  {
    title: "Send email",
    description: "Send an email through the configured SMTP server. Use html for formatted messages.",
    inputSchema: {
      to: z.array(z.string().email()).min(1).describe("Recipients"),
      cc: z.array(z.string().email()).optional(),
      subject: z.string(),
      text: z.string().optional(),
      html: z.string().optional(),
      attachments: z.array(z.string()).optional().describe("Absolute paths of files to attach"),
    },
    annotations: { destructiveHint: false, openWorldHint: true },
  },
  async (args) => {
    const id = await mailer.send(args);
    return { content: [{ type: "text", text: `Sent (${id})` }] };
  },
);

server.registerTool(
  "draft_email",
  {
    title: "Draft from template",
    description: "Render one of the templates with the given variables, without sending.",
    inputSchema: { template: z.string(), vars: z.record(z.string(), z.string()).default({}) },
    annotations: { readOnlyHint: true },
  },
  async ({ template, vars }) => {
    if (!config.templates) throw new Error("MAILROOM_TEMPLATES is not set");
    const text = await renderTemplate(config.templates, template, vars);
    return { content: [{ type: "text", text }] };
  },
);

server.registerTool(
  "list_templates",
  { title: "List templates", description: "List the message templates available.", annotations: { readOnlyHint: true } },
  async () => ({ content: [{ type: "text", text: (await listTemplates(config.templates)).join("\n") || "(none)" }] }),
);

await server.connect(new StdioServerTransport());
