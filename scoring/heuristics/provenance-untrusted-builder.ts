import { installedManifest } from "../../src/evidence/index.js";
import { defineHeuristic } from "../heuristic.js";
import { PUBLISHERS, type Publisher, publisherOfGithubOwner, publisherOfPackage } from "../publishers.js";
import type { Heuristic } from "../types.js";

export function create(publishers: readonly Publisher[] = PUBLISHERS): Heuristic {
  return defineHeuristic(
    {
      id: "provenance-untrusted-builder",
      category: "identity",
      title: "Vendor package built outside the vendor's organisation",
      rationale:
        "A package in a vendor's npm scope should be built by the vendor's own CI. Provenance from a fork or a personal account means someone with publish rights built it elsewhere: a leaked token or a compromised maintainer account.",
      remediation:
        "Do not install this version until the vendor confirms it; use the previous version built from the vendor's organisation.",
      severity: "high",
      needs: ["npm", "provenance"],
    },
    (evidence) => {
      const p = evidence.provenance.status === "ok" ? evidence.provenance.data : undefined;
      const m = installedManifest(evidence);
      if (!p || !m) return { unknown: "no provenance facts" };
      const vendor = publisherOfPackage(m.name, publishers);
      if (!vendor) return [];
      return p.items.flatMap((a) => {
        const owner = a.slsa?.sourceOwner;
        if (!owner || publisherOfGithubOwner(owner, [vendor])) return [];
        return [
          {
            title: `${vendor.organisation} package built from ${owner}'s repository`,
            detail: `${m.name} is in ${vendor.organisation}'s scope, but its provenance says it was built from ${a.slsa?.sourceRepository} (owner ${owner} is not one of ${vendor.githubOrgs.join(", ")}) by ${a.slsa?.builderId ?? "an unknown builder"}.`,
            evidence: [{ url: a.slsa?.sourceRepository ?? p.attestationsUrl }],
          },
        ];
      });
    },
  );
}

export default create();
