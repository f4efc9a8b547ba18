import { daysBetween, defineHeuristic } from "../engine/heuristic.js";
import { foundRepository, repoLocation } from "./shared/github.js";

/** Younger than this, a repository has no track record; younger than NEW_DAYS, it is brand new. */
const YOUNG_DAYS = 90;
const NEW_DAYS = 30;

export default defineHeuristic(
  {
    id: "repo-young",
    category: "identity",
    title: "Source repository is new",
    rationale:
      "Malicious and typosquatting packages usually come with a repository made days before: it has no history, no users and no one who has looked at it.",
    remediation:
      "Read the code before installing, check who owns the repository, and prefer an established server with the same tools.",
    severity: "medium",
    needs: ["github"],
  },
  (evidence) => {
    const facts = foundRepository(evidence);
    if ("unknown" in facts) return facts;
    const created = facts.repository.createdAt;
    const days = daysBetween(created, evidence.collectedAt);
    if (days === undefined) return { unknown: "GitHub did not say when the repository was created" };
    if (days >= YOUNG_DAYS) return [];
    return [
      {
        title: `Repository created ${days} day${days === 1 ? "" : "s"} ago`,
        detail: `${facts.repository.fullName} is younger than ${days < NEW_DAYS ? NEW_DAYS : YOUNG_DAYS} days.`,
        evidence: [repoLocation(facts, `"created_at": "${created}"`)],
        ...(days < NEW_DAYS ? {} : { severity: "low" as const }),
      },
    ];
  },
);
