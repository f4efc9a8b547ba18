import { defineHeuristic } from "../engine/heuristic.js";
import { commitsWithin, foundRepository, identityKey, isBot, repoLocation } from "./shared/github.js";

const WINDOW_DAYS = 90;
/** This many people committing makes a healthy bus factor. */
const HEALTHY_COMMITTERS = 3;

export default defineHeuristic(
  {
    id: "bus-factor",
    category: "maintenance",
    title: "Active committers over the last 90 days",
    rationale:
      "When one person writes every change, nobody else reviews what ships, and the project stops when they do (or when their account is taken over).",
    remediation:
      "Review each upgrade yourself before installing it, or prefer a server maintained by a team.",
    severity: "low",
    needs: ["github"],
  },
  (evidence) => {
    const facts = foundRepository(evidence);
    if ("unknown" in facts) return facts;
    if (!facts.commits) return { unknown: "the commit history could not be read" };
    const people = new Set<string>();
    for (const c of commitsWithin(facts, evidence, WINDOW_DAYS)) {
      if (isBot(c.author)) continue;
      const key = identityKey(c.author);
      if (key) people.add(key);
    }
    // Nobody at all is repo-inactive's finding.
    if (people.size === 0) return [];
    const snippet = `${people.size} committer${people.size === 1 ? "" : "s"} in ${WINDOW_DAYS} days: ${[...people].slice(0, 5).join(", ")}`;
    if (people.size === 1) {
      return [
        {
          title: "One person made every commit in the last 90 days",
          detail: "All recent changes come from a single author (automation accounts left out).",
          evidence: [repoLocation(facts, snippet)],
        },
      ];
    }
    if (people.size >= HEALTHY_COMMITTERS) {
      return [
        {
          title: `${people.size} people committed in the last 90 days`,
          detail: "Several people share the work, so changes are more likely to be seen by someone else.",
          evidence: [repoLocation(facts, snippet)],
          severity: "info" as const,
          credit: true,
        },
      ];
    }
    return [];
  },
);
