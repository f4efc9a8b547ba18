import { defineHeuristic } from "../engine/heuristic.js";
import { commitsWithin, foundRepository, repoLocation } from "./shared/github.js";

const WINDOW_DAYS = 365;
/** Months with a commit, out of the last twelve, that count as steady work. */
const STEADY_MONTHS = 6;
/** At most this many active months, with commits at all, reads as a one-off drop. */
const SPORADIC_MONTHS = 2;

export default defineHeuristic(
  {
    id: "commit-cadence",
    category: "maintenance",
    title: "Commit cadence over the last year",
    rationale:
      "Steady commits across the year suggest someone is looking after the code; a single burst followed by silence often marks a weekend project or a package published once and left.",
    remediation:
      "For a sporadically maintained server, pin the version you reviewed and watch the repository for changes before upgrading.",
    severity: "low",
    needs: ["github"],
  },
  (evidence) => {
    const facts = foundRepository(evidence);
    if ("unknown" in facts) return facts;
    if (!facts.commits) return { unknown: "the commit history could not be read" };
    const commits = commitsWithin(facts, evidence, WINDOW_DAYS);
    // No commits at all is repo-inactive's finding.
    if (commits.length === 0) return [];
    const months = new Set(commits.map((c) => (c.committerDate ?? c.authorDate ?? "").slice(0, 7)));
    const snippet = `${commits.length}${facts.commits.truncated ? "+" : ""} commits in ${months.size} of the last 12 months`;
    if (facts.commits.truncated || months.size >= STEADY_MONTHS) {
      return [
        {
          title: "Steady commit activity",
          detail: `Commits landed in ${months.size} of the last 12 months.`,
          evidence: [repoLocation(facts, snippet)],
          severity: "info" as const,
          credit: true,
        },
      ];
    }
    if (months.size <= SPORADIC_MONTHS) {
      return [
        {
          title: `Commits in only ${months.size} of the last 12 months`,
          detail: "The year's work came in a short burst rather than as ongoing maintenance.",
          evidence: [repoLocation(facts, snippet)],
        },
      ];
    }
    return [];
  },
);
