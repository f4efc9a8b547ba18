/** Severity of an advisory as its database or CVSS vector states it; "unknown" when neither does. */
export type AdvisorySeverity = "critical" | "high" | "medium" | "low" | "unknown";

/** One advisory that applies to one (package, version) of the tree. */
export interface AdvisoryMatch {
  /** OSV id: GHSA-…, MAL-…, … */
  id: string;
  /** Other ids for the same issue (CVE ids). */
  aliases: string[];
  package: string;
  version: string;
  /** Capped; hostile text. */
  summary?: string;
  severity: AdvisorySeverity;
  /** Where the severity came from. */
  severitySource?: "database" | "cvss_v3" | "cvss_v4";
  /** CVSS base score, when computed from a vector. */
  score?: number;
  /** The first fixed version above the installed one on its line; undefined when none is known. */
  fixed?: string;
  /** True for the target itself. */
  inTarget: boolean;
  /** A dependency the target names itself. */
  direct: boolean;
  /** Names from the target down to the affected package. */
  path: string[];
  /** A malicious-package record (MAL- id), not a vulnerability. */
  malicious: boolean;
  modified?: string;
  /** Where to read the advisory. */
  url?: string;
}

export interface AdvisoryFacts {
  /** The OSV API, or an offline export given with --osv-db. */
  source: "api" | "offline-db";
  /** Distinct (package, version) pairs that were asked about. */
  queried: number;
  /** "target": only the package itself was checked (no dependency tree to check). */
  scope: "tree" | "target";
  advisories: AdvisoryMatch[];
}
