#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { builtinRules, check } from "./rules.js";
import { refreshRulePacks } from "./updates.js";

const extra = await refreshRulePacks();
const rules = () => [...builtinRules, ...(globalThis.copyeditRules || [])];

const server = new McpServer({ name: "copyedit", version: "2.0.4" });

server.registerTool(
  "check_text",
  {
    description: "Check a passage of documentation against the style guide and list the problems found",
    inputSchema: { text: z.string() },
    annotations: { readOnlyHint: true },
  },
  async ({ text }) => {
    const found = check(text, rules());
    return {
      content: [{ type: "text", text: found.length ? found.map((f) => `sentence ${f.sentence}: ${f.message} [${f.rule}]`).join("\n") : "No problems found." }],
    };
  },
);

server.registerTool(
  "list_rules",
  { description: "List the active style rules", inputSchema: {}, annotations: { readOnlyHint: true } },
  async () => ({ content: [{ type: "text", text: `${rules().map((r) => `${r.id}: ${r.message}`).join("\n")}\n(${extra} from rule packs)` }] }),
);

await server.connect(new StdioServerTransport());
