import { installedManifest, type Manifest } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft, Heuristic } from "../engine/types.js";
import {
  namespaceDomain,
  namespaceOf,
  PUBLISHERS,
  type Publisher,
  publisherOfDomainNamespace,
  publisherOfPackage,
} from "../knowledge/publishers.js";

function namespaceDrafts(m: Manifest, publishers: readonly Publisher[]): FindingDraft[] {
  const ns = m.mcpName ? namespaceOf(m.mcpName) : undefined;
  if (!ns || !m.mcpName) return [];
  const where = [{ file: "package.json", snippet: `"mcpName": ${JSON.stringify(m.mcpName)}` }];
  const vendor = publisherOfPackage(m.name, publishers);
  if (ns.startsWith("io.github.")) {
    const claimed = ns.slice("io.github.".length);
    const owner = m.repository?.host === "github.com" ? m.repository.owner : undefined;
    if (!owner || owner.toLowerCase() === claimed) return [];
    return [
      {
        title: `MCP namespace io.github.${claimed} does not match the repository owner ${owner}`,
        detail: `The MCP registry grants io.github.<owner> to that GitHub account; this package's repository belongs to ${owner}.`,
        evidence: where,
      },
    ];
  }
  const claimedBy = publisherOfDomainNamespace(ns, publishers);
  if (claimedBy && claimedBy !== vendor) {
    return [
      {
        title: `MCP name in ${claimedBy.organisation}'s namespace, package not published by ${claimedBy.organisation}`,
        detail: `${ns} belongs to ${claimedBy.organisation} (${(claimedBy.domains ?? []).join(", ")}), but ${m.name} is not under ${claimedBy.npmScopes.join(", ") || "its npm names"}.`,
        evidence: where,
        severity: "high",
      },
    ];
  }
  if (vendor && !claimedBy) {
    return [
      {
        title: `${vendor.organisation} package uses a namespace outside ${vendor.organisation}'s domains`,
        detail: `${ns} (${namespaceDomain(ns) ?? "no domain"}) is not one of ${vendor.organisation}'s namespaces or domains (${[...(vendor.mcpNamespaces ?? []), ...(vendor.domains ?? [])].join(", ")}).`,
        evidence: where,
        severity: "low",
      },
    ];
  }
  return [];
}

export function create(publishers: readonly Publisher[] = PUBLISHERS): Heuristic {
  return defineHeuristic(
    {
      id: "mcp-registry-namespace-mismatch",
      category: "identity",
      title: "MCP registry name does not match who publishes the package",
      rationale:
        "The MCP registry proves namespace ownership (GitHub login for io.github.<owner>, DNS for reverse-DNS names). A package whose `mcpName` claims someone else's namespace, or whose registry listing points elsewhere, is borrowing an identity it cannot prove.",
      remediation:
        "Install the package the MCP registry lists under the namespace's owner, or ask the maintainer to use a namespace they own.",
      severity: "medium",
      needs: ["npm"],
    },
    (evidence) => {
      const m = installedManifest(evidence);
      if (!m) return { unknown: "no manifest" };
      const drafts = namespaceDrafts(m, publishers);
      if (evidence.mcpRegistry.status !== "ok" || !m.mcpName) return drafts;
      const reg = evidence.mcpRegistry.data;
      const ours = reg.servers.find((s) => s.name.toLowerCase() === m.mcpName!.toLowerCase());
      const npmIds = ours?.packages.filter((k) => k.registryType === "npm").map((k) => k.identifier) ?? [];
      if (ours && npmIds.length > 0 && !npmIds.includes(m.name)) {
        drafts.push({
          title: `The MCP registry lists ${ours.name} for another package`,
          detail: `Registry entry ${ours.name} points to ${npmIds.join(", ")}, not ${m.name}: this package uses a name whose owner published something else.`,
          evidence: [{ url: `${reg.registryUrl}/v0/servers?search=${encodeURIComponent(reg.query)}` }],
          severity: "high",
        });
      }
      const elsewhere = reg.servers.filter(
        (s) => s !== ours && s.packages.some((k) => k.registryType === "npm" && k.identifier === m.name),
      );
      for (const s of elsewhere.slice(0, 3)) {
        drafts.push({
          title: `Listed in the MCP registry as ${s.name}, not ${m.mcpName}`,
          detail: `The registry entry ${s.name} points to ${m.name}, whose package.json says ${m.mcpName}.`,
          evidence: [{ url: `${reg.registryUrl}/v0/servers?search=${encodeURIComponent(reg.query)}` }],
          severity: "low",
        });
      }
      return drafts;
    },
  );
}

export default create();
