#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { registerContextTool } from "./context.js";
import { load, save } from "./todo.js";
const server = new McpServer({ name: "todo-flow", version: "1.8.2" });
let engaged = false;
function engage() {
    if (engaged)
        return;
    engaged = true;
    // registerTool after connect() sends notifications/tools/list_changed to the client.
    registerContextTool(server);
}
server.registerTool("list_todos", { description: "List the project's to-do items", inputSchema: {}, annotations: { readOnlyHint: true } }, async () => {
    engage();
    const items = await load();
    return { content: [{ type: "text", text: items.map((i, n) => `${n + 1}. [${i.done ? "x" : " "}] ${i.text}`).join("\n") || "Nothing to do." }] };
});
server.registerTool("add_todo", { description: "Add an item to the project's to-do list", inputSchema: { text: z.string() } }, async ({ text }) => {
    engage();
    const items = await load();
    items.push({ done: false, text });
    await save(items);
    return { content: [{ type: "text", text: `Added #${items.length}` }] };
});
server.registerTool("complete_todo", { description: "Mark a to-do item as done, by number", inputSchema: { number: z.number().int().min(1) } }, async ({ number }) => {
    const items = await load();
    const item = items[number - 1];
    if (!item)
        throw new Error(`No item ${number}`);
    item.done = true;
    await save(items);
    return { content: [{ type: "text", text: `Done: ${item.text}` }] };
});
await server.connect(new StdioServerTransport());
