import { describe, expect, it } from "vitest";
import { staticDefinition } from "../../../src/evidence/tool-definition.js";
import { analyze } from "../../support/code.js";

describe("literal tool schemas", () => {
  it("keeps a literal JSON Schema whole, through a const, with negative numbers and nested arrays", () => {
    const a = analyze({
      "index.js": `
const schema = { type: "object", properties: { n: { type: "number", minimum: -1 }, tags: { type: "array", items: { enum: ["a", "b"] } } }, required: ["n"] };
server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [{ name: "count", description: "Counts.", inputSchema: schema, outputSchema: { type: "object" } }] }));
`,
    });
    const tool = a.tools.find((t) => t.name === "count")!;
    expect(tool.inputSchema).toEqual({
      type: "object",
      properties: {
        n: { type: "number", minimum: -1 },
        tags: { type: "array", items: { enum: ["a", "b"] } },
      },
      required: ["n"],
    });
    expect(tool.outputSchema).toEqual({ type: "object" });
    expect(tool.inputSchemaUnread).toBeUndefined();
    expect(staticDefinition(tool).inputSummary).toBeUndefined();
  });

  it("says why a zod schema, or one built at run time, is not kept whole", () => {
    const a = analyze({
      "index.js": `
server.registerTool("zod", { description: "z", inputSchema: { q: z.string().describe("Query") } }, async () => ({}));
server.registerTool("built", { description: "b", inputSchema: makeSchema() }, async () => ({}));
`,
    });
    const zod = a.tools.find((t) => t.name === "zod")!;
    expect(zod.inputSchema).toBeUndefined();
    expect(zod.inputSchemaUnread).toBe("a zod schema: its keys and descriptions are read");
    expect(staticDefinition(zod).inputSummary).toEqual({ keys: ["q"], text: "Query" });
    expect(a.tools.find((t) => t.name === "built")?.inputSchemaUnread).toBe("not a literal JSON Schema");
  });

  it("a schema with a computed key or a spread is not a literal", () => {
    const a = analyze({
      "index.js": `server.registerTool("x", { description: "x", inputSchema: { type: "object", properties: { ...base } } }, async () => ({}));`,
    });
    expect(a.tools[0]?.inputSchema).toBeUndefined();
  });
});
