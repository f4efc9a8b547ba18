import { daysBetween, defineHeuristic } from "../engine/heuristic.js";

export default defineHeuristic(
  {
    id: "new-package",
    category: "identity",
    title: "Brand-new package",
    rationale:
      "Most malicious packages are removed within days of publication; a package with no history has had no time to earn trust or be reported.",
    remediation: "Wait until the package has some history, or review its code before installing.",
    severity: "medium",
    needs: ["npm"],
  },
  (evidence) => {
    const facts = evidence.npm.data;
    const first = facts.createdAt ?? facts.versions.find((v) => v.publishedAt)?.publishedAt;
    const days = daysBetween(first, evidence.collectedAt);
    if (days === undefined) return { unknown: "the registry gave no creation time" };
    if (days >= 30) return [];
    return [
      {
        severity: days < 7 ? "high" : "medium",
        title: `First published ${days} day${days === 1 ? "" : "s"} ago`,
        detail: `The package first appeared on the registry on ${first!.slice(0, 10)}.`,
        evidence: [{ snippet: `time.created: ${first}` }],
      },
    ];
  },
);
