import type { FieldChange, PinnedDefinition } from "../src/evidence/tool-definition.js";
import type { Report, Severity } from "./model.js";

export const INDEX_SCHEMA_VERSION = 1 as const;

/** One line of index.json: the summary of one audited target (reports/index.schema.json). */
export interface IndexEntry {
  /** Stable identity across runs and versions: `npm:<name>`, `github:<owner>/<repo>`, `config:<path>`. */
  key: string;
  kind: "package" | "repo" | "config";
  /** What was asked for (name@range, github:owner/repo, a config path). */
  spec: string;
  status: "ok" | "error" | "unsupported";
  name: string | null;
  version: string | null;
  grade: Report["score"]["grade"];
  score: number | null;
  verdict: Report["score"]["verdict"] | null;
  worstFinding: { id: string; severity: Severity; title: string } | null;
  findings: { id: string; severity: Severity; title: string }[];
  /** Tool name → definition hash, as statically found in the package. */
  tools: Record<string, string>;
  /** Capability ids the package's code uses (fs.write, process.exec, ...), for the diff; null when the code was not analysed. */
  capabilities: string[] | null;
  /** The npm user who published this version, when the registry said. */
  publisher: string | null;
  /** npm maintainers; null when the registry did not say. */
  maintainers: string[] | null;
  /**
   * Sources that apply to this target but did not answer (`osv`, `github`, …): what its
   * report leads with as not checked. Empty when every source answered; absent for targets
   * that could not be vetted, and in indexes written before it existed.
   */
  notChecked?: string[];
  /** The per-target JSON report, relative to the index. */
  report: string | null;
  /**
   * Each tool's whole canonical definition with its hash, as the code declares it and as a
   * probe listed it: the next run's diff names the field that changed. Absent in indexes
   * written before it, and when no tools were read.
   */
  definitions?: { static?: Record<string, PinnedDefinition>; probe?: Record<string, PinnedDefinition> };
  /** Why the target could not be audited (status error or unsupported). */
  error?: string;
}

export interface AuditIndex {
  schemaVersion: typeof INDEX_SCHEMA_VERSION;
  tool: { name: string; version: string };
  generatedAt: string;
  /** The inventory file, as given. */
  inventory: string | null;
  /** This output is one shard of a partitioned run (`i/n`, 1-based), or a merge of them. */
  shard: { index: number; count: number } | null;
  summary: {
    targets: number;
    pass: number;
    warn: number;
    fail: number;
    incomplete: number;
    errors: number;
    /**
     * Of the vetted targets, how many every applicable source answered for, and per source
     * that did not answer, for how many targets (`{ "osv": 2 }`: advisories not checked for 2).
     */
    coverage?: { complete: number; notChecked: Record<string, number> };
  };
  targets: IndexEntry[];
  /**
   * Present when the run did not finish (Ctrl-C, SIGTERM): the index holds only the targets
   * finished before the signal, and no diff.
   */
  partial?: { reason: "interrupted"; signal: string; finished: number; planned: number };
  /** The comparison with the baseline, when one was given. */
  diff?: AuditDiff;
}

export interface DiffFinding {
  key: string;
  id: string;
  title: string;
  severity: Severity;
}

/** What changed since a previous audit. */
export interface AuditDiff {
  baseline: { generatedAt: string; source: string };
  scoreThreshold: number;
  newTargets: string[];
  removedTargets: string[];
  newFindings: DiffFinding[];
  resolvedFindings: DiffFinding[];
  scoreChanges: { key: string; from: number | null; to: number | null; delta: number | null }[];
  newVersions: { key: string; from: string | null; to: string | null }[];
  newPublishers: { key: string; added: string[] }[];
  /**
   * Tool definitions that changed. `rugPull`: the same package version now declares a tool
   * differently: the published artefact cannot change, so something swapped what it serves.
   */
  toolChanges: {
    key: string;
    tool: string;
    change: "added" | "removed" | "changed";
    version: string | null;
    rugPull: boolean;
    /** Where the definitions compared came from: the code, or a probe's listing. */
    source?: "static" | "probe";
    /** For a changed tool whose definitions both runs kept: each field that changed, old and new. */
    fields?: FieldChange[];
  }[];
  /** Capabilities the code gained or lost between the runs: a server that starts spawning shells. */
  capabilityChanges: { key: string; gained: string[]; lost: string[]; version: string | null }[];
}

/** A report set: the index and the reports of the targets that could be vetted. */
export interface AuditResult {
  index: AuditIndex;
  /** Reports by target key, for the targets that could be vetted. */
  reports: Map<string, Report>;
}
