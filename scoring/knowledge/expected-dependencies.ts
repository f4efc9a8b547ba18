import { z } from "zod";
import data from "./expected-dependencies.json" with { type: "json" };

const table = z.strictObject({
  about: z.string().optional(),
  packages: z.array(z.strictObject({ package: z.string().min(1).max(214), why: z.string().min(1).max(300) })),
});

/**
 * Packages whose own dependencies any MCP server is expected to have (the MCP SDK brings
 * cross-spawn for its client transports): what reaches a tree only through them is reported
 * but not held against the server's stated purpose. Validated at load, so a bad edit fails
 * there, not in a run.
 */
export const EXPECTED_DEPENDENCIES: ReadonlySet<string> = new Set(
  table.parse(data).packages.map((p) => p.package),
);
