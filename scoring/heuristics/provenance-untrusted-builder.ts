import { installedManifest } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { Heuristic } from "../engine/types.js";
import {
  PUBLISHERS,
  type Publisher,
  publisherOfGithubOwner,
  publisherOfPackage,
} from "../knowledge/publishers.js";

const ownerOf = (identity: string) => /^https:\/\/[^/]+\/([^/]+)\//.exec(identity)?.[1];

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
      const p = evidence.provenance.data;
      const m = installedManifest(evidence);
      if (!p || !m) return { unknown: "no provenance facts" };
      const vendor = publisherOfPackage(m.name, publishers);
      if (!vendor) return [];
      return p.items.flatMap((a) => {
        // The repository the statement names, and the account the signing certificate was issued to.
        const owners = [a.slsa?.sourceOwner, a.signerIdentity ? ownerOf(a.signerIdentity) : undefined].filter(
          (o): o is string => !!o,
        );
        const outsider = owners.find((o) => !publisherOfGithubOwner(o, [vendor]));
        if (!outsider) return [];
        return [
          {
            title: `${vendor.organisation} package built from ${outsider}'s account`,
            detail: `${m.name} is in ${vendor.organisation}'s scope, but its provenance ${a.slsa?.sourceRepository ? `names ${a.slsa.sourceRepository}` : ""}${a.signerIdentity ? ` and was signed by ${a.signerIdentity}` : ""}; ${outsider} is not one of ${vendor.githubOrgs.join(", ")}. Builder: ${a.slsa?.builderId ?? "unknown"}.`,
            evidence: [
              { url: a.slsa?.sourceRepository ?? a.signerIdentity ?? p.attestationsUrl ?? `npm:${m.name}` },
            ],
          },
        ];
      });
    },
  );
}

export default create();
