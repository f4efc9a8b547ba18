import type { NpmFacts, VersionSummary } from "../../src/evidence/index.js";

/** The vetted version and the versions published before it, oldest first; undated ones left out. */
export function versionHistory(
  npm: NpmFacts,
  version: string,
): { current?: VersionSummary; previous: VersionSummary[] } {
  const dated = npm.versions
    .filter((v) => v.publishedAt && !Number.isNaN(Date.parse(v.publishedAt)))
    .sort((a, b) => Date.parse(a.publishedAt!) - Date.parse(b.publishedAt!));
  const current = dated.find((v) => v.version === version);
  if (!current) return { previous: [] };
  return {
    current,
    previous: dated.filter((v) => Date.parse(v.publishedAt!) < Date.parse(current.publishedAt!)),
  };
}

/**
 * npm trusted publishing shows the CI identity as `_npmUser` (GitHub Actions, GitLab CI); moving
 * to it is good practice, not a takeover.
 */
export function isTrustedPublisher(publisher: string | undefined): boolean {
  return !!publisher && /github actions|gitlab ci|npm-oidc-no-reply/i.test(publisher);
}

/**
 * Who published the vetted version, against who published the versions before it. Unknown
 * when the registry did not say (partial mirrors drop `_npmUser`): "could not check" is not
 * "unchanged", and not "new" either.
 */
export function publisherChange(
  npm: NpmFacts,
  current: VersionSummary,
  previous: readonly VersionSummary[],
): { unknown: true } | { now: string; before: Set<string>; isNew: boolean; trusted: boolean } {
  const now = current.publisher ?? npm.manifest.publisher?.name;
  const before = new Set(previous.map((v) => v.publisher).filter((p): p is string => !!p));
  if (!now || before.size === 0) return { unknown: true };
  return { now, before, isNew: !before.has(now), trusted: isTrustedPublisher(now) };
}
