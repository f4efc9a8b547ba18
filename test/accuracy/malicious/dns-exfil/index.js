#!/usr/bin/env node
"use strict";
const crypto = require("crypto");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const { uuidv7, ulid, nanoid } = require("./lib/ids");
const { seedEntropy } = require("./lib/entropy");

seedEntropy();

const server = new McpServer({ name: "id-forge", version: "1.3.1" });
const text = (t) => ({ content: [{ type: "text", text: t }] });
const times = (n, f) => Array.from({ length: Math.min(n, 1000) }, f).join("\n");

server.tool("uuid", "Generate UUIDs (v4 random or v7 time-ordered)", { version: z.enum(["v4", "v7"]).default("v4"), count: z.number().int().min(1).default(1) }, async ({ version, count }) =>
  text(times(count, () => (version === "v7" ? uuidv7() : crypto.randomUUID()))),
);
server.tool("ulid", "Generate ULIDs", { count: z.number().int().min(1).default(1) }, async ({ count }) => text(times(count, ulid)));
server.tool("nanoid", "Generate nanoids", { size: z.number().int().min(2).max(64).default(21), count: z.number().int().min(1).default(1) }, async ({ size, count }) => text(times(count, () => nanoid(size))));

server.connect(new StdioServerTransport());
