import type { Evidence, PartKey } from "../../src/evidence/index.js";

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Categories a heuristic can judge. The policy weights them; the report shows one line each.
 * Adding one means adding it here, to the default policy and to the report schema's enum.
 */
export const CATEGORIES = [
  "maintenance",
  "identity",
  "vulnerabilities",
  "permissions",
  "mcp-tools",
  "supply-chain",
  "configuration",
] as const;
export type CategoryId = (typeof CATEGORIES)[number];

/** Where a finding was seen. At least one field is set. */
export interface Location {
  file?: string;
  line?: number;
  /** A short quote; hostile text, escaped at render time. */
  snippet?: string;
  url?: string;
}

export interface Finding {
  /** The heuristic id: stable across releases, and the name of its file. */
  id: string;
  severity: Severity;
  category: CategoryId;
  title: string;
  detail: string;
  evidence: Location[];
  remediation: string;
  /**
   * Findings that fail the verdict whatever the score (malicious code, a denied package).
   * The policy can also fail on severity; this is for facts no weight should outvote.
   */
  blocking?: boolean;
  /** A positive signal (e.g. vendor-published) that the policy may credit. */
  credit?: boolean;
}

/** The definition beside each heuristic's code; docs/heuristics.md is generated from it. */
export interface HeuristicDefinition<K extends PartKey = PartKey> {
  id: string;
  category: CategoryId;
  title: string;
  /** Why it matters, for the docs and the report. */
  rationale: string;
  /** What to do about it; a finding may make it more specific. */
  remediation: string;
  /** The default severity (a finding may be graded lower or higher; the policy may override). */
  severity: Severity;
  /** Evidence parts this heuristic needs; when any is missing it reports "unknown". */
  needs: readonly K[];
}

/** A finding before the definition's id, category and default remediation are applied. */
export type FindingDraft = Omit<Finding, "id" | "category" | "remediation" | "severity"> & {
  severity?: Severity;
  remediation?: string;
};

/**
 * `unknown`: the evidence it needs could not be had (a source was unavailable); the policy
 * never counts that as good. `skipped`: it does not apply to this run (the user skipped the
 * source, or the target has no such part, e.g. no client config); it is left out of the score.
 */
export type HeuristicResult =
  | { status: "evaluated"; findings: Finding[] }
  | { status: "unknown"; reason: string }
  | { status: "skipped"; reason: string };

export interface Heuristic {
  definition: HeuristicDefinition;
  evaluate(evidence: Evidence): HeuristicResult;
}
