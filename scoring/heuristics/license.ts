import { installedManifest } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";

export default defineHeuristic(
  {
    id: "license",
    category: "supply-chain",
    title: "Missing or non-standard license",
    rationale:
      "Without a license the code may not legally be used; a license that is not an SPDX expression cannot be checked by compliance tooling.",
    remediation:
      "Ask the maintainer to declare an SPDX license in package.json, or get legal review before use.",
    severity: "medium",
    needs: ["package"],
  },
  (evidence) => {
    const m = installedManifest(evidence);
    if (!m) return { unknown: "no package.json" };
    if (!m.license.raw) {
      return [
        {
          title: "No license declared",
          detail: "package.json has no `license` field.",
          evidence: [{ file: "package.json" }],
        },
      ];
    }
    if (m.license.spdx) return [];
    return [
      {
        severity: "low",
        title: "License is not an SPDX expression",
        detail: `The license field reads "${m.license.raw}", which tooling cannot check.`,
        evidence: [{ file: "package.json", snippet: `"license": ${JSON.stringify(m.license.raw)}` }],
      },
    ];
  },
);
