import type { CapabilityId } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft, Severity } from "../engine/types.js";
import { declaredPurposes, PURPOSES } from "../knowledge/purposes.js";
import { loc } from "./shared/code.js";

/** Capabilities judged here; secrets, dynamic code and native code have their own heuristics. */
const JUDGED: readonly CapabilityId[] = ["process.exec", "fs.write", "net.outbound", "fs.read"];

const WHAT: Record<string, string> = {
  "process.exec": "runs other programs",
  "fs.write": "writes or deletes files",
  "net.outbound": "makes outbound network connections",
  "fs.read": "reads files",
};

export default defineHeuristic(
  {
    id: "capability-unexplained",
    category: "permissions",
    title: "Uses a capability its stated purpose does not explain",
    rationale:
      "A server should take no more access than its function needs. A unit converter that spawns shells, or a weather server that writes files, has access a user would not expect to grant.",
    remediation:
      "Check why the server needs this access (the evidence shows where); prefer a server that does not, or run it sandboxed (container, restricted user) without that access.",
    severity: "high",
    needs: ["code"],
  },
  (evidence) => {
    const code = evidence.code.data;
    const declared = declaredPurposes(evidence);
    const purposes = declared.matched.map((p) => p.id).join(", ") || "none recognised";
    const alarming = code.suspicious.length > 0 || code.capabilities.some((c) => c.id === "secrets.paths");
    const drafts: FindingDraft[] = [];
    for (const use of code.capabilities) {
      if (!JUDGED.includes(use.id) || declared.explained.has(use.id)) continue;
      let severity: Severity = PURPOSES.danger[use.id] ?? "low";
      // Shell access together with credential paths or hidden code is how stealers work.
      if (use.id === "process.exec" && alarming) severity = "critical";
      drafts.push({
        severity,
        title: `Code ${WHAT[use.id]} (${use.id}), which its stated purpose does not explain`,
        detail: `Seen ${use.count} time(s) in ${use.files.join(", ")}. Declared purposes: ${purposes}.`,
        evidence: use.evidence.map(loc),
      });
    }
    return drafts;
  },
);
