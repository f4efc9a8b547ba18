import { daysBetween, defineHeuristic } from "../engine/heuristic.js";

/** npm's own `min-release-age` idea: most bad versions are yanked within a few days. */
const QUARANTINE_DAYS = 3;

export default defineHeuristic(
  {
    id: "new-version",
    category: "supply-chain",
    title: "Version published in the last few days",
    rationale:
      "Compromised releases of popular packages are usually found and removed within days. Installing a version in its first days takes that risk.",
    remediation:
      "Pin the previous version until this one is a few days old, or review the diff between them.",
    severity: "medium",
    needs: ["npm"],
  },
  (evidence) => {
    const facts = evidence.npm.data;
    const version = facts.manifest.version;
    const published = facts.versions.find((v) => v.version === version)?.publishedAt;
    const days = daysBetween(published, evidence.collectedAt);
    if (days === undefined) return { unknown: `no publish time for ${version}` };
    // A brand-new package is new-package's finding; this one is about a new release of an old one.
    if (days >= QUARANTINE_DAYS || facts.versions.length < 2) return [];
    return [
      {
        title: `${version} was published ${days === 0 ? "today" : `${days} day${days === 1 ? "" : "s"} ago`}`,
        detail: `Version ${version} appeared on ${published!.slice(0, 10)}; earlier versions have a longer record.`,
        evidence: [{ snippet: `time["${version}"]: ${published}` }],
      },
    ];
  },
);
