import { describe, expect, it } from "vitest";
import { evidenceWith, NOW } from "../../test/support/evidence.js";
import { HEURISTICS } from "../heuristics/index.js";
import { defaultPolicy, PolicyError, policyDigest, resolvePolicy } from "./policy.js";
import { runHeuristics } from "./run-heuristics.js";
import { type HeuristicOutcome, score } from "./score.js";
import type { CategoryId, Finding, Severity } from "./types.js";

const policy = defaultPolicy();
const ok = [
  { id: "npm", status: "ok" },
  { id: "tarball", status: "ok" },
] as const;

function finding(
  id: string,
  category: CategoryId,
  severity: Severity,
  extra: Partial<Finding> = {},
): Finding {
  return { id, category, severity, title: id, detail: "", evidence: [], remediation: "", ...extra };
}
function evaluated(id: string, category: CategoryId, findings: Finding[] = []): HeuristicOutcome {
  return { id, category, result: { status: "evaluated", findings } };
}
const clean = (
  ["maintenance", "identity", "vulnerabilities", "permissions", "mcp-tools", "supply-chain"] as const
).map((c) => evaluated(`${c}-check`, c));
const run = (outcomes: HeuristicOutcome[], p = policy, sources = [...ok]) =>
  score({ outcomes, sources: [...sources], packageName: "pkg", version: "1.0.0", now: NOW }, p);

