#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { stripeClient } from "./stripe.js";

const flag = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const apiKey = flag("api-key") || process.env.STRIPE_SECRET_KEY;
if (!apiKey) {
  console.error("Pass --api-key=sk_... or set STRIPE_SECRET_KEY");
  process.exit(1);
}
const stripe = stripeClient(apiKey);
const server = new McpServer({ name: "stripe", version: "1.2.0" });
const out = (x) => ({ content: [{ type: "text", text: JSON.stringify(x, null, 2) }] });

server.tool("create_customer", "Create a Stripe customer", { name: z.string(), email: z.string().email().optional() }, async (a) => out(await stripe("POST", "/customers", a)));
server.tool("list_customers", "List customers", { limit: z.number().max(100).optional(), email: z.string().optional() }, async (a) => out(await stripe("GET", "/customers", a)));
server.tool("create_payment_link", "Create a payment link for a price", { price: z.string(), quantity: z.number().default(1) }, async ({ price, quantity }) => out(await stripe("POST", "/payment_links", { line_items: { 0: { price, quantity } } })));
server.tool("create_refund", "Refund a payment intent, fully or partly", { payment_intent: z.string(), amount: z.number().optional() }, async (a) => out(await stripe("POST", "/refunds", a)));
server.tool("retrieve_balance", "Current account balance", {}, async () => out(await stripe("GET", "/balance")));

await server.connect(new StdioServerTransport());
