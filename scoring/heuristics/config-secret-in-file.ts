import { at, configEntry, describeFact, entryLabel, entrySnippet, valueFacts } from "../config-helpers.js";
import { defineHeuristic } from "../heuristic.js";

export default defineHeuristic(
  {
    id: "config-secret-in-file",
    category: "configuration",
    title: "Credential written into the client config",
    rationale:
      "Config files are synced, backed up, pasted into issues and read by every tool on the machine; a token written there leaks with them. Clients can read it from the environment instead.",
    remediation: "Move the credential into an environment variable and reference it from the entry.",
    severity: "high",
    needs: ["config"],
  },
  (evidence) => {
    const entry = configEntry(evidence);
    // A disabled entry's secrets are reported by config-disabled-with-secrets.
    if (!entry || entry.disabled) return [];
    const secrets = valueFacts(entry).filter((f) => f.secret);
    if (secrets.length === 0) return [];
    const names = [...new Set(secrets.map((f) => f.secret!.envName))];
    const how = entry.expandsReferences
      ? `set ${names.join(", ")} in your environment`
      : `${entry.client} does not expand references: drop the value, set ${names.join(", ")} in the environment the client is started from (or start the server through a secret manager's \`run\` wrapper)`;
    return [
      {
        title: `${secrets.length} credential${secrets.length > 1 ? "s" : ""} written into "${entry.name}"`,
        detail: `${entryLabel(entry)} holds ${secrets
          .map((f) => `${describeFact(f)} (${f.secret!.kinds.join(", ")})`)
          .join("; ")}. Values shown masked.`,
        evidence: secrets.map((f) => at(entry, f)),
        remediation: `Rewrite the entry to read the secret from the environment, then ${how}, and rotate the exposed credential:\n${entrySnippet(entry, true)}`,
      },
    ];
  },
);
