import type { ConfigEntryEvidence, Manifest, NpmFacts, Part, SourceId } from "../evidence/index.js";
import type { FetchContext } from "./context.js";
import type { ProbeOptions } from "./sources/probe/index.js";
import type { TargetSpec } from "./target.js";

/** What one source answered: its evidence part, and what the report's sources[] says of it. */
export interface Collected<T> {
  part: Part<T>;
  /** Where it was asked, credentials removed (a local path as given). */
  url?: string;
  /** True when the cache answered without asking the source (npm says false too). */
  cached?: boolean;
  /** Odd or malformed things it met, one line each. */
  notes?: string[];
  /** When it answered (the report says when each source answered). */
  at?: string;
  /** The target's deadline cut it before it answered. */
  cut?: boolean;
}

/** A source's answer with the time it came. */
export async function answered<T>(answer: Promise<Collected<T>>): Promise<Collected<T>> {
  const c = await answer;
  return { ...c, at: new Date().toISOString() };
}

/** Where a vet is, in the order a single vet passes through it. */
export type ProgressEvent =
  | { phase: "resolving"; spec: string }
  | { phase: "tarball"; name: string; version?: string }
  | { phase: "analysing"; files: number }
  | { phase: "tree"; packages?: number }
  | { phase: "advisories"; packages: number };

export interface CollectOptions {
  /** Told where the collection is, for a progress line; never does I/O of its own here. */
  progress?: (event: ProgressEvent) => void;
  /** The client-config entry that starts this server, when vetting from a config file. */
  config?: ConfigEntryEvidence;
  /** Skip the dependency tree (OSV then checks the package alone). */
  noDeps?: boolean;
  /** Widen the tree to devDependencies. */
  includeDev?: boolean;
  /** Install and start the server in a sandbox and watch it (`--probe`). */
  probe?: ProbeOptions;
}

/**
 * What the primary sources (the registry, then the tarball) established. Every other source
 * starts from it: the repository to read, the version to look up, the manifest npm installs.
 */
export interface Seed {
  target: TargetSpec;
  name: string;
  version?: string;
  npm: Part<NpmFacts>;
  /** The manifest npm installs: the tarball's package.json, else the registry's. */
  manifest?: Manifest;
  /** The registry's manifest of the version under vet; absent for local targets. */
  registryManifest?: Manifest;
  /** When the registry says that version was published. */
  publishedAt?: string;
  /** The registry's manifest of the release this one follows (its semver predecessor). */
  previousManifest?: Manifest;
  options: CollectOptions;
}

/**
 * One source of evidence. It never throws for a source failure: it answers with a Part that
 * is `unavailable` (with the reason) or `skipped` (with why it does not apply). Adding a
 * source is one of these, its Evidence part and a fixture-server face.
 */
export interface Source<T, S = Seed> {
  /** Its line in the report's sources[]; sources without one feed another part only. */
  id: SourceId | "previous";
  collect(ctx: FetchContext, seed: S): Promise<Collected<T>>;
}

/** A part for a source that needs the registry: skipped for local targets, unavailable when the registry failed. */
export function registryOnly<T>(npm: Part<NpmFacts>, reason: string): Collected<T> {
  return {
    part:
      npm.status === "unavailable"
        ? { status: "unavailable", error: "the registry did not answer" }
        : { status: "skipped", reason },
  };
}
