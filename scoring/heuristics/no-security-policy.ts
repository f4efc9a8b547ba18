import { defineHeuristic } from "../engine/heuristic.js";
import { foundRepository, repoLocation } from "./shared/github.js";

export default defineHeuristic(
  {
    id: "no-security-policy",
    category: "maintenance",
    title: "No security policy",
    rationale:
      "A SECURITY.md tells people how to report a vulnerability privately; without one, reports land in public issues or nowhere, and fixes come later.",
    remediation:
      "Ask the maintainer to add a SECURITY.md (or enable private vulnerability reporting); meanwhile, watch the repository's issues for security reports.",
    severity: "low",
    needs: ["github"],
  },
  (evidence) => {
    const facts = foundRepository(evidence);
    if ("unknown" in facts) return facts;
    const policy = facts.securityPolicy;
    if (!policy) return { unknown: "the repository's files could not be listed" };
    if (policy.present) return [];
    return [
      {
        title: "No SECURITY.md in the repository",
        // An organisation-wide policy in the owner's .github repository is not looked at.
        detail: `Looked in ${policy.checked.join(", ")}; there is no security policy.`,
        evidence: [repoLocation(facts)],
      },
    ];
  },
);
