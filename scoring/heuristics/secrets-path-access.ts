import { defineHeuristic } from "../engine/heuristic.js";
import type { Severity } from "../engine/types.js";
import { declaredPurposes } from "../knowledge/purposes.js";
import { loc } from "./shared/code.js";

export default defineHeuristic(
  {
    id: "secrets-path-access",
    category: "permissions",
    title: "Names credential locations (~/.ssh, ~/.aws, .npmrc, browser profiles, MCP configs)",
    rationale:
      "Credential stealers read a short list of well-known files: SSH keys, cloud and npm tokens, browser password stores, MCP client configs full of API keys. A server that names them in code can read them with the user's rights.",
    remediation:
      "Read the quoted code: a deny-list that protects these paths is fine; code that opens them is not. Do not install a server that reads credentials it does not need.",
    severity: "critical",
    needs: ["code"],
  },
  (evidence) => {
    const code = evidence.code.data;
    const use = code.capabilities.find((c) => c.id === "secrets.paths");
    if (!use) return [];
    const declared = declaredPurposes(evidence);
    const byWhat = new Map<string, typeof use.evidence>();
    for (const e of use.evidence) {
      const what = e.detail ?? "credential location";
      byWhat.set(what, [...(byWhat.get(what) ?? []), e]);
    }
    const hasNet = code.capabilities.some((c) => c.id === "net.outbound");
    return [...byWhat].map(([what, locs]) => {
      let severity: Severity = hasNet ? "critical" : "high";
      if (what === "dotenv file") severity = "low";
      else if (declared.explained.has("secrets.paths")) severity = "medium";
      else if (what === "browser profile data" && declared.matched.some((p) => p.id === "browser"))
        severity = "medium";
      else if (declared.matched.some((p) => p.id === "filesystem")) severity = "medium"; // often a deny-list
      return {
        severity,
        title: `Code names ${what}`,
        detail: `${locs.length} place(s)${hasNet ? "; the package also makes network requests" : ""}.`,
        evidence: locs.map(loc),
      };
    });
  },
);
