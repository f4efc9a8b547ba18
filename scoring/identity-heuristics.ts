import { create as mcpRegistryNamespaceMismatch } from "./heuristics/mcp-registry-namespace-mismatch.js";
import { create as officialClaimUnbacked } from "./heuristics/official-claim-unbacked.js";
import { create as provenanceMissing } from "./heuristics/provenance-missing.js";
import { create as provenanceUntrustedBuilder } from "./heuristics/provenance-untrusted-builder.js";
import { create as typosquat } from "./heuristics/typosquat.js";
import { create as vendorBrandUnofficialScope } from "./heuristics/vendor-brand-unofficial-scope.js";
import { create as vendorPublished } from "./heuristics/vendor-published.js";
import { mergePublishers, PUBLISHERS, type Publisher } from "./publishers.js";
import type { Heuristic } from "./types.js";

/**
 * The heuristics whose judgement depends on the known-publisher list, rebuilt for a policy that
 * adds its own publishers. The registry holds them built with the shipped list; the engine swaps
 * these in by id (`withPolicyPublishers`) when a policy has `publishers`.
 */
export function publisherHeuristics(publishers: readonly Publisher[]): Heuristic[] {
  return [
    vendorPublished(publishers),
    officialClaimUnbacked(publishers),
    vendorBrandUnofficialScope(publishers),
    typosquat(publishers),
    mcpRegistryNamespaceMismatch(publishers),
    provenanceMissing(publishers),
    provenanceUntrustedBuilder(publishers),
  ];
}

/** `heuristics` with the publisher-dependent ones rebuilt for the shipped list plus `extra`. Pure. */
export function withPolicyPublishers(
  heuristics: readonly Heuristic[],
  extra: readonly Publisher[],
): Heuristic[] {
  if (extra.length === 0) return [...heuristics];
  const rebuilt = new Map(
    publisherHeuristics(mergePublishers(PUBLISHERS, extra)).map((h) => [h.definition.id, h]),
  );
  return heuristics.map((h) => rebuilt.get(h.definition.id) ?? h);
}
