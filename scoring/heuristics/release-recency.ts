import { daysBetween, defineHeuristic } from "../engine/heuristic.js";

export default defineHeuristic(
  {
    id: "release-recency",
    category: "maintenance",
    title: "No recent release",
    rationale:
      "MCP and its SDKs change quickly; a server with no release in a long time misses protocol and security fixes, and an abandoned name is a takeover target.",
    remediation: "Prefer an actively maintained alternative, or pin and review this version yourself.",
    severity: "medium",
    needs: ["npm"],
  },
  (evidence) => {
    const latest = evidence.npm.data.versions
      .map((v) => v.publishedAt)
      .filter(Boolean)
      .sort()
      .at(-1);
    const days = daysBetween(latest, evidence.collectedAt);
    if (days === undefined) return { unknown: "the registry gave no publish times" };
    if (days < 180) return [];
    return [
      {
        severity: days >= 365 ? "medium" : "low",
        title: `Last release ${days} days ago`,
        detail: `The newest version was published on ${latest!.slice(0, 10)}.`,
        evidence: [{ snippet: `time: ${latest}` }],
      },
    ];
  },
);
