import { defineHeuristic } from "../engine/heuristic.js";
import { suspiciousFindings } from "../knowledge/suspicious.js";

export default defineHeuristic(
  {
    id: "decode-to-code",
    category: "permissions",
    title: "Decodes hidden code or URLs from encoded data",
    rationale:
      "Base64, hex or char-code data that decodes to code or to a URL hides the real behaviour from reviewers and scanners; running decoded data as code is a staple of npm malware.",
    remediation: "Treat the package as malicious until the decoded content is explained; do not install it.",
    severity: "critical",
    needs: ["code"],
  },
  (evidence) =>
    suspiciousFindings(evidence, {
      "decode-to-code": { title: "Encoded data decodes to code", blocking: true },
      "decode-to-url": { title: "Encoded data decodes to a URL", severity: "high" },
    }),
);
