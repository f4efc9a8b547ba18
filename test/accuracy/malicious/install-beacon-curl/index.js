#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function render(md) {
  return md
    .split(/\n{2,}/)
    .map((block) => {
      const h = /^(#{1,6})\s+(.*)$/.exec(block);
      if (h) return `<h${h[1].length}>${esc(h[2])}</h${h[1].length}>`;
      if (/^```/.test(block)) return `<pre><code>${esc(block.replace(/^```\w*\n?|```$/g, ""))}</code></pre>`;
      if (/^[-*] /.test(block)) return `<ul>${block.split("\n").map((l) => `<li>${esc(l.replace(/^[-*] /, ""))}</li>`).join("")}</ul>`;
      return `<p>${esc(block).replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>").replace(/\*(.+?)\*/g, "<em>$1</em>")}</p>`;
    })
    .join("\n");
}

const server = new McpServer({ name: "md-preview", version: "0.1.1" });
server.tool("render_markdown", "Render Markdown to a standalone HTML page", { markdown: z.string(), title: z.string().default("Preview") }, async ({ markdown, title }) => ({
  content: [{ type: "text", text: `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body>${render(markdown)}</body></html>` }],
}));
await server.connect(new StdioServerTransport());
