import { daysBetween, defineHeuristic } from "../engine/heuristic.js";

export default defineHeuristic(
  {
    id: "release-cadence",
    category: "maintenance",
    title: "Irregular release cadence",
    rationale:
      "A package released once a year gets fixes slowly; a burst of many releases in a day is how some account takeovers and worms spread.",
    remediation: "Check the changelog between releases; pin a reviewed version rather than a range.",
    severity: "low",
    needs: ["npm"],
  },
  (evidence) => {
    const { versions, createdAt } = evidence.npm.data;
    const now = evidence.collectedAt;
    const ages = versions
      .map((v) => daysBetween(v.publishedAt, now))
      .filter((d): d is number => d !== undefined);
    if (ages.length === 0) return { unknown: "the registry gave no publish times" };
    const lastYear = ages.filter((d) => d < 365).length;
    // By date, not by position: the registry lists undated versions last.
    const lastDayVersions = versions.filter((v) => {
      const d = daysBetween(v.publishedAt, now);
      return d !== undefined && d < 1;
    });
    const lastDay = lastDayVersions.length;
    const age = daysBetween(createdAt, now) ?? ages.reduce((a, b) => Math.max(a, b), 0);
    const drafts = [];
    if (age >= 365 && lastYear <= 1) {
      drafts.push({
        title: `${lastYear} release${lastYear === 1 ? "" : "s"} in the last year`,
        detail: `The package is ${age} days old and was released ${lastYear} time(s) in the last 365 days.`,
        evidence: [{ snippet: `${versions.length} versions in all` }],
      });
    }
    if (lastDay >= 10) {
      drafts.push({
        severity: "medium" as const,
        title: `${lastDay} releases in the last 24 hours`,
        detail: "Many releases in a day is unusual for a server; worms and takeovers publish like this.",
        evidence: [
          {
            snippet: lastDayVersions
              .map((v) => v.version)
              .join(", ")
              .slice(0, 300),
          },
        ],
        remediation:
          "Wait a few days before installing, and diff the newest releases against the last one you trust.",
      });
    }
    return drafts;
  },
);
