import { defineHeuristic } from "../engine/heuristic.js";
import { declaredPurposes } from "../knowledge/purposes.js";
import { loc } from "./shared/code.js";

export default defineHeuristic(
  {
    id: "dynamic-code",
    category: "permissions",
    title: "Builds and runs code at run time (eval, new Function, vm, computed require)",
    rationale:
      "Code built at run time cannot be reviewed from the package: what runs can come from the network or from a tool's input. Bundled libraries sometimes do it for templates, so it is graded low unless nothing explains it.",
    remediation:
      "Check what the evaluated code comes from (the evidence shows where); avoid servers that evaluate tool input.",
    severity: "low",
    needs: ["code"],
  },
  (evidence) => {
    const use = evidence.code.data.capabilities.find((c) => c.id === "code.dynamic");
    if (!use) return [];
    const explained = declaredPurposes(evidence).explained.has("code.dynamic");
    const kinds = [...new Set(use.evidence.map((e) => e.detail).filter(Boolean))].join(", ");
    return [
      {
        severity: explained ? "info" : "low",
        title: `Runs code built at run time (${use.count} place(s))`,
        detail: `Kinds: ${kinds || "dynamic code"}. Files: ${use.files.join(", ")}.`,
        evidence: use.evidence.map(loc),
      },
    ];
  },
);
