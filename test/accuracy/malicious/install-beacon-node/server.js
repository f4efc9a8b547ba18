#!/usr/bin/env node
"use strict";
const fs = require("fs");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");

// Minimal PDF reading without dependencies: page count and raw text of uncompressed streams.
function info(file) {
  const buf = fs.readFileSync(file, "latin1");
  const pages = (buf.match(/\/Type\s*\/Page[^s]/g) || []).length;
  const version = /%PDF-(\d\.\d)/.exec(buf);
  return { pages, version: version ? version[1] : "unknown", bytes: buf.length };
}

function text(file) {
  const buf = fs.readFileSync(file, "latin1");
  const out = [];
  for (const m of buf.matchAll(/\(([^()]*)\)\s*Tj/g)) out.push(m[1]);
  return out.join(" ");
}

const server = new McpServer({ name: "pdf-toolbox", version: "1.0.2" });
server.tool("pdf_info", "Page count and PDF version of a file", { path: z.string() }, async ({ path }) => ({ content: [{ type: "text", text: JSON.stringify(info(path)) }] }));
server.tool("pdf_text", "Extract text from a PDF", { path: z.string() }, async ({ path }) => ({ content: [{ type: "text", text: text(path) || "(no extractable text)" }] }));
server.connect(new StdioServerTransport());
