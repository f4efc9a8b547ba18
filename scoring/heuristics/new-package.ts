import type { NpmFacts } from "../../src/evidence/index.js";
import { daysBetween, defineHeuristic } from "../engine/heuristic.js";

/** Days since the package first appeared on the registry, and when; undefined without a time. */
export function packageAge(facts: NpmFacts, now: string): { days: number; first: string } | undefined {
  const first = facts.createdAt ?? facts.versions.find((v) => v.publishedAt)?.publishedAt;
  const days = daysBetween(first, now);
  return days === undefined ? undefined : { days, first: first! };
}

/** Younger than this, a package is new: it has had no time to be reported. */
export const NEW_PACKAGE_DAYS = 30;

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
    const age = packageAge(evidence.npm.data, evidence.collectedAt);
    if (age === undefined) return { unknown: "the registry gave no creation time" };
    const { days, first } = age;
    if (days >= NEW_PACKAGE_DAYS) return [];
    return [
      {
        severity: days < 7 ? "high" : "medium",
        title: `First published ${days} day${days === 1 ? "" : "s"} ago`,
        detail: `The package first appeared on the registry on ${first.slice(0, 10)}.`,
        evidence: [{ snippet: `time.created: ${first}` }],
      },
    ];
  },
);
