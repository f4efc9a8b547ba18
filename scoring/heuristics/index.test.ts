import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HEURISTICS } from "./index.js";

/** The heuristic files of this folder: `<id>.ts`, each with `<id>.test.ts` beside it. */
const files = readdirSync(import.meta.dirname, { withFileTypes: true })
  .filter(
    (f) => f.isFile() && f.name.endsWith(".ts") && f.name !== "index.ts" && !f.name.endsWith(".test.ts"),
  )
  .map((f) => f.name.replace(/\.ts$/, ""));

describe("the heuristics list", () => {
  it("registers every heuristic file under its own name, once", () => {
    expect(HEURISTICS.map((h) => h.definition.id).sort()).toEqual(files.sort());
  });
});
