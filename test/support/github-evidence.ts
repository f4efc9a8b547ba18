import type { Heuristic } from "../../scoring/engine/types.js";
import type {
  Evidence,
  GitHubCommit,
  GitHubCommitWindow,
  GitHubFacts,
  GitHubIdentity,
  GitHubRepository,
  GitHubRepositoryFound,
  GitHubRepositoryMissing,
} from "../../src/evidence/index.js";
import { evidence, NOW } from "./evidence.js";

const DAY_MS = 86_400_000;

/** The ISO time `days` before the test clock. */
export function daysAgo(days: number): string {
  return new Date(Date.parse(NOW) - days * DAY_MS).toISOString();
}

const PEOPLE: GitHubIdentity[] = [
  { login: "alice", name: "Alice", email: "alice@example.com" },
  { login: "bob", name: "Bob", email: "bob@example.com" },
  { login: "carol", name: "Carol", email: "carol@example.com" },
];

/** Commits at the given ages in days (newest first), authored round-robin by `authors`. */
export function commitsAt(
  ages: number[],
  authors: GitHubIdentity[] = PEOPLE,
  truncated = false,
): GitHubCommitWindow {
  const sorted = [...ages].sort((a, b) => a - b);
  const items: GitHubCommit[] = sorted.map((age, i) => {
    const who = authors[i % authors.length]!;
    return {
      sha: `c${i}`,
      authorDate: daysAgo(age),
      committerDate: daysAgo(age),
      author: who,
      committer: who,
    };
  });
  return {
    since: daysAgo(365),
    windowDays: 365,
    items: items.filter((c) => c.committerDate! >= daysAgo(365)),
    truncated,
    ...(items[0] ? { latestCommitDate: items[0].committerDate } : {}),
  };
}

/** A healthy repository: an organisation's, two years old, committed to every two weeks by three people. */
export function githubFacts(
  overrides: Partial<GitHubRepositoryFound> = {},
  repository: Partial<GitHubRepository> = {},
): GitHubRepositoryFound {
  return {
    owner: "example",
    repo: "example-mcp-server",
    url: "https://github.com/example/example-mcp-server",
    authenticated: true,
    notes: [],
    found: true,
    repository: {
      fullName: "example/example-mcp-server",
      htmlUrl: "https://github.com/example/example-mcp-server",
      archived: false,
      disabled: false,
      fork: false,
      ownerLogin: "example",
      ownerType: "Organization",
      createdAt: daysAgo(730),
      pushedAt: daysAgo(3),
      defaultBranch: "main",
      license: "MIT",
      stars: 800,
      openIssues: 12,
      ...repository,
    },
    commits: commitsAt(Array.from({ length: 26 }, (_, i) => 3 + i * 14)),
    contributors: [
      { login: "alice", type: "User", contributions: 200 },
      { login: "bob", type: "User", contributions: 80 },
    ],
    releases: { recent: [{ tag: "v1.2.0", publishedAt: daysAgo(60), prerelease: false }] },
    securityPolicy: { present: true, path: "SECURITY.md", checked: ["/"] },
    packageJson: { path: "package.json", found: true, name: "example-mcp-server" },
    ...overrides,
  };
}

/** Default evidence (package example-mcp-server) with this GitHub part. */
export function withGitHub(data: GitHubFacts): Evidence {
  return evidence({ github: { status: "ok", data } });
}

export const MISSING: GitHubRepositoryMissing = {
  owner: "example",
  repo: "example-mcp-server",
  url: "https://github.com/example/example-mcp-server",
  authenticated: false,
  notes: [],
  found: false,
  status: 404,
};

/** Severities of a heuristic's findings ("credit:" prefixed for positive ones), or its status when not evaluated. */
export function outcome(heuristic: Heuristic, ev: Evidence): string[] | "unknown" | "skipped" {
  const result = heuristic.evaluate(ev);
  if (result.status !== "evaluated") return result.status;
  return result.findings.map((f) => (f.credit ? `credit:${f.severity}` : f.severity));
}
