import { daysBetween, defineHeuristic } from "../engine/heuristic.js";
import { foundRepository, repoLocation } from "./shared/github.js";

/** Days without a commit before the repository counts as quiet, and as dormant. */
const QUIET_DAYS = 90;
const DORMANT_DAYS = 365;

export default defineHeuristic(
  {
    id: "repo-inactive",
    category: "maintenance",
    title: "No recent commits",
    rationale:
      "MCP clients, SDKs and the protocol itself change every few months; a server nobody has committed to in a year is unlikely to get security fixes or keep up with them.",
    remediation:
      "Check the issue tracker for a maintainer's answer, prefer an actively maintained alternative, or pin the version and review it yourself.",
    severity: "medium",
    needs: ["github"],
  },
  (evidence) => {
    const facts = foundRepository(evidence);
    if ("unknown" in facts) return facts;
    // repo-archived already says it, louder.
    if (facts.repository.archived) return [];
    // The newest commit on the default branch; pushed_at (any branch) when commits are unknown.
    const last = facts.commits ? facts.commits.latestCommitDate : facts.repository.pushedAt;
    if (facts.commits && !last) {
      return [
        {
          title: "The repository has no commits",
          detail: "GitHub lists no commits on the default branch.",
          evidence: [repoLocation(facts)],
        },
      ];
    }
    const days = daysBetween(last, evidence.collectedAt);
    if (days === undefined) return { unknown: "the date of the last commit is unknown" };
    const where = [repoLocation(facts, `last commit ${last}`)];
    if (days >= DORMANT_DAYS) {
      return [
        {
          title: `No commits for ${days} days`,
          detail: "Nothing has been committed in over a year.",
          evidence: where,
        },
      ];
    }
    if (days >= QUIET_DAYS) {
      return [
        {
          title: `No commits for ${days} days`,
          detail: `Nothing has been committed in the last ${QUIET_DAYS} days.`,
          evidence: where,
          severity: "low" as const,
        },
      ];
    }
    return [];
  },
);
