import { installedManifest } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { Heuristic } from "../engine/types.js";
import {
  brandsInName,
  PUBLISHERS,
  type Publisher,
  publisherOfGithubOwner,
  publisherOfPackage,
  scopeOf,
} from "../knowledge/publishers.js";

export function create(publishers: readonly Publisher[] = PUBLISHERS): Heuristic {
  return defineHeuristic(
    {
      id: "vendor-brand-unofficial-scope",
      category: "identity",
      title: "Uses a vendor's name outside the vendor's scope",
      rationale:
        "A package named after a service but published by someone else is third-party code that will hold that service's credentials. Many are honest community servers; some are impostors. Either way the user should know it is not the vendor's.",
      remediation:
        "Check whether the vendor publishes its own server (scoring/knowledge/publishers.json lists known ones) and prefer it; otherwise review this package as third-party code.",
      severity: "low",
      needs: ["npm"],
    },
    (evidence) => {
      const m = installedManifest(evidence);
      if (!m) return { unknown: "no manifest" };
      // A known publisher naming another's product (the reference servers, @cloudflare/playwright-mcp)
      // is a known party; only strangers are reported.
      if (publisherOfPackage(m.name, publishers)) return [];
      const owner = m.repository?.host === "github.com" ? m.repository.owner : undefined;
      // Only signed provenance says where the tarball was built; package.json's `repository`
      // is whatever its author wrote, an impostor included.
      const builtBy =
        evidence.provenance.status === "ok"
          ? evidence.provenance.data.items
              .filter((a) => a.verification === "verified" && a.subjectMatchesTarball !== false)
              .map((a) => a.slsa?.sourceOwner)
              .filter((o): o is string => !!o)
          : [];
      const scope = scopeOf(m.name);
      return brandsInName(m.name, publishers)
        .filter((p) => !builtBy.some((o) => publisherOfGithubOwner(o, [p])))
        .map((p) => {
          const inScope = scope !== undefined && (p.brands ?? []).some((b) => scope.includes(b));
          const claimsVendorRepo = publisherOfGithubOwner(owner, [p]) !== undefined;
          const where = [...p.npmScopes, ...(p.npmPackages ?? [])].join(", ");
          return {
            title: `Named after ${p.organisation} but not published by ${p.organisation}`,
            detail: `${m.name} uses ${p.organisation}'s name${inScope ? `, even in its scope ${scope},` : ""} but is not published under ${where || `a name ${p.organisation} owns`}${
              claimsVendorRepo
                ? `; its package.json names ${p.organisation}'s repository (${owner}), which no verified provenance confirms`
                : owner
                  ? ` and its repository belongs to ${owner}`
                  : ""
            }.`,
            evidence: [{ file: "package.json", snippet: `"name": ${JSON.stringify(m.name)}` }],
            // A vendor's repository claimed but unproven: likely the vendor's own unscoped
            // package, worth knowing, not worth a penalty.
            ...(claimsVendorRepo
              ? { severity: "info" as const }
              : inScope
                ? { severity: "medium" as const }
                : {}),
          };
        });
    },
  );
}

export default create();
