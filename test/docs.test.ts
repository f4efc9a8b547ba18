import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import defaultPolicyJson from "../scoring/engine/default-policy.json" with { type: "json" };
import { GENERATED } from "../scripts/gen-docs.js";

const ROOT = join(import.meta.dirname, "..");

describe("generated reference files are current", () => {
  it.each(GENERATED.map((g) => [g.path, g]))("%s (run `npm run docs` if this fails)", (path, g) => {
    expect(readFileSync(join(ROOT, path), "utf8")).toBe(g.render());
  });
  it("the default policy validates against the policy schema", () => {
    const schema = JSON.parse(readFileSync(join(ROOT, "scoring/engine/policy.schema.json"), "utf8"));
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(defaultPolicyJson), JSON.stringify(validate.errors)).toBe(true);
  });
});
