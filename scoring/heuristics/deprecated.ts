import { defineHeuristic } from "../engine/heuristic.js";

export default defineHeuristic(
  {
    id: "deprecated",
    category: "maintenance",
    title: "Deprecated package or version",
    rationale: "The maintainer has said this should not be used; it will not get fixes.",
    remediation:
      "Follow the deprecation message to the replacement, or move to a version that is not deprecated.",
    severity: "high",
    needs: ["npm"],
  },
  (evidence) => {
    const { manifest, versions, distTags } = evidence.npm.data;
    const drafts = [];
    if (manifest.deprecated) {
      drafts.push({
        title: `${manifest.name}@${manifest.version} is deprecated`,
        detail: "The registry marks this version deprecated.",
        evidence: [{ snippet: manifest.deprecated }],
      });
    }
    const latest = distTags.latest;
    const latestDeprecated = latest !== undefined && versions.find((v) => v.version === latest)?.deprecated;
    if (latestDeprecated && latest !== manifest.version) {
      drafts.push({
        title: "The package's latest version is deprecated",
        detail: `${manifest.name}@${latest} (latest) is deprecated: the package as a whole may be abandoned.`,
        evidence: [{ snippet: `dist-tags.latest: ${latest}` }],
        severity: "medium" as const,
      });
    }
    return drafts;
  },
);
