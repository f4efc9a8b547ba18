import { defineHeuristic } from "../engine/heuristic.js";
import { at, describeFact, entryLabel, entrySnippet, secretLabel, valueFacts } from "./shared/config.js";

export default defineHeuristic(
  {
    id: "config-secret-in-file",
    category: "configuration",
    title: "Credential written into the client config",
    rationale:
      "Config files are synced, backed up, pasted into issues and read by every tool on the machine; a token written there leaks with them. Clients can read it from the environment instead.",
    remediation: "Move the credential into an environment variable and reference it from the entry.",
    // The seed guide's rule: never hardcode credentials in MCP configuration files. The
    // config fails (exit 1), and approving the package (the policy's allow list) does not
    // approve the leak: it is blocking.
    severity: "critical",
    needs: ["config"],
  },
  (evidence) => {
    const entry = evidence.config.data;
    // A disabled entry's secrets are reported by config-disabled-with-secrets.
    if (entry.disabled) return [];
    const secrets = valueFacts(entry).filter((f) => f.secret);
    if (secrets.length === 0) return [];
    const names = [...new Set(secrets.map((f) => f.secret!.envName))].join(", ");
    const snippet = entrySnippet(entry, true);
    const remediation = entry.expandsReferences
      ? `Set ${names} in your environment, rotate the exposed credential, and write the entry as:\n${snippet}`
      : `${entry.client} passes config values literally (no \${…} expansion): remove the value from the file, give the server ${names} another way (a launcher that loads it from your keychain or secret manager), and rotate the exposed credential. In a client that expands references the entry reads:\n${snippet}`;
    return [
      {
        title: `${secrets.length} credential${secrets.length > 1 ? "s" : ""} written into "${entry.name}"`,
        detail: `${entryLabel(entry)} holds ${secrets
          .map((f) => `${secretLabel(f)} in ${describeFact(f)}`)
          .join("; ")}. Values shown masked.`,
        evidence: secrets.map((f) => at(entry, f)),
        remediation,
        blocking: true,
      },
    ];
  },
);
