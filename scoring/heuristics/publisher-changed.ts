import { defineHeuristic } from "../engine/heuristic.js";
import { publisherChange, versionHistory } from "../knowledge/versions.js";

export default defineHeuristic(
  {
    id: "publisher-changed",
    category: "identity",
    title: "Published by an account that never published it before",
    rationale:
      "Account takeovers and hostile handovers show up as a release from someone new: the event-stream and ua-parser-js incidents began that way. A new publisher is often innocent (a new team member), but it is the moment to look.",
    remediation:
      "Check the release notes and the repository for the new publisher; compare this version's files with the previous one before upgrading, or pin the previous version.",
    severity: "medium",
    needs: ["npm"],
  },
  (evidence) => {
    const npm = evidence.npm.data;
    const version = evidence.target.version ?? npm.manifest.version;
    const { current, previous } = versionHistory(npm, version);
    if (!current || previous.length === 0) return [];
    const change = publisherChange(npm, current, previous);
    if ("unknown" in change) return { unknown: "the registry did not say who published the versions" };
    const { now, before, isNew, trusted } = change;
    if (!isNew) return [];
    const last = previous.at(-1)!;
    return [
      {
        title: `${version} was published by ${now}, a first-time publisher`,
        detail: `Earlier versions were published by ${[...before].slice(0, 5).join(", ")}; the previous one (${last.version}) by ${last.publisher ?? "an unknown account"}.${trusted ? " The new publisher is a CI identity (npm trusted publishing), which is usually a deliberate improvement." : ""}`,
        evidence: [{ snippet: `_npmUser of ${version}: ${now}` }],
        ...(trusted ? { severity: "info" as const } : {}),
      },
    ];
  },
);
