import dormantThenPublished from "./heuristics/dormant-then-published.js";
import installScripts from "./heuristics/install-scripts.js";
import mcpRegistryNamespaceMismatch from "./heuristics/mcp-registry-namespace-mismatch.js";
import officialClaimUnbacked from "./heuristics/official-claim-unbacked.js";
import provenanceInvalid from "./heuristics/provenance-invalid.js";
import provenanceMissing from "./heuristics/provenance-missing.js";
import provenanceRepoMismatch from "./heuristics/provenance-repo-mismatch.js";
import provenanceUntrustedBuilder from "./heuristics/provenance-untrusted-builder.js";
import publisherChanged from "./heuristics/publisher-changed.js";
import typosquat from "./heuristics/typosquat.js";
import vendorBrandUnofficialScope from "./heuristics/vendor-brand-unofficial-scope.js";
import vendorPublished from "./heuristics/vendor-published.js";
import type { Heuristic } from "./types.js";

/** Every heuristic mcp-vet runs, in report order. Adding one: its file, its test, one line here. */
export const HEURISTICS: readonly Heuristic[] = [
  installScripts,
  vendorPublished,
  officialClaimUnbacked,
  vendorBrandUnofficialScope,
  typosquat,
  mcpRegistryNamespaceMismatch,
  provenanceMissing,
  provenanceInvalid,
  provenanceRepoMismatch,
  provenanceUntrustedBuilder,
  publisherChanged,
  dormantThenPublished,
];
