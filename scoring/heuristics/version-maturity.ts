import semver from "semver";
import { defineHeuristic } from "../engine/heuristic.js";

export default defineHeuristic(
  {
    id: "version-maturity",
    category: "maintenance",
    title: "Immature version",
    rationale:
      "0.0.x versions, prereleases and packages with a single release make no stability promise and have little track record.",
    remediation: "Pin the exact version and review upgrades; prefer a stable release where one exists.",
    severity: "low",
    needs: ["npm"],
  },
  (evidence) => {
    const { manifest, versions } = evidence.npm.data;
    const v = semver.parse(manifest.version);
    if (!v) return { unknown: `version "${manifest.version}" is not semver` };
    const drafts = [];
    if (v.prerelease.length) {
      drafts.push({
        title: `${manifest.version} is a prerelease`,
        detail: "Prereleases are for testing.",
        evidence: [{ snippet: `version: ${manifest.version}` }],
      });
    } else if (v.major === 0 && v.minor === 0) {
      drafts.push({
        title: `${manifest.version} is a 0.0.x version`,
        detail: "A 0.0.x version signals an experiment.",
        evidence: [{ snippet: `version: ${manifest.version}` }],
      });
    }
    if (versions.length === 1) {
      drafts.push({
        title: "Only one version has ever been published",
        detail: "A single release has no history of fixes.",
        evidence: [{ snippet: `versions: ${versions[0]?.version}` }],
      });
    }
    return drafts;
  },
);
