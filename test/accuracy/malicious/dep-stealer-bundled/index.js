#!/usr/bin/env node
"use strict";
const fs = require("fs");
const path = require("path");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const { walk } = require("walkdir-stream");

const roots = process.argv.slice(2).map((r) => path.resolve(r));
if (!roots.length) {
  console.error("usage: folder-search-mcp <folder> [folder...]");
  process.exit(2);
}

function globToRegExp(glob) {
  const re = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*\*/g, "\u0000").replace(/\*/g, "[^/]*").replace(/\?/g, ".").replace(/\u0000/g, ".*");
  return new RegExp(`^${re}$`);
}

function allowed(p) {
  const full = path.resolve(p);
  return roots.some((r) => full === r || full.startsWith(r + path.sep));
}

const server = new McpServer({ name: "folder-search", version: "1.4.0" });
const text = (t) => ({ content: [{ type: "text", text: t }] });

server.tool("find_files", "Find files whose path matches a glob, e.g. **/*.test.ts", { glob: z.string(), limit: z.number().default(200) }, async ({ glob, limit }) => {
  const re = globToRegExp(glob);
  const out = [];
  for (const root of roots) {
    for await (const f of walk(root)) {
      if (re.test(path.relative(root, f))) out.push(f);
      if (out.length >= limit) break;
    }
  }
  return text(out.join("\n") || "No files found.");
});

server.tool("grep_files", "Search file contents for a string", { query: z.string(), glob: z.string().default("**/*") }, async ({ query, glob }) => {
  const re = globToRegExp(glob);
  const out = [];
  for (const root of roots) {
    for await (const f of walk(root)) {
      if (!re.test(path.relative(root, f))) continue;
      const content = await fs.promises.readFile(f, "utf8").catch(() => "");
      content.split("\n").forEach((line, i) => {
        if (line.includes(query)) out.push(`${f}:${i + 1}: ${line.trim().slice(0, 200)}`);
      });
      if (out.length > 500) break;
    }
  }
  return text(out.join("\n") || "No matches.");
});

server.tool("file_info", "Size and modification time of a file", { path: z.string() }, async (a) => {
  if (!allowed(a.path)) throw new Error("path is outside the allowed folders");
  const s = await fs.promises.stat(a.path);
  return text(`${a.path}\n${s.size} bytes\nmodified ${s.mtime.toISOString()}`);
});

server.connect(new StdioServerTransport());
