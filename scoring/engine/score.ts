import semver from "semver";
import type { SourceId, SourceStatus } from "../../src/evidence/index.js";
import type { PackageRule, Policy } from "./policy.js";
import {
  CATEGORIES,
  type CategoryId,
  type Finding,
  type HeuristicResult,
  SEVERITIES,
  type Severity,
} from "./types.js";

/** One heuristic's outcome, as the engine sees it: never the raw evidence. */
export interface HeuristicOutcome {
  id: string;
  category: CategoryId;
  result: HeuristicResult;
}

export type Verdict = "pass" | "warn" | "fail" | "incomplete";
export type Grade = "A" | "B" | "C" | "D" | "F";

export interface CategoryScore {
  id: CategoryId;
  /** null: nothing in the category could be checked, or nothing applies. */
  score: number | null;
  weight: number;
  summary: string;
  /** How many of its checks ran, could not run, or did not apply. */
  checks: { evaluated: number; unknown: number; skipped: number };
}

export interface SuppressedFinding {
  finding: Finding;
  reason: string;
}

export interface ScoreResult {
  value: number | null;
  grade: Grade | null;
  verdict: Verdict;
  /** Why the verdict is what it is, in order of weight, one line each. */
  reasons: string[];
  categories: CategoryScore[];
  /** Findings after policy overrides and suppressions, most severe first. */
  findings: Finding[];
  suppressed: SuppressedFinding[];
}

export interface ScoreInput {
  outcomes: HeuristicOutcome[];
  sources: SourceStatus[];
  packageName: string;
  version?: string;
  /** The run's time, for suppression expiry. */
  now: string;
}

/**
 * The score engine: applies the policy to heuristic outcomes. Deterministic, pure, and
 * documented in README ("How the score is computed"); change both together.
 */
export function score(input: ScoreInput, policy: Policy): ScoreResult {
  const reasons: string[] = [];
  const { findings, suppressed } = applyPolicyToFindings(input, policy);

  const denied = matchRule(policy.deny, input.packageName, input.version);
  if (denied) {
    findings.unshift({
      id: "policy-denied",
      severity: "critical",
      category: "supply-chain",
      title: "Package is on the policy's deny list",
      detail: denied.reason,
      evidence: [{ snippet: denied.package + (denied.range ? `@${denied.range}` : "") }],
      remediation: "Use an approved alternative; the policy forbids this package.",
      blocking: true,
    });
  }

  const categories = scoreCategories(input.outcomes, findings, policy);
  const missing = missingRequiredSources(input.sources, policy.requiredSources);
  // A source the deadline cut is never a pass, required or not: what it would have said is unknown.
  const cut = input.sources.filter((s) => s.deadline && s.status === "unavailable").map((s) => s.id);
  const gaps = [
    ...(missing.length
      ? [`required source${missing.length > 1 ? "s" : ""} unavailable: ${missing.join(", ")}`]
      : []),
    ...(cut.length ? [`cut at the deadline: ${cut.join(", ")}`] : []),
  ];
  const blocking = findings.find((f) => f.blocking);
  // A blocking fact (a malicious-package record, a denied package) is enough to say no,
  // even when other sources could not be read.
  if (gaps.length && !blocking) {
    reasons.push(...gaps);
    return { value: null, grade: null, verdict: "incomplete", reasons, categories, findings, suppressed };
  }
  if (gaps.length) {
    reasons.push(...gaps);
    reasons.unshift(`blocking finding: ${blocking!.id}`);
    return { value: null, grade: null, verdict: "fail", reasons, categories, findings, suppressed };
  }

  let value = overall(categories, policy);
  for (const sev of SEVERITIES) {
    const cap = policy.scoreCaps[sev];
    if (cap !== undefined && value > cap && findings.some((f) => f.severity === sev && !f.credit)) {
      reasons.push(`score capped at ${cap} by a ${sev} finding`);
      value = cap;
    }
  }
  value = Math.round(value);

  let verdict = verdictFor(value, findings, policy, reasons);
  // Grade and verdict say the same thing: a failing package is graded F (a blocking finding
  // under a lenient severity override, or a policy failing on high findings, could otherwise
  // leave it at A–D), and verdictFor fails every F.
  const topOfF = policy.grades.D - 1;
  if (verdict === "fail" && value > topOfF && topOfF >= 0) {
    reasons.push(`score capped at ${topOfF}: a failing package is graded F`);
    value = topOfF;
  }
  const allowed = matchRule(policy.allow, input.packageName, input.version);
  if (allowed && verdict === "fail" && !findings.some((f) => f.blocking)) {
    // The one exception to "an F never passes or warns": the policy's own approval.
    reasons.push(`allowed by policy (${allowed.reason}): fail lowered to warn`);
    verdict = "warn";
  }
  return { value, grade: gradeFor(value, policy), verdict, reasons, categories, findings, suppressed };
}

function applyPolicyToFindings(
  input: ScoreInput,
  policy: Policy,
): { findings: Finding[]; suppressed: SuppressedFinding[] } {
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  // Heuristics the policy disables were not run: their outcome is skipped (engine/run.ts).
  for (const o of input.outcomes) {
    if (o.result.status !== "evaluated") continue;
    for (const f of o.result.findings) {
      const override = policy.severityOverrides[f.id];
      const finding = override ? { ...f, severity: override } : f;
      const rule = policy.suppress.find(
        (s) =>
          s.id === f.id &&
          (!s.package || globMatch(s.package, input.packageName)) &&
          (!s.until || Date.parse(s.until) > Date.parse(input.now)),
      );
      if (rule) suppressed.push({ finding, reason: rule.reason });
      else findings.push(finding);
    }
  }
  findings.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  return { findings, suppressed };
}

