import { daysBetween, defineHeuristic } from "../engine/heuristic.js";
import { publisherChange, versionHistory } from "../knowledge/versions.js";

/** A year with no release, then a release: the pattern of a revived, possibly taken-over package. */
const DORMANT_DAYS = 365;
/** Only a recent revival matters; one that has stood for half a year has been looked at by others. */
const RECENT_DAYS = 180;

export default defineHeuristic(
  {
    id: "dormant-then-published",
    category: "identity",
    title: "Long-dormant package suddenly published",
    rationale:
      "Attackers take over abandoned packages (expired maintainer domains, reused credentials) and publish once; a new release after a long silence is the typical shape.",
    remediation:
      "Read what changed since the previous version and who published it; pin the previous version until the new one is explained.",
    severity: "medium",
    needs: ["npm"],
  },
  (evidence) => {
    const npm = evidence.npm.data;
    const version = evidence.target.version ?? npm.manifest.version;
    const { current, previous } = versionHistory(npm, version);
    const last = previous.at(-1);
    if (!current || !last) return [];
    const gap = daysBetween(last.publishedAt, current.publishedAt!);
    const age = daysBetween(current.publishedAt, evidence.collectedAt);
    if (gap === undefined || age === undefined || gap < DORMANT_DAYS || age > RECENT_DAYS) return [];
    // Raised only for a publisher known to be new and not a CI identity (trusted publishing).
    const change = publisherChange(npm, current, previous);
    const newPublisher = "unknown" in change || !change.isNew || change.trusted ? undefined : change.now;
    return [
      {
        title: `${version} came after ${Math.floor(gap / 30)} months without a release`,
        detail: `${last.version} was published ${last.publishedAt?.slice(0, 10)}, then nothing until ${version} on ${current.publishedAt?.slice(0, 10)} (${age} days ago)${newPublisher ? `, by ${newPublisher}, who had not published it before` : ""}.`,
        evidence: [
          {
            snippet: `time["${last.version}"] ${last.publishedAt}; time["${version}"] ${current.publishedAt}`,
          },
        ],
        ...(newPublisher ? { severity: "high" as const } : {}),
      },
    ];
  },
);
