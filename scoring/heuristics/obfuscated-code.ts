import type { ObfuscationFact } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import { groupedFindings } from "../knowledge/suspicious.js";

/** Enough obfuscator-style names (`_0x1a2b`) that a build tool, not a person, wrote them to hide. */
export const OBFUSCATED_IDENTIFIERS = 20;

/** Whether a fact is obfuscation by itself (a few `_0x` names are not). */
export function isObfuscation(f: ObfuscationFact): boolean {
  return f.kind !== "identifiers" || f.count >= OBFUSCATED_IDENTIFIERS;
}

export default defineHeuristic(
  {
    id: "obfuscated-code",
    category: "permissions",
    title: "Ships obfuscated code",
    rationale:
      "Obfuscation (obfuscator-style identifiers, encoded string tables, packed code, strings written as escapes or char codes) exists to stop people reading code; an open-source server has no reason to hide what it does. Minification alone is not flagged.",
    remediation:
      "Do not install it unless the maintainer publishes readable code; compare the tarball with the repository.",
    severity: "high",
    needs: ["code"],
  },
  (evidence) =>
    groupedFindings(
      evidence.code.data.obfuscation.filter(isObfuscation),
      (f) => f.where.file,
      (group) => ({
        title: "Obfuscated code",
        severity: group.every((f) => f.kind === "char-codes") ? "medium" : "high",
        detail: group.map((f) => f.detail).join("; "),
      }),
    ),
);
