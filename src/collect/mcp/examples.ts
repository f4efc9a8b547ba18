import type { JsonValue } from "../../evidence/tool-definition.js";

/**
 * Arguments a schema accepts, as small as it allows: required properties only, each the
 * schema's own example, default, constant or first enum value, else the emptiest value of
 * its type. `--probe-call` sends these to read-only tools.
 */
export function exampleArguments(schema: JsonValue | undefined): Record<string, JsonValue> {
  const v = example(schema, 0);
  return v && typeof v === "object" && !Array.isArray(v) ? v : {};
}

function example(schema: JsonValue | undefined, depth: number): JsonValue {
  if (!schema || typeof schema !== "object" || Array.isArray(schema) || depth > 8) return null;
  const s = schema as Record<string, JsonValue>;
  if (Array.isArray(s.examples) && s.examples.length) return s.examples[0]!;
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0]!;
  for (const key of ["anyOf", "oneOf", "allOf"]) {
    const alts = s[key];
    if (Array.isArray(alts) && alts.length) return example(alts[0], depth + 1);
  }
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== "null") ?? s.type[0]) : s.type;
  switch (type) {
    case "string": {
      const min = typeof s.minLength === "number" ? Math.min(s.minLength, 64) : 0;
      if (s.format === "uri" || s.format === "url") return "https://example.com/";
      if (s.format === "email") return "user@example.com";
      if (s.format === "date") return "2000-01-01";
      if (s.format === "date-time") return "2000-01-01T00:00:00Z";
      return "a".repeat(min);
    }
    case "integer":
    case "number":
      return typeof s.minimum === "number"
        ? s.minimum
        : typeof s.exclusiveMinimum === "number"
          ? s.exclusiveMinimum + 1
          : 0;
    case "boolean":
      return false;
    case "array": {
      const min = typeof s.minItems === "number" ? Math.min(s.minItems, 4) : 0;
      return Array.from({ length: min }, () => example(s.items, depth + 1));
    }
    case "null":
      return null;
    default: {
      const props =
        s.properties && typeof s.properties === "object" && !Array.isArray(s.properties) ? s.properties : {};
      const required = Array.isArray(s.required)
        ? s.required.filter((r): r is string => typeof r === "string")
        : [];
      const out: Record<string, JsonValue> = {};
      for (const key of required.slice(0, 50))
        out[key] = example((props as Record<string, JsonValue>)[key], depth + 1);
      return out;
    }
  }
}
