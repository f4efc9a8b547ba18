import pkg from "../package.json" with { type: "json" };

export const TOOL = { name: "mcp-vet", version: pkg.version } as const;
