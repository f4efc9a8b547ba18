import { defineHeuristic } from "../engine/heuristic.js";
import { suspiciousFindings } from "../knowledge/suspicious.js";

export default defineHeuristic(
  {
    id: "env-exfiltration",
    category: "permissions",
    title: "Serialises the whole environment in code that uses the network",
    rationale:
      "The environment of an MCP server holds the API keys its client passed it (and often many more). Turning all of process.env into a payload in a package that makes requests is the signature of credential theft.",
    remediation: "Do not install it; if already installed, rotate every credential its environment held.",
    severity: "critical",
    needs: ["code"],
  },
  (evidence) =>
    suspiciousFindings(evidence, {
      "env-exfiltration": { title: "Environment serialised and network used", blocking: true },
      // Serialised in one file and the network used in another is weaker: often a debug tool
      // that shows the environment to the model. Still worth a look, but not a verdict.
      "env-exfiltration-cross-file": {
        title: "Environment serialised; the package uses the network elsewhere",
        severity: "high",
        blocking: false,
      },
    }),
);
