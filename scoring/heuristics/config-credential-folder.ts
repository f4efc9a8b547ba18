import { defineHeuristic } from "../engine/heuristic.js";
import { at, entryLabel } from "./shared/config.js";

/** Folders and files that hold credentials, by path segment (either slash). */
const CREDENTIAL_PLACES: [RegExp, string][] = [
  [/(^|[\\/])\.ssh([\\/]|$)/i, "SSH keys"],
  [/(^|[\\/])\.aws([\\/]|$)/i, "AWS credentials"],
  [/(^|[\\/])\.gnupg([\\/]|$)/i, "GnuPG keys"],
  [/(^|[\\/])\.kube([\\/]|$)/i, "Kubernetes credentials"],
  [/(^|[\\/])\.docker([\\/]|$)/i, "Docker registry credentials"],
  [/(^|[\\/])\.azure([\\/]|$)/i, "Azure credentials"],
  [/(^|[\\/])gcloud([\\/]|$)/i, "Google Cloud credentials"],
  [/(^|[\\/])\.password-store([\\/]|$)/i, "pass password store"],
  [/(^|[\\/])\.(npmrc|netrc|git-credentials|pypirc)$/i, "registry or git credentials"],
  [/(^|[\\/])Keychains([\\/]|$)/i, "macOS keychains"],
  [/(^|[\\/])\.mozilla[\\/]firefox|[\\/]Firefox[\\/]Profiles/i, "Firefox profile"],
  [/google-chrome|[\\/]Google[\\/]Chrome|chromium|BraveSoftware|Microsoft[\\/]Edge/i, "browser profile"],
  [/(^|[\\/])\.env(\.[\w-]+)?$/i, ".env file"],
  [/(^|[\\/])\.claude\.json$|(^|[\\/])\.config[\\/]gh([\\/]|$)/i, "tool tokens"],
];

export function credentialPlace(p: string): string | undefined {
  return CREDENTIAL_PLACES.find(([re]) => re.test(p))?.[1];
}

export default defineHeuristic(
  {
    id: "config-credential-folder",
    category: "configuration",
    title: "Server given a folder that holds credentials",
    rationale:
      "Folders such as ~/.ssh, ~/.aws, ~/.gnupg or a browser profile hold keys and session cookies; a server given them can read (and leak) every credential inside.",
    remediation: "Remove the credential folder from the server's paths; give it only the files it needs.",
    severity: "critical",
    needs: ["config"],
  },
  (evidence) => {
    const entry = evidence.config.data;
    return entry.paths.flatMap((p) => {
      const what = credentialPlace(p.value);
      if (!what || p.source === "cwd") return [];
      return [
        {
          title: `"${entry.name}" can read ${what}`,
          detail: `${entryLabel(entry)} passes ${p.value} (${what}) as a ${p.source === "mount" ? "docker mount" : "path"}.`,
          evidence: [at(entry, undefined, `${p.source}: ${p.value}`)],
        },
      ];
    });
  },
);
