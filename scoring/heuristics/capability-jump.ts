import type { CapabilityId, EvidenceWith } from "../../src/evidence/index.js";
import { INSTALL_HOOKS, installedManifest } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import { type FindingDraft, SEVERITIES, type Severity } from "../engine/types.js";
import { declaredPurposes } from "../knowledge/purposes.js";
import { execOnlyOpens } from "./shared/code.js";

/** Capabilities whose first appearance in a release deserves a look, and how loud to be. */
const NEW_CAPABILITY_SEVERITY: Record<string, Severity> = {
  "process.exec": "high",
  "secrets.paths": "high",
  "code.dynamic": "high",
  native: "medium",
  "net.outbound": "medium",
  "fs.write": "low",
  "env.read": "low",
};

/**
 * Compares the release under vet with the one before it. A compromised maintainer account
 * usually publishes a normal-looking release that adds an install script, a shell call or a
 * network call the package never had; a changed tool description on a release is how a
 * server turns on its users (a "rug pull").
 */
export default defineHeuristic(
  {
    id: "capability-jump",
    category: "supply-chain",
    title: "Release adds install scripts or new powers",
    rationale:
      "Account takeovers and malicious updates show up as a release that suddenly runs install scripts, spawns processes, reads credentials or talks to the network when the previous one did not.",
    remediation:
      "Diff this release against the previous one (`npm diff --diff=<pkg>@<old> --diff=<pkg>@<new>`) and pin the previous version until the change is explained.",
    severity: "high",
    needs: ["previous", "code", "package"],
  },
  (evidence) => {
    const prev = evidence.previous.data;
    const manifest = installedManifest(evidence);
    if (!manifest) return { unknown: "no package.json" };
    const drafts: FindingDraft[] = [];
    const since = `since ${prev.version}`;

    const newHooks = INSTALL_HOOKS.filter(
      (h) => manifest.scripts[h] !== undefined && !prev.installScripts.includes(h),
    );
    for (const hook of newHooks) {
      drafts.push({
        severity: "high",
        title: `\`${hook}\` script added ${since}`,
        detail: `${prev.version} ran nothing at install; ${manifest.version} runs \`${hook}\`.`,
        evidence: [{ file: "package.json", snippet: `"${hook}": ${JSON.stringify(manifest.scripts[hook])}` }],
      });
    }

    const before = new Set(prev.capabilities.map((c) => c.id));
    // A summary of the previous release is compared with the same summary of this one: what
    // that summary does not see here either cannot be called new.
    const comparable =
      prev.read === "summary" && prev.compareWith ? new Set(prev.compareWith.map((c) => c.id)) : undefined;
    for (const cap of evidence.code.data.capabilities) {
      const table = NEW_CAPABILITY_SEVERITY[cap.id];
      if (!table || before.has(cap.id) || (comparable && !comparable.has(cap.id))) continue;
      const severity = lower(table, ownRule(evidence, cap.id));
      drafts.push({
        severity,
        title: `Code gains \`${cap.id}\` ${since}`,
        detail: `${prev.version} did not use ${cap.id}; ${manifest.version} does in ${cap.files.length} file(s).`,
        evidence: cap.evidence.slice(0, 3).map((e) => ({ file: e.file, line: e.line, snippet: e.snippet })),
      });
    }

    const oldTools = new Map(prev.tools.map((t) => [t.name, t.hash]));
    const changed = evidence.code.data.tools.filter(
      (t) => oldTools.has(t.name) && oldTools.get(t.name) !== t.hash,
    );
    if (changed.length) {
      drafts.push({
        severity: "low",
        title: `${changed.length} tool definition${changed.length > 1 ? "s" : ""} changed ${since}`,
        detail:
          "The text the model reads for these tools differs from the previous release; review it for new instructions.",
        evidence: changed
          .slice(0, 5)
          .map((t) => ({ file: t.where.file, line: t.where.line, snippet: t.name })),
        remediation:
          "Read the changed tool descriptions; a description that starts asking for files or secrets is a rug pull.",
      });
    }
    return drafts;
  },
);

/**
 * The most a new capability can be graded: what its own rule would give it. A release that
 * starts reading its own package.json through a computed require is not a high jump when
 * dynamic-code grades that require low; a new shell the purpose explains is worth a look, not
 * an alarm. Only a capability its own rule would flag high stays high.
 */
function ownRule(evidence: EvidenceWith<"code">, id: CapabilityId): Severity {
  const code = evidence.code.data;
  const explained = declaredPurposes(evidence).explained.has(id);
  switch (id) {
    case "code.dynamic":
      return "low";
    case "process.exec":
      return explained || execOnlyOpens(code) ? "low" : "high";
    case "net.outbound":
      return explained ? "low" : "medium";
    case "secrets.paths":
      return code.credentialReads.some((r) => r.via === "file" && r.what !== "dotenv file") ? "high" : "low";
    default:
      return "high";
  }
}

function lower(a: Severity, b: Severity): Severity {
  return SEVERITIES.indexOf(a) > SEVERITIES.indexOf(b) ? a : b;
}
