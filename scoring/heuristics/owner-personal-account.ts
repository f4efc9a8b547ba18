import { defineHeuristic } from "../engine/heuristic.js";
import { foundRepository, repoLocation } from "./shared/github.js";

export default defineHeuristic(
  {
    id: "owner-personal-account",
    category: "identity",
    title: "Repository owned by a personal account",
    rationale:
      "An organisation can have several owners, enforce 2FA and outlive any one member; a personal account rests on one person's security and availability.",
    remediation:
      "Nothing to fix by itself: weigh it with the maintainer's track record, and prefer vendor-published servers for sensitive data.",
    severity: "info",
    needs: ["github"],
  },
  (evidence) => {
    const facts = foundRepository(evidence);
    if ("unknown" in facts) return facts;
    const { ownerType, ownerLogin } = facts.repository;
    if (ownerType === undefined) return { unknown: "GitHub did not say who owns the repository" };
    const where = [repoLocation(facts, `owner: ${ownerLogin ?? "?"} (${ownerType})`)];
    if (ownerType === "User") {
      return [
        {
          title: `Owned by the personal account ${ownerLogin ?? ""}`.trim(),
          detail: "The repository belongs to one person's account rather than an organisation.",
          evidence: where,
        },
      ];
    }
    if (ownerType === "Organization") {
      return [
        {
          title: `Owned by the organisation ${ownerLogin ?? ""}`.trim(),
          detail: "The repository belongs to a GitHub organisation.",
          evidence: where,
          credit: true,
        },
      ];
    }
    return [];
  },
);