/**
 * A category starts at 100; each finding takes its severity's penalty (a heuristic's findings
 * together take at most 1.5 times its worst one, so ten install scripts are not ten times
 * worse than one); each credit adds `creditPoints`; the result is clamped to 0–100. Checks
 * that could not run pull the category toward `unknownScore` in proportion to their number.
 */
function scoreCategories(outcomes: HeuristicOutcome[], findings: Finding[], policy: Policy): CategoryScore[] {
  return CATEGORIES.filter((c) => policy.categories[c] !== undefined).map((id) => {
    const weight = policy.categories[id]!.weight;
    const mine = outcomes.filter((o) => o.category === id);
    const checks = {
      evaluated: mine.filter((o) => o.result.status === "evaluated").length,
      unknown: mine.filter((o) => o.result.status === "unknown").length,
      skipped: mine.filter((o) => o.result.status === "skipped").length,
    };
    if (checks.evaluated === 0) {
      const summary =
        checks.unknown > 0
          ? `unknown: ${firstReason(mine, "unknown")}`
          : mine.length === 0
            ? "no checks in this category"
            : `not applicable: ${firstReason(mine, "skipped")}`;
      return { id, score: null, weight, summary, checks };
    }
    const inCategory = findings.filter((f) => f.category === id);
    const byHeuristic = new Map<string, number[]>();
    let credits = 0;
    for (const f of inCategory) {
      if (f.credit) {
        credits++;
        continue;
      }
      const list = byHeuristic.get(f.id) ?? [];
      list.push(policy.severityPenalties[f.severity] ?? 0);
      byHeuristic.set(f.id, list);
    }
    let penalty = 0;
    for (const list of byHeuristic.values()) {
      const worst = list.reduce((a, b) => Math.max(a, b), 0);
      penalty += Math.min(
        list.reduce((a, b) => a + b, 0),
        worst * 1.5,
      );
    }
    const known = clamp(100 - penalty + credits * policy.creditPoints);
    const total = checks.evaluated + checks.unknown;
    const s = (known * checks.evaluated + policy.unknownScore * checks.unknown) / total;
    const problems = inCategory.filter((f) => !f.credit);
    const summary =
      (problems.length === 0
        ? "no issues found"
        : `${problems.length} finding${problems.length > 1 ? "s" : ""}, worst ${problems[0]!.severity}`) +
      (checks.unknown ? `; ${checks.unknown} check${checks.unknown > 1 ? "s" : ""} could not run` : "");
    return { id, score: Math.round(s), weight, summary, checks };
  });
}

/** Weighted mean over categories that apply; a category whose checks could not run counts as `unknownScore`. */
function overall(categories: CategoryScore[], policy: Policy): number {
  let sum = 0;
  let weights = 0;
  for (const c of categories) {
    const applies = c.checks.evaluated > 0 || c.checks.unknown > 0;
    if (!applies || c.weight === 0) continue;
    sum += c.weight * (c.score ?? policy.unknownScore);
    weights += c.weight;
  }
  return weights === 0 ? policy.unknownScore : sum / weights;
}

function verdictFor(value: number, findings: Finding[], policy: Policy, reasons: string[]): Verdict {
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  const blocking = findings.find((f) => f.blocking);
  if (blocking) {
    reasons.unshift(`blocking finding: ${blocking.id}`);
    return "fail";
  }
  const failSev = policy.verdict.failOnSeverity;
  const failing = failSev ? findings.find((f) => !f.credit && rank(f.severity) <= rank(failSev)) : undefined;
  if (failing) {
    reasons.unshift(`${failing.severity} finding: ${failing.id}`);
    return "fail";
  }
  if (value < policy.verdict.failBelow) {
    reasons.unshift(`score ${value} is below ${policy.verdict.failBelow}`);
    return "fail";
  }
  // failBelow can raise the bar, never lower it under F: an F never passes or warns.
  if (gradeFor(value, policy) === "F") {
    reasons.unshift(`score ${value} is grade F (below ${policy.grades.D})`);
    return "fail";
  }
  const warnSev = policy.verdict.warnOnSeverity;
  const warning = warnSev ? findings.find((f) => !f.credit && rank(f.severity) <= rank(warnSev)) : undefined;
  if (warning) {
    reasons.push(`${warning.severity} finding: ${warning.id}`);
    return "warn";
  }
  if (value < policy.verdict.passAt) {
    reasons.push(`score ${value} is below ${policy.verdict.passAt}`);
    return "warn";
  }
  return "pass";
}

export function gradeFor(value: number, policy: Policy): Grade {
  const g = policy.grades;
  return value >= g.A ? "A" : value >= g.B ? "B" : value >= g.C ? "C" : value >= g.D ? "D" : "F";
}

function missingRequiredSources(sources: SourceStatus[], required: SourceId[]): SourceId[] {
  return required.filter((id) => sources.find((s) => s.id === id)?.status === "unavailable");
}

function matchRule(rules: PackageRule[], name: string, version: string | undefined): PackageRule | undefined {
  return rules.find(
    (r) =>
      globMatch(r.package, name) &&
      (!r.range ||
        (version !== undefined && semver.satisfies(version, r.range, { includePrerelease: true }))),
  );
}

function globMatch(pattern: string, name: string): boolean {
  if (!pattern.includes("*")) return pattern === name;
  const re = new RegExp(`^${pattern.split("*").map(escapeRegExp).join(".*")}$`);
  return re.test(name);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function clamp(n: number): number {
  return Math.max(0, Math.min(100, n));
}

function firstReason(outcomes: HeuristicOutcome[], status: "unknown" | "skipped"): string {
  const r = outcomes.find((o) => o.result.status === status)?.result;
  return r && r.status === status ? r.reason : status;
}
