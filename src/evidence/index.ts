/**
 * The Evidence model: everything mcp-vet collected about one target, as plain serialisable
 * data. Fetchers produce it; heuristics read it; nothing in it is a live object.
 *
 * Versioned: a change that removes or re-types a field bumps EVIDENCE_VERSION, so cached
 * evidence from an older mcp-vet is refetched rather than misread. So does a new field whose
 * absence means something (2: tools' `handler`; absent reads as "could not be linked").
 */

import type { GitHubFacts } from "./github.js";

export type * from "./github.js";

import type { CodeAnalysis } from "./code.js";

export type * from "./code.js";
export { CAPABILITY_IDS, CODE_LIMITS, INSTALL_HOOKS } from "./code.js";

import type { ConfigEntryEvidence } from "./config.js";

export * from "./config.js";

/** Part of the analysis cache key: raise it whenever the evidence shape or what the analysis finds changes. */
export const EVIDENCE_VERSION = 14 as const;

export type * from "./advisories.js";
export type * from "./deps.js";

import type { AdvisoryFacts } from "./advisories.js";
import type { DependencyTree } from "./deps.js";
import type { McpRegistryListing, ProvenanceFacts } from "./identity.js";

export type * from "./identity.js";

import type { ProbeFacts } from "./probe.js";

export type * from "./probe.js";
export { PROBE_LIMITS } from "./probe.js";
export type * from "./tool-definition.js";

/** What kind of thing was asked for. */
/** `tools`: a saved tool list (`mcp-vet tools FILE.json`); `remote`: a server at a url (`mcp-vet tools --url`). */
export type TargetKind = "registry" | "directory" | "tarball" | "github" | "config" | "tools" | "remote";

export interface TargetInfo {
  kind: TargetKind;
  /** The spec exactly as the user gave it. */
  spec: string;
  name: string;
  /** The resolved version; undefined until resolved (e.g. a folder without one). */
  version?: string;
  /** For registry targets, what was asked for: a range, tag or version. */
  requested?: string;
  /** Integrity of the tarball that was analysed (ssri string), when known. */
  integrity?: string;
}

/** Identifiers of the data sources. A new source adds an id here and a fetcher. */
export type SourceId =
  | "npm"
  | "tarball"
  | "dependencies"
  | "github"
  | "osv"
  | "mcp-registry"
  | "provenance"
  | "probe";

export interface SourceStatus {
  id: SourceId;
  status: "ok" | "unavailable" | "skipped";
  url?: string;
  fetchedAt?: string;
  /** One line, safe to print: never a token, never a stack. */
  error?: string;
  /** True when the answer came from the cache without contacting the source. */
  cached?: boolean;
  /** The target's deadline (`--timeout`) cut this source before it answered: the verdict is incomplete. */
  deadline?: boolean;
}

/**
 * A part of the evidence from one source: present, or the recorded reason it is not.
 * Heuristics that need a part must treat `unavailable` and `skipped` as "unknown".
 */
export type Part<T> =
  | { status: "ok"; data: T }
  | { status: "unavailable"; error: string }
  | { status: "skipped"; reason: string };

export interface Person {
  name?: string;
  email?: string;
}

export interface RepositoryRef {
  /** The url as the package wrote it. */
  raw: string;
  /** Normalised https url where it could be derived. */
  url?: string;
  /** For GitHub repositories: owner and repo. */
  host?: string;
  owner?: string;
  repo?: string;
  /** Monorepo sub-folder, from `repository.directory`. */
  directory?: string;
}

export interface LicenseInfo {
  /** The license expression as written, or undefined if none. */
  raw?: string;
  /** True when `raw` parses as an SPDX expression. */
  spdx: boolean;
}

/** One version's manifest, as the registry or the tarball's package.json states it. */
export interface Manifest {
  name: string;
  version: string;
  description?: string;
  keywords: string[];
  license: LicenseInfo;
  repository?: RepositoryRef;
  homepage?: string;
  /** The issue tracker's url, from `bugs` (a string or `{ url }`). */
  bugs?: string;
  /**
   * When `repository` is absent: the repository `homepage` or `bugs` points into on a known git
   * host (`https://github.com/o/r`, `…/o/r/issues`). Named, though not where tools look for it.
   */
  linkedRepository?: RepositoryRef;
  bin: Record<string, string>;
  scripts: Record<string, string>;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
  optionalDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  devDependencyCount: number;
  /** MCP registry name (`io.github.owner/name` or reverse-DNS), from package.json `mcpName`. */
  mcpName?: string;
  deprecated?: string;
  /** `gypfile: true` or a binding.gyp: npm will build native code at install. */
  gypfile?: boolean;
  /** Who published this version, from the packument's `_npmUser`. */
  publisher?: Person;
  maintainers?: Person[];
  dist?: DistInfo;
}

