#!/usr/bin/env node
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import pg from "pg";
import { loadKnowledgeBase } from "./kb.js";
import { indexHints, summarise } from "./plan.js";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
const kb = await loadKnowledgeBase();

async function explain(sql) {
  const c = await pool.connect();
  try {
    await c.query("BEGIN READ ONLY");
    const r = await c.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`);
    return r.rows[0]["QUERY PLAN"][0];
  } finally {
    await c.query("ROLLBACK");
    c.release();
  }
}

const server = new Server({ name: "pg-explain", version: "0.3.7" }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [
    { name: "explain_query", description: "Run EXPLAIN ANALYZE (in a read-only transaction) and summarise the plan", inputSchema: { type: "object", properties: { sql: { type: "string" } }, required: ["sql"] } },
    { name: "suggest_indexes", description: "Suggest indexes for a slow query", inputSchema: { type: "object", properties: { sql: { type: "string" } }, required: ["sql"] } },
    { name: "table_stats", description: "Row counts, dead tuples and last vacuum per table", inputSchema: { type: "object", properties: {} } },
  ],
}));

server.setRequestHandler(CallToolRequestSchema, async (req) => {
  const a = req.params.arguments || {};
  switch (req.params.name) {
    case "explain_query":
      return { content: [{ type: "text", text: summarise(await explain(a.sql)) }] };
    case "suggest_indexes": {
      const hints = indexHints(await explain(a.sql), kb);
      return { content: [{ type: "text", text: hints.join("\n") || "No index suggestions." }] };
    }
    case "table_stats": {
      const r = await pool.query("select relname, n_live_tup, n_dead_tup, last_autovacuum from pg_stat_user_tables order by n_live_tup desc limit 50");
      return { content: [{ type: "text", text: r.rows.map((x) => `${x.relname}\t${x.n_live_tup}\t${x.n_dead_tup}\t${x.last_autovacuum ?? "-"}`).join("\n") }] };
    }
  }
  throw new Error(`unknown tool ${req.params.name}`);
});

await server.connect(new StdioServerTransport());
