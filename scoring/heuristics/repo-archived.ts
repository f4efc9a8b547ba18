import { defineHeuristic } from "../engine/heuristic.js";
import { foundRepository, repoLocation } from "./shared/github.js";

export default defineHeuristic(
  {
    id: "repo-archived",
    category: "maintenance",
    title: "Source repository is archived or disabled",
    rationale:
      "An archived repository is read-only: its owner has stopped work on it, so a vulnerability found tomorrow will not be fixed. A disabled one has been taken down by GitHub.",
    remediation:
      "Look for a maintained fork or another server with the same tools, or vendor the code you need and take over its upkeep.",
    severity: "high",
    needs: ["github"],
  },
  (evidence) => {
    const facts = foundRepository(evidence);
    if ("unknown" in facts) return facts;
    const { archived, disabled, fullName } = facts.repository;
    if (archived === undefined && disabled === undefined)
      return { unknown: "GitHub did not say whether it is archived" };
    const drafts = [];
    if (archived) {
      drafts.push({
        title: `${fullName} is archived`,
        detail: "The repository was archived by its owner: it takes no more commits, issues or fixes.",
        evidence: [repoLocation(facts, '"archived": true')],
      });
    }
    if (disabled) {
      drafts.push({
        title: `${fullName} is disabled`,
        detail: "GitHub has disabled the repository; its code can no longer be inspected there.",
        evidence: [repoLocation(facts, '"disabled": true')],
      });
    }
    return drafts;
  },
);
