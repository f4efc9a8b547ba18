export function summarise(plan) {
  const nodes = [];
  (function walk(n, depth) {
    nodes.push({ depth, type: n["Node Type"], rel: n["Relation Name"], ms: n["Actual Total Time"], rows: n["Actual Rows"], est: n["Plan Rows"] });
    for (const c of n.Plans || []) walk(c, depth + 1);
  })(plan.Plan, 0);
  return nodes
    .map((n) => `${"  ".repeat(n.depth)}${n.type}${n.rel ? ` on ${n.rel}` : ""}: ${n.ms} ms, ${n.rows} rows (est. ${n.est})`)
    .join("\n");
}

export function indexHints(plan, kb) {
  const hints = [];
  (function walk(n) {
    for (const rule of kb) {
      const h = rule(n);
      if (h) hints.push(h);
    }
    for (const c of n.Plans || []) walk(c);
  })(plan.Plan);
  return hints;
}
