import { defineHeuristic } from "../engine/heuristic.js";
import { suspiciousFindings } from "../knowledge/suspicious.js";

export default defineHeuristic(
  {
    id: "obfuscated-code",
    category: "permissions",
    title: "Ships obfuscated code",
    rationale:
      "Obfuscation (obfuscator-style identifiers, packed code, strings written as escapes or char codes) exists to stop people reading code; an open-source server has no reason to hide what it does. Minification alone is not flagged.",
    remediation:
      "Do not install it unless the maintainer publishes readable code; compare the tarball with the repository.",
    severity: "high",
    needs: ["code"],
  },
  (evidence) => suspiciousFindings(evidence, { obfuscation: { title: "Obfuscated code" } }),
);
