import { installedManifest, type Manifest } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { Heuristic } from "../engine/types.js";
import popular from "../knowledge/popular-servers.json" with { type: "json" };
import {
  matchPublisher,
  namespaceOf,
  PUBLISHERS,
  type Publisher,
  publisherOfDomainNamespace,
  publisherOfGithubOwner,
  publisherOfPackage,
  scopeOf,
} from "../knowledge/publishers.js";
import { findConfusions } from "../knowledge/typosquat.js";
import { officialClaims } from "./shared/official.js";
import { type PopularFile, referenceNames } from "./typosquat.js";

interface LookAlike {
  publisher?: Publisher;
  what: string;
  snippet: string;
}

/**
 * How the package dresses as a known publisher's: a name that imitates an official package, a
 * scope carrying the publisher's brand, an MCP name in the publisher's namespace, or the MCP
 * registry's entry for its MCP name pointing at another package.
 */
function lookAlikes(
  m: Manifest,
  publishers: readonly Publisher[],
  reference: ReturnType<typeof referenceNames>,
  subject: { createdAt?: string; downloadsPerMonth?: number; now: string },
  registryPackages: string[] | undefined,
): LookAlike[] {
  const out: LookAlike[] = [];
  const name = `"name": ${JSON.stringify(m.name)}`;
  // A likeness typosquat would grade medium or more: an affix variant alone is how honest
  // community servers are named.
  const official = findConfusions(
    {
      name: m.name,
      createdAt: subject.createdAt,
      downloadsPerMonth: subject.downloadsPerMonth,
      official: false,
    },
    reference.filter((r) => r.official),
    subject.now,
  ).find((c) => c.score >= 0.6);
  if (official)
    out.push({
      publisher: publisherOfPackage(official.target.name, publishers),
      what: `its name imitates the official ${official.target.name} (${official.reason})`,
      snippet: name,
    });
  const scope = scopeOf(m.name);
  if (scope) {
    const p = publishers.find((x) => (x.brands ?? []).some((b) => scope.includes(b)));
    if (p)
      out.push({
        publisher: p,
        what: `its scope ${scope} carries ${p.organisation}'s name but is not ${p.organisation}'s (${p.npmScopes.join(", ") || "none"})`,
        snippet: name,
      });
  }
  const ns = m.mcpName ? namespaceOf(m.mcpName) : undefined;
  if (ns) {
    const p = ns.startsWith("io.github.")
      ? publisherOfGithubOwner(ns.slice("io.github.".length), publishers)
      : publisherOfDomainNamespace(ns, publishers);
    if (p)
      out.push({
        publisher: p,
        what: `its MCP name ${m.mcpName} is in ${p.organisation}'s namespace`,
        snippet: `"mcpName": ${JSON.stringify(m.mcpName)}`,
      });
  }
  if (registryPackages && registryPackages.length > 0 && !registryPackages.includes(m.name))
    out.push({
      what: `the MCP registry lists ${m.mcpName} for ${registryPackages.join(", ")}`,
      snippet: `"mcpName": ${JSON.stringify(m.mcpName)}`,
    });
  return out;
}

export function create(
  publishers: readonly Publisher[] = PUBLISHERS,
  list: PopularFile = popular,
): Heuristic {
  const reference = referenceNames(publishers, list);
  const downloads = new Map(list.servers.map((s) => [s.name, s.downloadsPerMonth]));
  return defineHeuristic(
    {
      id: "impersonation",
      category: "identity",
      title: "Claims to be official under a look-alike of an official name",
      rationale:
        "Calling itself official is the package's own word (official-claim-unbacked); a name, scope or MCP name that imitates a known publisher's is a look-alike (typosquat, vendor-brand-unofficial-scope, mcp-registry-namespace-mismatch). Either alone has innocent explanations; together they are an impostor's shape: it wants to be taken for the publisher's server, and will hold the credentials meant for it.",
      remediation:
        "Do not install it. Install the publisher's own package (its scope is listed in scoring/knowledge/publishers.json, or in the MCP registry under the publisher's namespace).",
      severity: "critical",
      needs: ["npm"],
    },
    (evidence) => {
      const m = installedManifest(evidence);
      if (!m) return { unknown: "no manifest" };
      if (matchPublisher(m, publishers)) return [];
      // Signed provenance from the publisher's own organisation: its package, under a new name.
      const builtBy =
        evidence.provenance.status === "ok"
          ? evidence.provenance.data.items
              .filter((a) => a.verification === "verified" && a.subjectMatchesTarball !== false)
              .map((a) => a.slsa?.sourceOwner)
          : [];
      if (builtBy.some((o) => publisherOfGithubOwner(o, publishers))) return [];
      const readme = evidence.package.status === "ok" ? evidence.package.data.readme : undefined;
      const claims = officialClaims(m.name, m.description, readme);
      if (claims.length === 0) return [];
      const listing =
        evidence.mcpRegistry.status === "ok" && m.mcpName
          ? evidence.mcpRegistry.data.servers.find((s) => s.name.toLowerCase() === m.mcpName!.toLowerCase())
          : undefined;
      const looks = lookAlikes(
        m,
        publishers,
        reference,
        {
          createdAt: evidence.npm.data.createdAt,
          downloadsPerMonth: downloads.get(m.name),
          now: evidence.collectedAt,
        },
        listing?.packages.filter((k) => k.registryType === "npm").map((k) => k.identifier),
      );
      if (looks.length === 0) return [];
      const who = looks.find((l) => l.publisher)?.publisher;
      return [
        {
          title: who
            ? `Impersonates ${who.organisation}: calls itself official under a look-alike name`
            : "Calls itself official under a look-alike of an official name",
          detail: `The ${claims.map((c) => c.where).join(", ")} say${claims.length === 1 ? "s" : ""} it is official, and ${looks.map((l) => l.what).join("; ")}. It is not published under a scope or name of ${who ? who.organisation : "a known publisher"}.`,
          evidence: [
            ...claims.map((c) => ({
              file: c.where === "README" ? "README.md" : "package.json",
              snippet: c.quote,
            })),
            ...looks.map((l) => ({ file: "package.json", snippet: l.snippet })),
          ],
        },
      ];
    },
  );
}

export default create();
