import { installedManifest } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";

/** Commands that, if a package's bin shadowed them, would run its code in place of the real one. */
const SHADOWED = new Set([
  "node",
  "npm",
  "npx",
  "git",
  "sh",
  "bash",
  "zsh",
  "ls",
  "cat",
  "cp",
  "mv",
  "rm",
  "curl",
  "wget",
  "ssh",
  "sudo",
  "python",
  "python3",
  "pip",
  "docker",
  "kubectl",
  "code",
  "claude",
  "cursor",
  "gh",
  "aws",
  "gcloud",
  "az",
  "yarn",
  "pnpm",
]);

export default defineHeuristic(
  {
    id: "bin-entries",
    category: "permissions",
    title: "Installs commands on the PATH",
    rationale:
      "A `bin` entry puts a command on the PATH when installed globally or run with npx. A name that shadows a common tool runs the package whenever that tool is used.",
    remediation:
      "Run the server through npx or an absolute path; never install a package globally whose bin shadows a system command.",
    severity: "info",
    needs: ["package"],
  },
  (evidence) => {
    const m = installedManifest(evidence);
    if (!m) return { unknown: "no package.json" };
    const drafts = [];
    for (const [name, path] of Object.entries(m.bin)) {
      const shadows = SHADOWED.has(name.toLowerCase());
      drafts.push({
        severity: shadows ? ("high" as const) : ("info" as const),
        title: shadows ? `Command \`${name}\` shadows a common tool` : `Provides the command \`${name}\``,
        detail: `\`${name}\` runs ${path}.`,
        evidence: [
          { file: "package.json", snippet: `"bin": { ${JSON.stringify(name)}: ${JSON.stringify(path)} }` },
        ],
      });
    }
    return drafts;
  },
);
