import { defineHeuristic } from "../engine/heuristic.js";
import { foundRepository, repoLocation } from "./shared/github.js";

export default defineHeuristic(
  {
    id: "repo-fork",
    category: "identity",
    title: "Source repository is a fork",
    rationale:
      "A package built from a fork is not what the original authors ship: it may carry a fix, or changes nobody upstream has reviewed, under a name that looks like the original.",
    remediation:
      "Compare the fork with its parent (GitHub's compare view) and prefer the upstream package unless you need what the fork adds.",
    severity: "low",
    needs: ["github"],
  },
  (evidence) => {
    const facts = foundRepository(evidence);
    if ("unknown" in facts) return facts;
    const { fork, parent, fullName } = facts.repository;
    if (fork === undefined) return { unknown: "GitHub did not say whether it is a fork" };
    if (!fork) return [];
    return [
      {
        title: parent ? `${fullName} is a fork of ${parent.fullName}` : `${fullName} is a fork`,
        detail: "The package is published from a fork rather than from the original repository.",
        evidence: parent
          ? [repoLocation(facts, '"fork": true'), { url: parent.htmlUrl }]
          : [repoLocation(facts, '"fork": true')],
      },
    ];
  },
);
