/**
 * What the GitHub API said about a package's repository. A field left undefined could not be
 * had (its request failed or the budget ran out; see `notes`): heuristics read that as
 * unknown, never as good or bad.
 */
export type GitHubFacts = GitHubRepositoryFound | GitHubRepositoryMissing;

interface GitHubFactsBase {
  /** The repository asked about, as the package named it. */
  owner: string;
  repo: string;
  /** Web url of the repository (https://github.com/o/r, or the Enterprise host's). */
  url: string;
  /** Monorepo folder the package lives in, from `repository.directory`. */
  directory?: string;
  /** Whether a token was sent; unauthenticated runs have a low rate limit (60 an hour). */
  authenticated: boolean;
  /** One line each: partial answers, moved repositories, low limits. */
  notes: string[];
}

/** The repository does not exist, or is private and the token (if any) cannot see it. */
export interface GitHubRepositoryMissing extends GitHubFactsBase {
  found: false;
  /** The HTTP status that said so (404, or 451 for a repository blocked for legal reasons). */
  status: number;
}

export interface GitHubRepositoryFound extends GitHubFactsBase {
  found: true;
  repository: GitHubRepository;
  commits?: GitHubCommitWindow;
  contributors?: GitHubContributor[];
  releases?: GitHubReleases;
  securityPolicy?: GitHubSecurityPolicy;
  packageJson?: GitHubPackageJson;
  /** Files of the default branch under the package's folder, to compare with what is published. */
  tree?: GitHubTree;
}

export interface GitHubTree {
  /** The folder listed (the package's `directory`, or "" for the root). */
  directory: string;
  /** File paths relative to that folder, capped. */
  paths: string[];
  /** GitHub (or the cap) cut the listing short: absence proves nothing. */
  truncated: boolean;
}

export interface GitHubRepository {
  /** owner/name as GitHub spells it now (differs from the package's after a rename). */
  fullName: string;
  htmlUrl: string;
  /** Each of these is undefined when GitHub's answer lacked it or had it malformed. */
  archived?: boolean;
  disabled?: boolean;
  fork?: boolean;
  /** For a fork: the repository it was forked from. */
  parent?: { fullName: string; htmlUrl: string };
  ownerLogin?: string;
  /** "User" or "Organization" as GitHub says; anything else kept as written. */
  ownerType?: string;
  createdAt?: string;
  pushedAt?: string;
  updatedAt?: string;
  defaultBranch?: string;
  /** SPDX id GitHub detected, or undefined (none, or "NOASSERTION"). */
  license?: string;
  stars?: number;
  forks?: number;
  openIssues?: number;
}

export interface GitHubIdentity {
  login?: string;
  name?: string;
  email?: string;
}

export interface GitHubCommit {
  sha: string;
  /** When the change was written (can be set freely by the author). */
  authorDate?: string;
  /** When it was applied to the branch (rebases and merges move it). */
  committerDate?: string;
  author: GitHubIdentity;
  committer: GitHubIdentity;
}

/** Commits on the default branch, newest first, within the window. */
export interface GitHubCommitWindow {
  /** Start of the window (ISO): commits older than this were dropped. */
  since: string;
  windowDays: number;
  items: GitHubCommit[];
  /** The request budget ended before the window did: there are more commits than listed. */
  truncated: boolean;
  /** Newest commit's date even when it is older than the window (for "last commit N days ago"). */
  latestCommitDate?: string;
}

export interface GitHubContributor {
  login?: string;
  /** "User", "Bot", or "Anonymous" for contributors without an account. */
  type: string;
  contributions: number;
}

export interface GitHubRelease {
  tag: string;
  publishedAt?: string;
  prerelease: boolean;
}

export interface GitHubReleases {
  /** Newest published, non-draft, non-prerelease release (GitHub's "latest"). */
  latest?: GitHubRelease;
  /** Up to the first page of releases, newest first, drafts left out. */
  recent: GitHubRelease[];
}

export interface GitHubSecurityPolicy {
  present: boolean;
  /** Where it was found: SECURITY.md, .github/SECURITY.md or docs/SECURITY.md. */
  path?: string;
  /** Folders that were looked in. */
  checked: string[];
}

export interface GitHubPackageJson {
  /** Path inside the repository that was asked for. */
  path: string;
  found: boolean;
  /** The `name` it declares, when it declares a string one. */
  name?: string;
  /** Declares npm/yarn workspaces: a monorepo root, so the package may live in a sub-folder. */
  workspaces?: boolean;
}
