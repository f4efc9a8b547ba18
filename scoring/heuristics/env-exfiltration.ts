import { defineHeuristic } from "../heuristic.js";
import { suspiciousFindings } from "../suspicious.js";

/** The analyzer's wording when serialisation and network use are in the same file. */
const SAME_FILE = "in a file that makes network requests";

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
  (evidence) => {
    const drafts = suspiciousFindings(evidence, {
      "env-exfiltration": { title: "Environment serialised and network used", blocking: true },
    });
    if ("unknown" in drafts) return drafts;
    // Serialised in one file and the network used in another is weaker: often a debug tool
    // that shows the environment to the model. Still worth a look, but not a verdict.
    for (const d of drafts) {
      if (d.detail.includes(SAME_FILE)) continue;
      d.severity = "high";
      d.blocking = false;
    }
    return drafts;
  },
);
