import { installedManifest } from "../../src/evidence/index.js";
import { defineHeuristic } from "../heuristic.js";

/**
 * The MCP registry ties a server to an npm package through `mcpName` in package.json. A
 * `io.github.<owner>/…` name is granted only to that GitHub account, so it must match the
 * repository's owner; a reverse-DNS name (`com.example/…`) needs the domain proven.
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
    severity: "high",
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
    if (owner.toLowerCase() !== repoOwner.toLowerCase()) {
      return [
        {
          title: "`mcpName` owner differs from the repository owner",
          detail: `"${m.mcpName}" claims the GitHub account ${owner}, but the repository belongs to ${repoOwner}.`,
          evidence: [
            { file: "package.json", snippet: `"mcpName": ${JSON.stringify(m.mcpName)}` },
            { file: "package.json", snippet: `"repository": ${JSON.stringify(m.repository?.raw)}` },
          ],
        },
      ];
    }
    return [];
  },
);
