import { installedManifest } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { Heuristic } from "../engine/types.js";
import { PUBLISHERS, type Publisher, publisherOfPackage } from "../knowledge/publishers.js";

export function create(publishers: readonly Publisher[] = PUBLISHERS): Heuristic {
  return defineHeuristic(
    {
      id: "provenance-missing",
      category: "identity",
      title: "No build provenance",
      rationale:
        "npm provenance is a signed statement of which repository, commit and CI workflow built the tarball. Without it nothing ties the code you install to the code you can read, and a stolen npm token is enough to publish anything.",
      remediation:
        "Ask the maintainer to publish from CI with `npm publish --provenance` or npm trusted publishing; meanwhile compare the tarball with the repository before trusting it.",
      severity: "low",
      needs: ["npm", "provenance"],
    },
    (evidence) => {
      const p = evidence.provenance.data;
      const m = installedManifest(evidence);
      if (!p || !m) return { unknown: "no provenance facts" };
      if (p.attestations === "unknown")
        return { unknown: "the registry could not say whether attestations exist" };
      if (p.attestations === "present" && p.items.some((i) => i.slsa)) return [];
      // A vendor has a CI pipeline and a reputation to protect: missing provenance there is a lapse.
      const vendor = publisherOfPackage(m.name, publishers);
      const onlyPublish = p.attestations === "present";
      return [
        {
          title: onlyPublish
            ? "Only a publish attestation, no build provenance"
            : "Published without provenance",
          detail: `${m.name}@${m.version} has ${onlyPublish ? "npm's publish attestation but no SLSA build provenance" : "no npm provenance attestation"}: nothing ties the tarball to a repository and commit.`,
          evidence: [{ url: p.attestationsUrl ?? `npm:${m.name}@${m.version}` }],
          ...(vendor ? { severity: "medium" as const } : {}),
        },
      ];
    },
  );
}

export default create();
