import { defineHeuristic } from "../engine/heuristic.js";
import { suspiciousFindings } from "../knowledge/suspicious.js";

export default defineHeuristic(
  {
    id: "hardcoded-ip",
    category: "permissions",
    title: "Contacts hard-coded IP addresses or exfiltration-friendly hosts",
    rationale:
      "Legitimate servers talk to named services. A literal public IP address, or a paste site, tunnel, request-bin or chat webhook, is where stolen data is commonly sent.",
    remediation: "Find out what the address is for; block it, or do not install the server.",
    severity: "medium",
    needs: ["code"],
  },
  (evidence) =>
    suspiciousFindings(evidence, {
      "hardcoded-ip": { title: "Hard-coded public IP address" },
      "unusual-host": { title: "URL to a paste, tunnel, webhook or request-bin host", severity: "high" },
    }),
);
