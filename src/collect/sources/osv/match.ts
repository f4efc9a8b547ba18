import cvssCalculator from "ae-cvss-calculator";
import semver from "semver";
import type { AdvisorySeverity } from "../../../evidence/advisories.js";
import type { OsvEvent, OsvRange, OsvRecord } from "./schema.js";

/**
 * Pure OSV matching for npm packages, after the schema's "Evaluation" pseudocode
 * (https://ossf.github.io/osv-schema/#evaluation): a version is affected when it is listed in
 * `versions` or lies in any SEMVER/ECOSYSTEM range (GIT ranges name commits, not versions).
 */

const ECOSYSTEM = "npm";

type Affected = OsvRecord["affected"][number];

/** The `affected` entries of a record that name this npm package. */
export function entriesFor(record: OsvRecord, name: string): Affected[] {
  return record.affected.filter((a) => a.package?.ecosystem === ECOSYSTEM && a.package.name === name);
}

/** Whether `version` of npm package `name` is affected; withdrawn records affect nothing. */
export function isAffected(record: OsvRecord, name: string, version: string): boolean {
  if (record.withdrawn) return false;
  return entriesFor(record, name).some(
    (a) => a.versions.includes(version) || a.ranges.some((r) => inRange(version, r)),
  );
}

/**
 * The fixed version for the installed line: the lowest `fixed` event above `version` in the
 * ranges that contain it. Undefined when the range ends in `last_affected`/`limit` or is open.
 */
export function fixedVersionFor(record: OsvRecord, name: string, version: string): string | undefined {
  const candidates: string[] = [];
  for (const a of entriesFor(record, name)) {
    for (const r of a.ranges) {
      if (!inRange(version, r)) continue;
      const fix = sortedEvents(r)
        .map((e) => e.fixed)
        .find((f): f is string => f !== undefined && compare(f, version) === 1);
      if (fix) candidates.push(fix);
    }
  }
  return candidates.sort((x, y) => compare(x, y) ?? 0)[0];
}

function inRange(version: string, range: OsvRange): boolean {
  if (range.type !== "SEMVER" && range.type !== "ECOSYSTEM") return false;
  if (!parse(version)) return false;
  if (!beforeLimits(version, range.events)) return false;
  let vulnerable = false;
  for (const e of sortedEvents(range)) {
    if (e.introduced !== undefined && gte(version, e.introduced)) vulnerable = true;
    else if (e.fixed !== undefined && gte(version, e.fixed)) vulnerable = false;
    else if (e.last_affected !== undefined && compare(version, e.last_affected) === 1) vulnerable = false;
  }
  return vulnerable;
}

function beforeLimits(version: string, events: OsvEvent[]): boolean {
  const limits = events.map((e) => e.limit).filter((l): l is string => l !== undefined);
  if (limits.length === 0) return true;
  return limits.some((l) => l === "*" || compare(version, l) === -1);
}

/** Events ordered by their version; events whose version cannot be read are dropped. */
function sortedEvents(range: OsvRange): OsvEvent[] {
  const keyed = range.events
    .map((e) => ({ e, v: e.introduced ?? e.fixed ?? e.last_affected ?? e.limit }))
    .filter((x): x is { e: OsvEvent; v: string } => x.v !== undefined && parse(x.v) !== undefined);
  keyed.sort((a, b) => compare(a.v, b.v) ?? 0);
  return keyed.map((x) => x.e);
}

/** OSV writes "0" for "every version"; everything else is SemVer 2 (npm's ECOSYSTEM is SemVer). */
function parse(v: string): semver.SemVer | undefined {
  if (v === "0") return new semver.SemVer("0.0.0-0");
  return semver.parse(v, { loose: true }) ?? undefined;
}

function compare(a: string, b: string): -1 | 0 | 1 | undefined {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return undefined;
  return x.compare(y);
}

function gte(a: string, b: string): boolean {
  const c = compare(a, b);
  return c === 0 || c === 1;
}

export interface SeverityVerdict {
  severity: AdvisorySeverity;
  source?: "database" | "cvss_v3" | "cvss_v4";
  score?: number;
}

const DATABASE_SEVERITIES: Record<string, AdvisorySeverity> = {
  CRITICAL: "critical",
  HIGH: "high",
  MODERATE: "medium",
  MEDIUM: "medium",
  LOW: "low",
};

/**
 * The record's severity: `database_specific.severity` (GitHub's CRITICAL/HIGH/MODERATE/LOW)
 * when present, else the highest CVSS v4 or v3 base score of the record or its npm entries.
 */