export interface DistInfo {
  tarball?: string;
  integrity?: string;
  shasum?: string;
  fileCount?: number;
  unpackedSize?: number;
  /** Registry signatures as listed; verification happens in a fetcher, not here. */
  signatures?: { keyid: string; sig: string }[];
  /** Pointer to npm provenance attestations, when the registry listed one. */
  attestations?: { url: string; predicateType?: string };
}

export interface VersionSummary {
  version: string;
  publishedAt?: string;
  deprecated?: boolean;
  publisher?: string;
  hasInstallScripts?: boolean;
}

/** Facts from the registry's full packument. */
export interface NpmFacts {
  name: string;
  registry: string;
  distTags: Record<string, string>;
  /** Every version the packument lists, oldest first by publish time where known. */
  versions: VersionSummary[];
  createdAt?: string;
  modifiedAt?: string;
  /** undefined: the registry did not say (partial mirrors drop this field). */
  maintainers?: Person[];
  /** The registry's manifest of the selected version. */
  manifest: Manifest;
  /**
   * Why the manifest's `dist.tarball` was not fetched: not https (a `file:` path, a git url,
   * plain http to another host). Set by collection; the tarball is then unavailable.
   */
  tarballUrlRefused?: string;
}

export interface PackageFile {
  path: string;
  size: number;
  /** Executable bit set in the tarball. */
  executable?: boolean;
}

/** What the tarball holds. Contents are analysed during collection, not stored. */
export interface PackageFiles {
  files: PackageFile[];
  totalSize: number;
  /** The tarball's own package.json: what npm actually installs and runs. */
  manifest?: Manifest;
  /** First part of the README, capped; hostile text, for display only after sanitising. */
  readme?: string;
  /** Set when a cap stopped reading: the list is partial. */
  truncated?: string;
  /**
   * Files whose contents were not read (over the per-file cap, past the analysis budget, a
   * package.json too large to parse): what the verdict cannot vouch for. Capped list;
   * `notReadCount` says how many there were.
   */
  notRead?: { path: string; size: number; reason: string }[];
  notReadCount?: number;
}

/** What the version before the one under vet shipped, to see what a release added. */
export interface PreviousVersion {
  version: string;
  /** preinstall / install / postinstall hooks it declared. */
  installScripts: string[];
  capabilities: { id: string; count: number }[];
  tools: { name: string; hash: string }[];
  dependencies: string[];
  /**
   * How its code was read: its whole analysis (stored from an earlier vet, or made now), or a
   * summary (the skim's capabilities over every code file; the tools of the files that declare
   * tools in the version under vet). Absent in evidence from before this field: an analysis.
   */
  read?: "analysis" | "summary";
  /** With a summary: the same summary of the version under vet, to compare like with like. */
  compareWith?: { id: string; count: number }[];
}

export interface Evidence {
  evidenceVersion: typeof EVIDENCE_VERSION;
  /** The run's clock: heuristics measure ages against this, never against Date.now(). */
  collectedAt: string;
  target: TargetInfo;
  npm: Part<NpmFacts>;
  package: Part<PackageFiles>;
  github: Part<GitHubFacts>;
  dependencies: Part<DependencyTree>;
  advisories: Part<AdvisoryFacts>;
  /** What the package's own code can do, read statically from the tarball's files. */
  code: Part<CodeAnalysis>;
  provenance: Part<ProvenanceFacts>;
  mcpRegistry: Part<McpRegistryListing>;
  /** The client config entry that launches this server (`mcp-vet config`); skipped otherwise. */
  config: Part<ConfigEntryEvidence>;
  previous: Part<PreviousVersion>;
  /** What the server did when installed and started in a sandbox (`--probe`); skipped unless asked. */
  probe: Part<ProbeFacts>;
  sources: SourceStatus[];
  /** Things that were malformed or odd in the inputs, in one line each. */
  notes: string[];
}

/** The keys of Evidence that hold a source's part; heuristics name these in `needs`. */
export type PartKey = {
  [K in keyof Evidence]-?: Evidence[K] extends Part<unknown> ? K : never;
}[keyof Evidence];

/** What a present part holds. */
export type PartData<P> = P extends { status: "ok"; data: infer T } ? T : never;

/**
 * Evidence whose parts named in K are known to be present: what a heuristic that `needs` them
 * is handed, so it reads `evidence.code.data` without checking the status again.
 */
export type EvidenceWith<K extends PartKey> = Omit<Evidence, K> & {
  [P in K]: { status: "ok"; data: PartData<Evidence[P]> };
};

/** The manifest heuristics should trust: the tarball's, else the registry's. */
export function installedManifest(evidence: Pick<Evidence, "package" | "npm">): Manifest | undefined {
  if (evidence.package.status === "ok" && evidence.package.data.manifest) {
    return evidence.package.data.manifest;
  }
  return evidence.npm.status === "ok" ? evidence.npm.data.manifest : undefined;
}
