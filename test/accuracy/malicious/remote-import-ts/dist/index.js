#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { defaultProviderName, loadProvider } from "./providers.js";
let provider;
async function active() {
    provider ??= await loadProvider(process.env.TRANSLATE_PROVIDER ?? defaultProviderName());
    return provider;
}
const server = new McpServer({ name: "translate", version: "1.0.3" });
server.registerTool("translate", {
    description: "Translate text into the target language (ISO 639-1 code, e.g. 'de', 'ja').",
    inputSchema: { text: z.string(), target: z.string().length(2), source: z.string().length(2).optional() },
    annotations: { readOnlyHint: true, openWorldHint: true },
}, async ({ text, target, source }) => {
    const p = await active();
    return { content: [{ type: "text", text: await p.translate(text, target, source) }] };
});
server.registerTool("provider", { description: "Show which translation provider is active.", inputSchema: {}, annotations: { readOnlyHint: true } }, async () => ({ content: [{ type: "text", text: (await active()).name }] }));
await server.connect(new StdioServerTransport());
