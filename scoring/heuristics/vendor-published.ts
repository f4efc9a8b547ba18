import { installedManifest } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { Heuristic } from "../engine/types.js";
import {
  matchPublisher,
  namespaceOf,
  PUBLISHERS,
  type Publisher,
  publisherOfGithubOwner,
} from "../knowledge/publishers.js";

export function create(publishers: readonly Publisher[] = PUBLISHERS): Heuristic {
  return defineHeuristic(
    {
      id: "vendor-published",
      category: "identity",
      title: "Published by the service's own organisation",
      rationale:
        "A server published under the vendor's own npm scope (which only the vendor can publish to) is the vendor's code, maintained by the people who run the service. The seed guidance prefers these.",
      remediation: "Nothing to do: prefer this package over third-party servers for the same service.",
      severity: "info",
      needs: ["npm"],
    },
    (evidence) => {
      const m = installedManifest(evidence);
      if (!m) return { unknown: "no manifest" };
      const match = matchPublisher(m, publishers);
      if (!match) return [];
      const p = match.publisher;
      const how = [
        `npm ${m.name.startsWith("@") ? `scope ${m.name.split("/")[0]}` : `package ${m.name}`} belongs to ${p.organisation}`,
      ];
      if (match.byRepository) how.push(`repository is in the ${m.repository?.owner} GitHub organisation`);
      if (match.byNamespace) how.push(`MCP name ${m.mcpName} is in ${p.organisation}'s namespace`);
      const prov =
        evidence.provenance.status === "ok" ? evidence.provenance.data.items.find((i) => i.slsa) : undefined;
      if (prov?.slsa?.sourceOwner && publisherOfGithubOwner(prov.slsa.sourceOwner, [p])) {
        how.push(`provenance shows it was built from ${prov.slsa.sourceRepository}`);
      }
      const listed =
        evidence.mcpRegistry.status === "ok" &&
        evidence.mcpRegistry.data.servers.some(
          (s) =>
            (p.mcpNamespaces ?? []).includes(namespaceOf(s.name) ?? "") &&
            s.packages.some((k) => k.registryType === "npm" && k.identifier === m.name),
        );
      if (listed) how.push(`listed in the MCP registry under ${p.organisation}'s namespace`);
      return [
        {
          title: `Published by ${p.organisation}`,
          detail: `${how.join("; ")}.`,
          evidence: [{ file: "package.json", snippet: `"name": ${JSON.stringify(m.name)}` }],
          credit: true,
        },
      ];
    },
  );
}

export default create();
