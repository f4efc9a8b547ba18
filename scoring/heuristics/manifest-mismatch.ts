import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft } from "../engine/types.js";

/** Fields where a difference changes what npm does on install. */
const COMPARED = ["scripts", "dependencies", "optionalDependencies", "bin"] as const;

export default defineHeuristic(
  {
    id: "manifest-mismatch",
    category: "supply-chain",
    title: "Registry metadata differs from the tarball's package.json",
    rationale:
      "npm installs from the tarball, but tools and people read the registry's metadata. A difference ('manifest confusion') can hide install scripts or dependencies from review.",
    remediation:
      "Treat the tarball's package.json as the truth; ask the maintainer to republish consistently.",
    severity: "high",
    needs: ["npm", "package"],
  },
  (evidence) => {
    const registry = evidence.npm.data.manifest;
    const tarball = evidence.package.data.manifest;
    if (!tarball) return { unknown: "the tarball has no readable package.json" };
    const drafts: FindingDraft[] = [];
    if (registry.name !== tarball.name || registry.version !== tarball.version) {
      drafts.push({
        title: "Name or version differs",
        detail: `The registry says ${registry.name}@${registry.version}; the tarball says ${tarball.name}@${tarball.version}.`,
        evidence: [{ file: "package.json", snippet: `${tarball.name}@${tarball.version}` }],
      });
    }
    for (const field of COMPARED) {
      const a = registry[field];
      const b = tarball[field];
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      const differing = [...keys].filter((k) => a[k] !== b[k]);
      if (differing.length === 0) continue;
      drafts.push({
        title: `\`${field}\` differs between registry and tarball`,
        detail: `Keys that differ: ${differing.slice(0, 10).join(", ")}.`,
        evidence: differing.slice(0, 5).map((k) => ({
          file: "package.json",
          snippet: `${field}.${k}: registry ${JSON.stringify(a[k] ?? null)}, tarball ${JSON.stringify(b[k] ?? null)}`,
        })),
      });
    }
    return drafts;
  },
);
