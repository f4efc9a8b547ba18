import { defineHeuristic } from "../engine/heuristic.js";

/**
 * npm installs a version from its manifest's `dist.tarball`. A registry that answers with a
 * `file:` path, a git url or plain http to another host is broken or hostile: mcp-vet does not
 * fetch it (the tarball is then unavailable and the verdict incomplete), and says why.
 */
export default defineHeuristic(
  {
    id: "tarball-url-unsafe",
    category: "supply-chain",
    title: "The registry's tarball url is not a safe download",
    rationale:
      "The registry names where each version's code is downloaded from. A url that is not https (a local file path, a git repository, plain http to another host) is not what a registry serves; whoever wrote it wants the installer to read something else.",
    remediation: "Do not install this version from this registry; report the registry entry to its operator.",
    severity: "high",
    needs: ["npm"],
  },
  (evidence) => {
    const npm = evidence.npm.data;
    if (!npm.tarballUrlRefused) return [];
    const url = npm.manifest.dist?.tarball ?? "";
    return [
      {
        title: "The tarball url was refused and not fetched",
        detail: `The registry's manifest of ${npm.manifest.name}@${npm.manifest.version} names ${url.slice(0, 200)}: ${npm.tarballUrlRefused}.`,
        evidence: [{ snippet: url.slice(0, 200) }],
      },
    ];
  },
);
