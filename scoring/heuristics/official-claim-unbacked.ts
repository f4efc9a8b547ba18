import { installedManifest } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft, Heuristic } from "../engine/types.js";
import {
  brandsInName,
  matchPublisher,
  PUBLISHERS,
  type Publisher,
  scopeOf,
} from "../knowledge/publishers.js";
import { officialClaims } from "./shared/official.js";

export { officialClaims } from "./shared/official.js";

/**
 * The claim names the package's own scope: the scope as one word ("draw.io" under @drawio), or
 * its main part ("Perplexity" under @perplexity-ai).
 */
function namesScope(text: string, scope: string | undefined): boolean {
  if (!scope) return false;
  const lower = text.toLowerCase();
  const compact = scope.slice(1).replace(/[^a-z0-9]/g, "");
  if (compact.length >= 4 && lower.replace(/[^a-z0-9]/g, "").includes(compact)) return true;
  const words = new Set(lower.split(/[^a-z0-9]+/));
  return scope
    .slice(1)
    .split(/[^a-z0-9]+/)
    .some((part) => part.length >= 4 && words.has(part));
}

export function create(publishers: readonly Publisher[] = PUBLISHERS): Heuristic {
  return defineHeuristic(
    {
      id: "official-claim-unbacked",
      category: "identity",
      title: "Claims to be official without evidence",
      rationale:
        "Impostor servers borrow trust by calling themselves official. mcp-vet counts a package as official only when it is published under a scope or name the organisation owns (scoring/knowledge/publishers.json); a claim in the name, description or README is the package's own word.",
      remediation:
        "Use the organisation's own package (look it up on the vendor's site or in the MCP registry under the vendor's namespace), or treat this one as third-party code.",
      severity: "medium",
      needs: ["npm"],
    },
    (evidence) => {
      const m = installedManifest(evidence);
      if (!m) return { unknown: "no manifest" };
      if (matchPublisher(m, publishers)) return [];
      const readme = evidence.package.status === "ok" ? evidence.package.data.readme : undefined;
      const claims = officialClaims(m.name, m.description, readme);
      if (claims.length === 0) return [];
      // The brand is read from the name and what the claiming sentences say, not from links.
      const brands = brandsInName(`${m.name} ${claims.map((c) => c.text).join(" ")}`, publishers);
      const vendor = brands[0];
      // "The official … server for LaunchDarkly" under @launchdarkly, a vendor mcp-vet does not
      // list: a company naming its own scope. npm lets only the scope's owners publish there.
      const ownScope =
        !vendor && claims.some((c) => c.where !== "name" && namesScope(c.text, scopeOf(m.name)));
      const draft: FindingDraft = {
        title: vendor
          ? `Claims to be the official ${vendor.organisation} server`
          : ownScope
            ? `Calls itself official for ${scopeOf(m.name)}, its own npm scope`
            : "Calls itself official",
        detail: `The ${claims.map((c) => c.where).join(", ")} say${claims.length === 1 ? "s" : ""} "official", but the package is not published under a scope or name of a known publisher${vendor ? ` (${vendor.organisation} publishes under ${[...vendor.npmScopes, ...(vendor.npmPackages ?? [])].join(", ") || "its own names"})` : ""}.`,
        evidence: claims.map((c) => ({
          file: c.where === "README" ? "README.md" : "package.json",
          snippet: c.quote,
        })),
        ...(vendor ? { severity: "high" as const } : ownScope ? { severity: "low" as const } : {}),
      };
      return [draft];
    },
  );
}

export default create();
