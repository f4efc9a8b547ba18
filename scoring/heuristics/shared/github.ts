import type {
  EvidenceWith,
  GitHubCommit,
  GitHubIdentity,
  GitHubRepositoryFound,
} from "../../../src/evidence/index.js";
import { daysBetween } from "../../engine/heuristic.js";
import type { Location } from "../../engine/types.js";

/** Shared reading of the GitHub evidence part for the repository heuristics. */

/** The found repository, or why the heuristic cannot judge (the package names one GitHub lacks). */
export function foundRepository(
  evidence: EvidenceWith<"github">,
): GitHubRepositoryFound | { unknown: string } {
  const facts = evidence.github.data;
  return facts.found ? facts : { unknown: `repository ${facts.owner}/${facts.repo} was not found` };
}

export function repoLocation(facts: GitHubRepositoryFound, snippet?: string): Location {
  return snippet === undefined
    ? { url: facts.repository.htmlUrl }
    : { url: facts.repository.htmlUrl, snippet };
}

/** Commits on the default branch no older than `days` before the run. */
export function commitsWithin(
  facts: GitHubRepositoryFound,
  evidence: { collectedAt: string },
  days: number,
): GitHubCommit[] {
  return (facts.commits?.items ?? []).filter((c) => {
    const age = daysBetween(c.committerDate ?? c.authorDate, evidence.collectedAt);
    return age !== undefined && age < days;
  });
}

const BOT_NAMES =
  /^(dependabot|renovate|github-actions|greenkeeper|snyk-bot|semantic-release-bot|mergify|allcontributors)\b/i;

/** Automation accounts: they commit, but they are nobody's bus factor. */
export function isBot(who: GitHubIdentity): boolean {
  if (who.login && (/\[bot\]$/i.test(who.login) || BOT_NAMES.test(who.login))) return true;
  // e.g. 49699333+dependabot[bot]@users.noreply.github.com
  if (who.email && /\[bot\]@/i.test(who.email)) return true;
  return who.name !== undefined && (/\[bot\]$/i.test(who.name) || BOT_NAMES.test(who.name));
}

/** One key per person: their account, else their e-mail, else their name. */
export function identityKey(who: GitHubIdentity): string | undefined {
  const key = who.login ?? who.email ?? who.name;
  return key?.toLowerCase();
}
