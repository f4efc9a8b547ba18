import { installedManifest } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft } from "../engine/types.js";

export default defineHeuristic(
  {
    id: "provenance-invalid",
    category: "identity",
    title: "Signature or provenance does not match the package",
    rationale:
      "A registry signature or attestation that fails against its own key, or an attestation whose subject is another tarball, means the metadata or the tarball was altered after signing, or the attestation was copied from another package.",
    remediation:
      "Do not install this version. Compare with `npm audit signatures`, and report it to the registry and the maintainer.",
    severity: "high",
    needs: ["npm", "provenance"],
  },
  (evidence) => {
    const p = evidence.provenance.data;
    const m = installedManifest(evidence);
    if (!p || !m) return { unknown: "no provenance facts" };
    const url = p.attestationsUrl;
    const drafts: FindingDraft[] = [];
    if (p.signatures.status === "invalid") {
      drafts.push({
        title: "Registry signature does not verify",
        detail: `${p.signatures.detail}.`,
        evidence: [{ snippet: `dist.signatures keyid ${p.signatures.keyids.join(", ")}` }],
      });
    }
    for (const a of p.items) {
      if (a.verification === "invalid") {
        drafts.push({
          title: `${a.slsa ? "Provenance" : "Attestation"} signature does not verify`,
          detail: `${a.predicateType}: ${a.verificationDetail}.`,
          evidence: [url ? { url } : { snippet: a.predicateType }],
        });
      } else if (a.subjectMatchesTarball === false) {
        drafts.push({
          title: "Attestation is for a different tarball",
          detail: `The ${a.predicateType} statement's subject digest is not this version's sha512 integrity (${m.dist?.integrity ?? "?"}).`,
          evidence: [url ? { url } : { snippet: a.predicateType }],
        });
      }
    }
    return drafts;
  },
);
