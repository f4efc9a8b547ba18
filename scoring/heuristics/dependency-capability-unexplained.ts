import type { CapabilityId, DependencyCapabilityPackage } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft } from "../engine/types.js";
import { EXPECTED_DEPENDENCIES } from "../knowledge/expected-dependencies.js";
import { declaredPurposes } from "../knowledge/purposes.js";
import { packageList, pathText } from "./shared/dependencies.js";

/** Judged here: the access a user least expects a dependency to bring. The rest is only reported. */
const JUDGED: readonly { id: CapabilityId; what: [one: string, many: string] }[] = [
  { id: "process.exec", what: ["can run other programs", "can run other programs"] },
  { id: "native", what: ["brings native code", "bring native code"] },
];
/** Packages listed one by one in the evidence; the rest are counted. */
const LISTED = 20;

export default defineHeuristic(
  {
    id: "dependency-capability-unexplained",
    category: "permissions",
    title: "Dependencies bring process execution or native code its stated purpose does not explain",
    rationale:
      "Whatever a server's dependencies can do, the server can do: a library that spawns processes, or a native addon no JavaScript analysis can read, runs with the server's rights. A unit converter whose tree brings a process launcher or a compiled addon takes more than its purpose needs. Install scripts are judged by dependency-install-scripts, development-only dependencies are not installed with the server, and what only the MCP SDK brings (its client transports) is expected; the report's dependencyCapabilities lists everything regardless.",
    remediation:
      "Check why the server needs these dependencies (the evidence shows the path that brings each in); prefer a server without them, or run it sandboxed (container, restricted user) without that access.",
    severity: "medium",
    needs: ["dependencies"],
  },
  (evidence) => {
    const declared = declaredPurposes(evidence);
    const purposes = declared.matched.map((p) => p.id).join(", ") || "none recognised";
    const drafts: FindingDraft[] = [];
    for (const { id, what } of JUDGED) {
      if (declared.explained.has(id)) continue;
      const entry = evidence.dependencies.data.capabilities.find((c) => c.id === id);
      const judged = (entry?.packages ?? []).filter(judgedPackage);
      if (!entry || judged.length === 0) continue;
      // A library the author chose is likely called; one deep in the tree may never be.
      const direct = judged.some((p) => p.path.length === 2);
      const atLeast = entry.count > entry.packages.length ? "At least " : "";
      drafts.push({
        severity: id === "process.exec" && direct ? "medium" : "low",
        title: `${atLeast}${judged.length} ${judged.length === 1 ? `dependency ${what[0]}` : `dependencies ${what[1]}`} (${id}), which its stated purpose does not explain`,
        detail: `${packageList(judged)}. Declared purposes: ${purposes}.`,
        evidence: judged.slice(0, LISTED).map((p) => ({
          snippet: `${p.name}@${p.version} (${pathText(p.path)}): ${runtimeReasons(p).join("; ")}`,
        })),
      });
    }
    return drafts;
  },
);

function judgedPackage(p: DependencyCapabilityPackage): boolean {
  if (p.dev) return false;
  // One fact, one finding: an install script alone is dependency-install-scripts' to judge.
  if (runtimeReasons(p).length === 0) return false;
  return !p.path.slice(1, -1).some((name) => EXPECTED_DEPENDENCIES.has(name));
}

function runtimeReasons(p: DependencyCapabilityPackage): string[] {
  return p.reasons.filter((r) => r.kind !== "install-script").map((r) => r.detail);
}
