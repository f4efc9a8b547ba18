import binEntries from "./heuristics/bin-entries.js";
import deprecated from "./heuristics/deprecated.js";
import installScripts from "./heuristics/install-scripts.js";
import license from "./heuristics/license.js";
import manifestMismatch from "./heuristics/manifest-mismatch.js";
import mcpName from "./heuristics/mcp-name.js";
import newPackage from "./heuristics/new-package.js";
import newVersion from "./heuristics/new-version.js";
import releaseCadence from "./heuristics/release-cadence.js";
import releaseRecency from "./heuristics/release-recency.js";
import repositoryMissing from "./heuristics/repository-missing.js";
import versionMaturity from "./heuristics/version-maturity.js";
import type { Heuristic } from "./types.js";

/** Every heuristic mcp-vet runs, in report order. Adding one: its file, its test, one line here. */
export const HEURISTICS: readonly Heuristic[] = [
  // maintenance
  releaseRecency,
  releaseCadence,
  deprecated,
  versionMaturity,
  // identity
  newPackage,
  repositoryMissing,
  mcpName,
  // supply chain
  installScripts,
  manifestMismatch,
  newVersion,
  license,
  // permissions
  binEntries,
];