export function severityOf(record: OsvRecord, name?: string): SeverityVerdict {
  const stated = record.database_specific?.severity;
  if (typeof stated === "string" && DATABASE_SEVERITIES[stated.toUpperCase()]) {
    return { severity: DATABASE_SEVERITIES[stated.toUpperCase()]!, source: "database" };
  }
  const vectors = [...record.severity, ...(name ? entriesFor(record, name).flatMap((a) => a.severity) : [])];
  let best: SeverityVerdict = { severity: "unknown" };
  for (const s of vectors) {
    const scored =
      s.type === "CVSS_V4"
        ? { score: cvss4BaseScore(s.score), source: "cvss_v4" as const }
        : s.type === "CVSS_V3"
          ? { score: cvss3BaseScore(s.score), source: "cvss_v3" as const }
          : undefined;
    if (scored?.score === undefined) continue;
    if (best.score === undefined || scored.score > best.score) {
      best = { severity: severityFromScore(scored.score), source: scored.source, score: scored.score };
    }
  }
  return best;
}

/** CVSS qualitative rating scale (v3.1 §5, the same in v4); "None" (0.0) reads as low. */
export function severityFromScore(score: number): AdvisorySeverity {
  if (score >= 9) return "critical";
  if (score >= 7) return "high";
  if (score >= 4) return "medium";
  return "low";
}

const V3_WEIGHTS = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
} as const;

/**
 * CVSS v3.0/v3.1 base score from a vector, per the v3.1 specification §7.1 (with §Appendix A
 * Roundup; v3.0 rounds up to one decimal directly). Undefined when a base metric is missing.
 */
export function cvss3BaseScore(vector: string): number | undefined {
  const parts = vector.trim().split("/");
  const version = parts.shift();
  if (version !== "CVSS:3.1" && version !== "CVSS:3.0") return undefined;
  const m = new Map(parts.map((p) => p.split(":") as [string, string]));
  const av = pick(V3_WEIGHTS.AV, m.get("AV"));
  const ac = pick(V3_WEIGHTS.AC, m.get("AC"));
  const ui = pick(V3_WEIGHTS.UI, m.get("UI"));
  const c = pick(V3_WEIGHTS.CIA, m.get("C"));
  const i = pick(V3_WEIGHTS.CIA, m.get("I"));
  const a = pick(V3_WEIGHTS.CIA, m.get("A"));
  const scope = m.get("S");
  const changed = scope === "C";
  const pr = pick(changed ? { N: 0.85, L: 0.68, H: 0.5 } : { N: 0.85, L: 0.62, H: 0.27 }, m.get("PR"));
  if ([av, ac, ui, c, i, a, pr].some((x) => x === undefined) || (scope !== "U" && scope !== "C")) {
    return undefined;
  }
  const iss = 1 - (1 - c!) * (1 - i!) * (1 - a!);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const exploitability = 8.22 * av! * ac! * pr! * ui!;
  if (impact <= 0) return 0;
  const raw = changed
    ? Math.min(1.08 * (impact + exploitability), 10)
    : Math.min(impact + exploitability, 10);
  return version === "CVSS:3.1" ? roundUp31(raw) : Math.ceil(raw * 10) / 10;
}

function pick<T extends Record<string, number>>(table: T, key: string | undefined): number | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** CVSS v3.1 Appendix A: round up to one decimal without floating-point surprises. */
function roundUp31(input: number): number {
  const intInput = Math.round(input * 100_000);
  if (intInput % 10_000 === 0) return intInput / 100_000;
  return (Math.floor(intInput / 10_000) + 1) / 10;
}

const V4_BASE_METRICS = ["AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"];

/**
 * CVSS v4.0 base score through ae-cvss-calculator (FIRST's macro-vector lookup is too large
 * to hand-keep). Undefined unless every base metric is present: the library scores a partial
 * vector as 0, which would understate it.
 */
export function cvss4BaseScore(vector: string): number | undefined {
  const parts = vector.trim().split("/");
  if (parts.shift() !== "CVSS:4.0") return undefined;
  const keys = new Set(parts.map((p) => p.split(":")[0]));
  if (!V4_BASE_METRICS.every((k) => keys.has(k))) return undefined;
  try {
    const score = new cvssCalculator.Cvss4P0(vector.trim()).calculateScores().base;
    return typeof score === "number" && Number.isFinite(score) ? score : undefined;
  } catch {
    return undefined;
  }
}

/** Malicious-package records carry MAL- ids (OSV's malicious-packages database). */
export function isMalicious(record: OsvRecord): boolean {
  return record.id.startsWith("MAL-") || record.aliases.some((a) => a.startsWith("MAL-"));
}
