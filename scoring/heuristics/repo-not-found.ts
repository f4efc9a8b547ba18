import { defineHeuristic } from "../engine/heuristic.js";

export default defineHeuristic(
  {
    id: "repo-not-found",
    category: "identity",
    title: "Source repository does not exist or is private",
    rationale:
      "The package points at a repository nobody can read: the source that was published cannot be compared with the code, and a link to a missing repository is common in throwaway and malicious packages.",
    remediation:
      "Ask the maintainer where the source lives; until then, review the published package's files themselves before use.",
    severity: "medium",
    needs: ["github"],
  },
  (evidence) => {
    const part = evidence.github;
    if (part.status !== "ok" || part.data.found) return [];
    const { owner, repo, url, status } = part.data;
    return [
      {
        title: `Repository ${owner}/${repo} not found`,
        detail:
          status === 451
            ? "GitHub blocks the repository for legal reasons."
            : "GitHub answers 404: the repository was deleted, renamed without a redirect, or is private.",
        evidence: [{ url, snippet: `HTTP ${status}` }],
      },
    ];
  },
);
