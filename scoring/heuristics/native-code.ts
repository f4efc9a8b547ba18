import { defineHeuristic } from "../engine/heuristic.js";
import { loc } from "./shared/code.js";

export default defineHeuristic(
  {
    id: "native-code",
    category: "supply-chain",
    title: "Ships or builds native code",
    rationale:
      "Native addons (.node files, node-gyp builds, prebuilt binaries) run outside what JavaScript analysis can see, and prebuilt binaries cannot be checked against the source.",
    remediation:
      "Prefer a pure-JavaScript server, or check that the binaries are built in CI from the published source (provenance).",
    severity: "low",
    needs: ["code"],
  },
  (evidence) => {
    const use = evidence.code.data.capabilities.find((c) => c.id === "native");
    if (!use) return [];
    return [
      {
        title: `Native code (${use.count} place(s))`,
        detail: `Files: ${use.files.join(", ")}.`,
        evidence: use.evidence.map(loc),
      },
    ];
  },
);
