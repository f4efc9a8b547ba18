import { defineHeuristic } from "../engine/heuristic.js";
import { at, describeFact, entryLabel, secretLabel, valueFacts } from "./shared/config.js";

export default defineHeuristic(
  {
    id: "config-disabled-with-secrets",
    category: "configuration",
    title: "Disabled server still holds credentials",
    rationale:
      "A disabled entry is easy to forget, but its credentials stay in the file, readable by anything that reads it, and usually stay valid.",
    remediation: "Delete the entry (and rotate its credentials) or move them into environment variables.",
    // Still a credential written into the file: it fails the config like config-secret-in-file.
    severity: "critical",
    needs: ["config"],
  },
  (evidence) => {
    const entry = evidence.config.data;
    if (!entry?.disabled) return [];
    const secrets = valueFacts(entry).filter((f) => f.secret);
    if (secrets.length === 0) return [];
    return [
      {
        title: `Disabled server "${entry.name}" keeps ${secrets.length} credential${secrets.length > 1 ? "s" : ""}`,
        detail: `${entryLabel(entry)} is disabled but still holds ${secrets.map((f) => `${secretLabel(f)} in ${describeFact(f)}`).join(", ")}.`,
        evidence: secrets.map((f) => at(entry, f)),
        blocking: true,
      },
    ];
  },
);
