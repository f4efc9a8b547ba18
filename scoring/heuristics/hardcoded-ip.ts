import type { AddressFact } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { Severity } from "../engine/types.js";
import { groupedFindings } from "../knowledge/suspicious.js";

/**
 * An address sent to is what matters: a literal that never reaches a request is a table entry
 * (a detection list, a deny list of metadata addresses, a test value).
 */
const SEVERITY: Record<AddressFact["kind"], [reaches: Severity, not: Severity]> = {
  "unusual-host": ["high", "low"],
  ip: ["medium", "info"],
};

export default defineHeuristic(
  {
    id: "hardcoded-ip",
    category: "permissions",
    title: "Contacts hard-coded IP addresses or exfiltration-friendly hosts",
    rationale:
      "Legitimate servers talk to named services. A literal public IP address, or a paste site, tunnel, request-bin or chat webhook, is where stolen data is commonly sent. An address the code sends to counts; one that never reaches a request (a table of addresses, a deny list) is noted only.",
    remediation: "Find out what the address is for; block it, or do not install the server.",
    severity: "medium",
    needs: ["code"],
  },
  (evidence) =>
    groupedFindings(
      evidence.code.data.addresses,
      (a) => `${a.kind}\u0000${a.reachesNetwork}\u0000${a.where.file}`,
      (group) => {
        const first = group[0]!;
        const [reaches, not] = SEVERITY[first.kind];
        const what =
          first.kind === "ip"
            ? "Hard-coded public IP address"
            : "URL to a paste, tunnel, webhook or request-bin host";
        return {
          title: first.reachesNetwork ? `${what}, sent to` : `${what}, never sent to`,
          severity: first.reachesNetwork ? reaches : not,
          detail: `${[...new Set(group.map((a) => a.value))].slice(0, 5).join("; ")}${first.reachesNetwork ? ": the code makes a request to it" : ": no request in the code reaches it"}.`,
        };
      },
    ),
);