describe("score engine", () => {
  it("a clean package scores 100, grade A, pass; a category with no checks is left out", () => {
    const r = run(clean);
    expect(r).toMatchObject({ value: 100, grade: "A", verdict: "pass" });
    expect(r.categories.find((c) => c.id === "configuration")?.score).toBeNull();
  });

  it("unknown categories never count as good", () => {
    const outcomes = clean.map((o) =>
      o.category === "vulnerabilities"
        ? { ...o, result: { status: "unknown" as const, reason: "osv: down" } }
        : o,
    );
    const r = run(outcomes);
    expect(r.categories.find((c) => c.id === "vulnerabilities")).toMatchObject({
      score: null,
      summary: "unknown: osv: down",
    });
    // 25 of 95 weight at 50 instead of 100.
    expect(r.value).toBe(Math.round((70 * 100 + 25 * 50) / 95));
  });

  it("skipped checks are left out rather than counted", () => {
    const outcomes = [
      ...clean,
      {
        id: "cfg",
        category: "configuration" as const,
        result: { status: "skipped" as const, reason: "no config" },
      },
    ];
    expect(run(outcomes).value).toBe(100);
  });

  it("a partially known category is pulled toward unknownScore", () => {
    const outcomes = [
      ...clean,
      { id: "x", category: "maintenance" as const, result: { status: "unknown" as const, reason: "r" } },
    ];
    expect(run(outcomes).categories.find((c) => c.id === "maintenance")?.score).toBe(75);
  });

  it("penalties per heuristic are capped at 1.5x its worst finding", () => {
    const many = Array.from({ length: 10 }, () => finding("install-scripts", "supply-chain", "medium"));
    const r = run([...clean, evaluated("install-scripts", "supply-chain", many)]);
    expect(r.categories.find((c) => c.id === "supply-chain")?.score).toBe(Math.round(100 - 15 * 1.5));
  });

  it("a critical finding fails the verdict and caps the score", () => {
    const r = run([
      ...clean,
      evaluated("advisory", "vulnerabilities", [finding("advisory", "vulnerabilities", "critical")]),
    ]);
    expect(r.verdict).toBe("fail");
    expect(r.value).toBeLessThanOrEqual(40);
    expect(r.grade).toBe("F");
  });

  it("a high finding warns", () => {
    const r = run([...clean, evaluated("h", "supply-chain", [finding("h", "supply-chain", "high")])]);
    expect(r.verdict).toBe("warn");
    expect(r.value).toBeLessThanOrEqual(79);
  });

  it("a blocking finding fails even when the allow list approves the package", () => {
    const p = resolvePolicy({ allow: [{ package: "pkg", reason: "approved" }] });
    const blocking = finding("malicious-package", "vulnerabilities", "critical", { blocking: true });
    expect(run([...clean, evaluated("m", "vulnerabilities", [blocking])], p).verdict).toBe("fail");
    const plain = finding("advisory", "vulnerabilities", "critical");
    const r = run([...clean, evaluated("a", "vulnerabilities", [plain])], p);
    expect(r.verdict).toBe("warn");
    expect(r.reasons.join()).toMatch(/allowed by policy/);
  });

  it("deny list with a range and a glob", () => {
    expect(
      run(clean, resolvePolicy({ deny: [{ package: "pkg", range: "<2", reason: "old" }] })).verdict,
    ).toBe("fail");
    expect(
      run(clean, resolvePolicy({ deny: [{ package: "pkg", range: ">=2", reason: "new" }] })).verdict,
    ).toBe("pass");
    expect(run(clean, resolvePolicy({ deny: [{ package: "p*", reason: "all p" }] })).findings[0]?.id).toBe(
      "policy-denied",
    );
  });

  it("suppressions hide a finding until they lapse", () => {
    const f = finding("install-scripts", "supply-chain", "high");
    const outcomes = [...clean, evaluated("install-scripts", "supply-chain", [f])];
    const live = resolvePolicy({
      suppress: [{ id: "install-scripts", reason: "reviewed", until: "2099-01-01" }],
    });
    expect(run(outcomes, live)).toMatchObject({ verdict: "pass", suppressed: [{ reason: "reviewed" }] });
    const lapsed = resolvePolicy({
      suppress: [{ id: "install-scripts", reason: "reviewed", until: "2020-01-01" }],
    });
    expect(run(outcomes, lapsed).verdict).toBe("warn");
  });

  it("severity overrides and disabled heuristics", () => {
    const f = finding("install-scripts", "supply-chain", "high");
    const outcomes = [...clean, evaluated("install-scripts", "supply-chain", [f])];
    expect(run(outcomes, resolvePolicy({ severityOverrides: { "install-scripts": "low" } })).verdict).toBe(
      "pass",
    );
    // Disabling is the runner's: a disabled heuristic's outcome is skipped, so nothing is scored.
    const disabled = runHeuristics(
      evidenceWith({ scripts: { postinstall: "node x.js" } }),
      HEURISTICS,
      new Set(["install-scripts"]),
    );
    expect(
      run(disabled, resolvePolicy({ disabled: ["install-scripts"] })).findings.map((x) => x.id),
    ).not.toContain("install-scripts");
  });

  it("a heuristic the policy disables does not run and is listed as skipped, not evaluated", async () => {
    const { judge } = await import("../../src/pipeline.js");
    const { evidenceWith } = await import("../../test/support/evidence.js");
    const e = evidenceWith({ scripts: { postinstall: "node x.js" } });
    const report = judge(e, resolvePolicy({ disabled: ["install-scripts"] }));
    expect(report.checks.find((c) => c.id === "install-scripts")).toEqual({
      id: "install-scripts",
      status: "skipped",
      reason: "disabled by policy",
    });
    expect(report.findings.map((f) => f.id)).not.toContain("install-scripts");
    expect(judge(e, resolvePolicy({})).findings.map((f) => f.id)).toContain("install-scripts");
  });

  it("a required source that is unavailable makes the verdict incomplete with no score", () => {
    const r = run(clean, policy, [{ id: "npm", status: "unavailable" } as never, ok[1]]);
    expect(r).toMatchObject({ value: null, grade: null, verdict: "incomplete" });
  });

  it("advisories are required by default: OSV unavailable is incomplete, never a pass", () => {
    const osvDown = [...ok, { id: "osv", status: "unavailable", error: "OSV answered HTTP 500" } as never];
    const r = run(clean, policy, osvDown);
    expect(r).toMatchObject({ value: null, grade: null, verdict: "incomplete" });
    expect(r.reasons).toEqual(["required source unavailable: osv"]);
    // A blocking fact is enough to say no without advisories.
    const blocking = finding("malicious-package", "supply-chain", "critical", { blocking: true });
    expect(run([...clean, evaluated("m", "supply-chain", [blocking])], policy, osvDown).verdict).toBe("fail");
    // A policy that does not require advisories gets a score.
    const lenient = resolvePolicy({ requiredSources: ["npm", "tarball"] });
    expect(run(clean, lenient, osvDown).verdict).toBe("pass");
    // Skipped (not applicable) is not missing.
    expect(run(clean, policy, [...ok, { id: "osv", status: "skipped" } as never]).verdict).toBe("pass");
  });

  it("an F never passes or warns, whatever failBelow says", () => {
    const unknown = clean.map((o) => ({ ...o, result: { status: "unknown" as const, reason: "down" } }));
    const r = run(unknown, resolvePolicy({ verdict: { failBelow: 0 } }));
    expect(r).toMatchObject({ value: 50, grade: "F", verdict: "fail" });
    expect(r.reasons[0]).toBe("score 50 is grade F (below 60)");
  });

  it("a failing package is graded F: the score is capped below D", () => {
    // A blocking finding whose severity a policy lowered would otherwise leave an A.
    const blocking = finding("malicious-package", "supply-chain", "low", { blocking: true });
    const r = run([...clean, evaluated("m", "supply-chain", [blocking])]);
    expect(r).toMatchObject({ value: 59, grade: "F", verdict: "fail" });
    expect(r.reasons).toContain("score capped at 59: a failing package is graded F");
    // A policy failing on high findings: capped at 59, not the high cap's 79.
    const strict = resolvePolicy({ verdict: { failOnSeverity: "high" } });
    const high = run(
      [...clean, evaluated("h", "supply-chain", [finding("h", "supply-chain", "high")])],
      strict,
    );
    expect(high).toMatchObject({ value: 59, grade: "F", verdict: "fail" });
  });

  it("the allow list is the one exception: an approved package's F warns, and the reasons say so", () => {
    const p = resolvePolicy({ allow: [{ package: "pkg", reason: "approved" }] });
    const plain = finding("advisory", "vulnerabilities", "critical");
    const r = run([...clean, evaluated("a", "vulnerabilities", [plain])], p);
    expect(r).toMatchObject({ grade: "F", verdict: "warn" });
    expect(r.reasons.at(-1)).toBe("allowed by policy (approved): fail lowered to warn");
  });

  it("credits add back to their category", () => {
    const credit = finding("vendor-published", "identity", "info", { credit: true });
    const minor = finding("x", "identity", "medium");
    const r = run([...clean, evaluated("x", "identity", [minor, credit])]);
    expect(r.categories.find((c) => c.id === "identity")?.score).toBe(95);
  });

  it("is deterministic", () => {
    const outcomes = [...clean, evaluated("h", "supply-chain", [finding("h", "supply-chain", "high")])];
    expect(run(outcomes)).toEqual(run(outcomes));
  });
});

describe("policy", () => {
  it("lays a partial file over the default", () => {
    const p = resolvePolicy({ categories: { maintenance: { weight: 50 } } });
    expect(p.categories.maintenance?.weight).toBe(50);
    expect(p.categories.vulnerabilities?.weight).toBe(25);
    expect(p.id).toBe("custom");
  });
  it.each([
    [[], /must be a JSON object/],
    [{ verdict: { passAt: "x" } }, /verdict\.passAt/],
    [{ unknownKey: 1 }, /unknownKey|Unrecognized/],
    [{ severityPenalties: { critical: 500 } }, /severityPenalties\.critical/],
  ])("rejects %j with a message naming the field", (input, message) => {
    expect(() => resolvePolicy(input)).toThrow(PolicyError);
    expect(() => resolvePolicy(input)).toThrow(message);
  });
  it("has a stable digest", () => {
    expect(policyDigest(defaultPolicy())).toBe(policyDigest(resolvePolicy({ id: "default" })));
    expect(policyDigest(defaultPolicy())).not.toBe(policyDigest(resolvePolicy({ unknownScore: 40 })));
  });
});
