import { installedManifest } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";

/**
 * The MCP registry ties a server to an npm package through `mcpName` in package.json. This
 * heuristic checks that the name is there and well-formed, and that an `io.github.<owner>`
 * name has a GitHub repository to be checked against; whether the owner or domain matches is
 * mcp-registry-namespace-mismatch's finding.
 */
export default defineHeuristic(
  {
    id: "mcp-name",
    category: "identity",
    title: "Declared MCP server identity",
    rationale:
      "`mcpName` is the server's identity in the official MCP registry. A name that does not match the repository owner claims an identity the publisher may not hold.",
    remediation:
      "Check that the package, its repository and its MCP registry entry belong to the same owner.",
    severity: "medium",
    needs: ["package"],
  },
  (evidence) => {
    const m = installedManifest(evidence);
    if (!m) return { unknown: "no package.json" };
    if (!m.mcpName) {
      return [
        {
          severity: "info",
          title: "No `mcpName`: not linked to the MCP registry",
          detail:
            "package.json declares no MCP registry name, so the registry cannot vouch for this package.",
          evidence: [{ file: "package.json" }],
          remediation:
            "Prefer servers listed in the MCP registry, whose package declares the matching `mcpName`.",
        },
      ];
    }
    const gh = /^io\.github\.([^/]+)\/(.+)$/i.exec(m.mcpName);
    if (!gh) {
      if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+\/[\w.-]+$/i.test(m.mcpName)) {
        return [
          {
            severity: "medium",
            title: "`mcpName` is not a valid registry name",
            detail: `"${m.mcpName}" is neither io.github.<owner>/<name> nor a reverse-DNS name.`,
            evidence: [{ file: "package.json", snippet: `"mcpName": ${JSON.stringify(m.mcpName)}` }],
          },
        ];
      }
      return [];
    }
    const owner = gh[1]!;
    const repoOwner = m.repository?.host === "github.com" ? m.repository.owner : undefined;
    if (!repoOwner) {
      return [
        {
          severity: "medium",
          title: "`mcpName` names a GitHub owner but the package has no GitHub repository",
          detail: `"${m.mcpName}" claims the GitHub account ${owner}, which nothing else in the package confirms.`,
          evidence: [{ file: "package.json", snippet: `"mcpName": ${JSON.stringify(m.mcpName)}` }],
        },
      ];
    }
    return [];
  },
);
