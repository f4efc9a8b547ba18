import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv04 from "ajv-draft-04";
import addFormats from "ajv-formats";

// The official OASIS SARIF 2.1.0 schema (rtm.5, JSON Schema draft-04), as Microsoft's
// @microsoft/jest-sarif package ships it: a devDependency, so no test fetches it.
const require = createRequire(import.meta.url);
const SCHEMA_FILE = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
const schema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as Record<string, unknown>;

// unicodeRegExp off: the schema's pattern for `language` has a stray `]` that is an error
// under the u flag ajv uses by default, and fine as a plain regular expression.
const ajv = new Ajv04.default({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats.default(ajv);
const validateSarif = ajv.compile(schema);

// What GitHub code scanning rejects or cuts beyond the schema (its "SARIF support" and
// "results exceed limit" pages): hard limits, and the security-severity it reads as a number.
const GITHUB = { runs: 20, resultsPerRun: 25_000, rulesPerRun: 25_000, tagsPerRule: 20, locations: 1000 };

interface Loose {
  runs: {
    tool: {
      driver: { rules?: { id: string; properties?: { tags?: string[]; "security-severity"?: unknown } }[] };
    };
    results?: {
      ruleId?: string;
      ruleIndex?: number;
      locations?: unknown[];
      message: { text?: string };
      partialFingerprints?: Record<string, unknown>;
    }[];
  }[];
}

/**
 * Asserts a SARIF log (text or parsed) validates against the official SARIF 2.1.0 schema and
 * keeps within what GitHub code scanning accepts; returns it parsed.
 */
export function expectValidSarif(sarif: string | unknown): Loose {
  const log = (typeof sarif === "string" ? JSON.parse(sarif) : sarif) as Loose;
  if (!validateSarif(log)) {
    throw new Error(
      `SARIF does not match the SARIF 2.1.0 schema: ${ajv.errorsText(validateSarif.errors, { separator: "\n" })}`,
    );
  }
  const problems: string[] = [];
  if (log.runs.length > GITHUB.runs) problems.push(`${log.runs.length} runs`);
  for (const run of log.runs) {
    const rules = run.tool.driver.rules ?? [];
    const results = run.results ?? [];
    if (rules.length > GITHUB.rulesPerRun) problems.push(`${rules.length} rules`);
    if (results.length > GITHUB.resultsPerRun) problems.push(`${results.length} results`);
    if (new Set(rules.map((r) => r.id)).size !== rules.length) problems.push("duplicate rule ids");
    for (const rule of rules) {
      const tags = rule.properties?.tags ?? [];
      if (tags.length > GITHUB.tagsPerRule) problems.push(`rule ${rule.id}: ${tags.length} tags`);
      const severity = rule.properties?.["security-severity"];
      if (severity !== undefined) {
        const n = typeof severity === "string" ? Number(severity) : Number.NaN;
        if (!(n >= 0 && n <= 10)) problems.push(`rule ${rule.id}: security-severity ${String(severity)}`);
      }
    }
    for (const [i, result] of results.entries()) {
      const where = `result ${i} (${result.ruleId})`;
      if (!result.message.text) problems.push(`${where}: no message text`);
      // Code scanning shows an alert only where it has a location.
      if (!result.locations?.length) problems.push(`${where}: no location`);
      if ((result.locations?.length ?? 0) > GITHUB.locations) problems.push(`${where}: too many locations`);
      if (result.ruleIndex !== undefined && rules[result.ruleIndex]?.id !== result.ruleId) {
        problems.push(`${where}: ruleIndex ${result.ruleIndex} is not its rule`);
      }
      for (const [k, v] of Object.entries(result.partialFingerprints ?? {})) {
        if (typeof v !== "string" || !v) problems.push(`${where}: fingerprint ${k} is not a string`);
      }
    }
  }
  if (problems.length) throw new Error(`SARIF code scanning would reject or cut:\n${problems.join("\n")}`);
  return log;
}
