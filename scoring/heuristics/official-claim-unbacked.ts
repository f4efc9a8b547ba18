import { installedManifest } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft, Heuristic } from "../engine/types.js";
import { brandsInName, matchPublisher, PUBLISHERS, type Publisher } from "../knowledge/publishers.js";

/** "official", not negated ("unofficial", "not an official", "not affiliated … official"). */
const CLAIM = /(?<![a-z])(?<!not (?:an? |the )?)official(?:ly)?(?![a-z])/i;
const SNIPPET = 160;

/** Where the package calls itself official, with a short quote around the word. */
export function officialClaims(name: string, description: string | undefined, readme: string | undefined) {
  const out: { where: "name" | "description" | "README"; quote: string }[] = [];
  if (
    name
      .toLowerCase()
      .split(/[^a-z]+/)
      .includes("official")
  )
    out.push({ where: "name", quote: name });
  for (const [where, text] of [
    ["description", description],
    ["README", readme],
  ] as const) {
    if (!text) continue;
    const m = CLAIM.exec(text);
    if (!m) continue;
    const start = Math.max(0, m.index - 60);
    out.push({
      where,
      quote: text
        .slice(start, start + SNIPPET)
        .replace(/\s+/g, " ")
        .trim(),
    });
  }
  return out;
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
      const brands = brandsInName(`${m.name} ${claims.map((c) => c.quote).join(" ")}`, publishers);
      const vendor = brands[0];
      const draft: FindingDraft = {
        title: vendor ? `Claims to be the official ${vendor.organisation} server` : "Calls itself official",
        detail: `The ${claims.map((c) => c.where).join(", ")} say${claims.length === 1 ? "s" : ""} "official", but the package is not published under a scope or name of a known publisher${vendor ? ` (${vendor.organisation} publishes under ${[...vendor.npmScopes, ...(vendor.npmPackages ?? [])].join(", ") || "its own names"})` : ""}.`,
        evidence: claims.map((c) => ({
          file: c.where === "README" ? "README.md" : "package.json",
          snippet: c.quote,
        })),
        ...(vendor ? { severity: "high" as const } : {}),
      };
      return [draft];
    },
  );
}

export default create();
