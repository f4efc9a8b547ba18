import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HEURISTICS } from "./index.js";

const entries = readdirSync(import.meta.dirname, { withFileTypes: true }).filter((f) => f.isFile());

/** The heuristic files of this folder: `<id>.ts`, each with `<id>.test.ts` beside it. */
const files = entries
  .filter((f) => f.name.endsWith(".ts") && f.name !== "index.ts" && !f.name.endsWith(".test.ts"))
  .map((f) => f.name.replace(/\.ts$/, ""));

/** The test files of this folder, by the name of what they test (`index` tests the list). */
const tests = entries
  .filter((f) => f.name.endsWith(".test.ts"))
  .map((f) => f.name.replace(/\.test\.ts$/, ""));

describe("the heuristics list", () => {
  it("registers every heuristic file under its own name, once", () => {
    expect(HEURISTICS.map((h) => h.definition.id).sort()).toEqual(files.sort());
  });

  it("has a test beside every heuristic", () => {
    expect(files.filter((id) => !tests.includes(id))).toEqual([]);
  });

  it("has no test without its heuristic", () => {
    expect(tests.filter((id) => id !== "index" && !files.includes(id))).toEqual([]);
  });
});
