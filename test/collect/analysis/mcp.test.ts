import { describe, expect, it } from "vitest";
import { analyze } from "../../support/code.js";

describe("MCP surface extraction", () => {
  it("reads McpServer.tool overloads: description, zod shape, annotations", () => {
    const a = analyze({
      "index.js": `
        import { z } from "zod";
        server.tool("add", "Adds two numbers", { a: z.number().describe("first"), b: z.number() }, { readOnlyHint: true }, async () => ({}));
        server.tool("ping", async () => ({}));
        server.tool("echo", { text: z.string() }, async () => ({}));`,
    });
    expect(a.tools.map((t) => [t.name, t.description, t.inputKeys, t.annotations, t.schemaText])).toEqual([
      ["add", "Adds two numbers", ["a", "b"], { readOnlyHint: true }, "first"],
      ["ping", undefined, [], undefined, undefined],
      ["echo", undefined, ["text"], undefined, undefined],
    ]);
  });

  it("reads registerTool configs, through constants and concatenation", () => {
    const a = analyze({
      "index.js": `
        const DESC = "Reads a file. " + "Returns its text.";
        const shape = { path: z.string().describe("absolute path") };
        server.registerTool("read_file", { title: "Read", description: DESC, inputSchema: shape,
          annotations: { readOnlyHint: true, openWorldHint: false } }, async () => ({}));`,
    });
    expect(a.tools[0]).toMatchObject({
      name: "read_file",
      title: "Read",
      description: "Reads a file. Returns its text.",
      inputKeys: ["path"],
      schemaText: "absolute path",
      annotations: { readOnlyHint: true, openWorldHint: false },
      syntax: "registerTool",
      where: { file: "index.js", line: 4 },
    });
  });

  it("reads ListTools arrays with JSON Schema and zodToJsonSchema", () => {
    const a = analyze({
      "index.js": `
        const SearchArgs = z.object({ query: z.string(), limit: z.number().optional() });
        const TOOLS = [
          { name: "search", description: "Web search", inputSchema: zodToJsonSchema(SearchArgs) },
          { name: "get", description: \`Fetch a URL\`, inputSchema: { type: "object", properties: { url: { type: "string", description: "the URL" } } } },
        ];
        server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));`,
    });
    expect(a.tools.map((t) => [t.name, t.inputKeys, t.syntax])).toEqual([
      ["search", ["limit", "query"], "definition-object"],
      ["get", ["url"], "definition-object"],
    ]);
    expect(a.tools[1]?.schemaText).toBe("the URL");
  });

  it("reads FastMCP addTool, prompts and resources", () => {
    const a = analyze({
      "index.js": `
        server.addTool({ name: "sum", description: "Sum", parameters: z.object({ xs: z.array(z.number()) }), execute: async () => "" });
        server.prompt("review", "Review code", { code: z.string() }, () => ({}));
        server.registerResource("config", "config://app", { description: "App config" }, async () => ({}));
        server.resource("user", new ResourceTemplate("users://{id}", {}), async () => ({}));`,
    });
    expect(a.tools.map((t) => [t.name, t.inputKeys, t.syntax])).toEqual([["sum", ["xs"], "addTool"]]);
    expect(a.prompts.map((p) => [p.name, p.description])).toEqual([["review", "Review code"]]);
    expect(a.resources.map((r) => [r.name, r.uri, r.description])).toEqual([
      ["config", "config://app", "App config"],
      ["user", "users://{id}", undefined],
    ]);
  });

  it("does not take any .tool() call for a tool", () => {
    const a = analyze({
      "index.js": `yargs.tool("x"); obj.tool(name, fn); chart.tool("zoom", { on: true });`,
    });
    expect(a.tools).toEqual([]);
  });

  it("hashes the full definition: stable across property order, changed by any text", () => {
    const one = analyze({
      "a.js": `server.registerTool("t", { description: "d", inputSchema: { a: x } }, h);`,
    });
    const reordered = analyze({
      "b.js": `server.registerTool("t", { inputSchema: { a: y }, description: "d" }, h);`,
    });
    const changed = analyze({
      "a.js": `server.registerTool("t", { description: "d.", inputSchema: { a: x } }, h);`,
    });
    expect(one.tools[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(reordered.tools[0]?.hash).toBe(one.tools[0]?.hash);
    expect(changed.tools[0]?.hash).not.toBe(one.tools[0]?.hash);
  });

  it("caps the stored description but keeps its full length, hash and hidden characters", () => {
    const long = `${"a".repeat(10_000)}\u200b`;
    const a = analyze({ "a.js": `server.tool("t", ${JSON.stringify(long)}, async () => ({}));` });
    const t = a.tools[0]!;
    expect(t.description!.length).toBeLessThanOrEqual(4096);
    expect(t.descriptionLength).toBe(10_001);
    expect(t.hiddenChars).toBe(1);
  });

  it("keeps one copy of a tool declared in both src and dist", () => {
    const code = `server.tool("t", "d", async () => ({}));`;
    expect(analyze({ "dist/a.js": code, "lib/a.js": code }).tools).toHaveLength(1);
  });
});

describe("framework helpers", () => {
  it("reads defineTool-style objects with schema and handler", () => {
    const a = analyze({
      "tools.js": `export const t = defineTool(() => ({ name: "install_extension", description: "Installs an extension.",
        annotations: { readOnlyHint: false }, schema: { path: zod.string().describe("folder") }, handler: async () => {} }));
        const notATool = { name: "x", description: "y" };`,
    });
    expect(a.tools.map((t) => [t.name, t.inputKeys, t.annotations])).toEqual([
      ["install_extension", ["path"], { readOnlyHint: false }],
    ]);
  });
});
