import { createHash } from "node:crypto";
import type { FixtureRequest, FixtureResponse, Route } from "../fixture-server.js";

/**
 * GitHub's REST API as far as mcp-vet asks it: repositories, commits (paged, with Link
 * headers), contributors, releases and contents. Answers carry ETags and honour
 * If-None-Match with a 304 that, as on GitHub, costs no rate limit. Switches make a
 * repository archived, missing, renamed, or the whole API rate-limited.
 *
 * Shapes follow docs.github.com/en/rest (repos, commits, repos#list-repository-contributors,
 * releases, repos/contents), trimmed to the fields mcp-vet reads plus a few it ignores.
 */

export interface FixtureCommit {
  sha: string;
  date: string;
  /** Author date when it differs from the commit date (rebases). */
  authorDate?: string;
  login?: string;
  name: string;
  email: string;
}

export interface FixtureRepo {
  owner: string;
  name: string;
  /** Fields of the repository record to override (archived, fork, owner type, dates…). */
  record?: Record<string, unknown>;
  commits?: FixtureCommit[];
  contributors?: { login: string; contributions: number; type?: string }[];
  releases?: { tag_name: string; published_at: string; prerelease?: boolean; draft?: boolean }[];
  /** Files by path; folders are implied by the paths. */
  files?: Record<string, string>;
  /** No commits yet: GitHub answers 409 for commits and 204 for contributors. */
  empty?: boolean;
  /** Old owner/name that redirects here, as GitHub does after a rename. */
  renamedFrom?: string;
}

export interface RateLimitSwitch {
  status: 429 | 403;
  /** Epoch seconds of the reset. */
  reset: number;
}

const DEFAULT_NOW = Date.parse("2026-11-01T00:00:00.000Z");

export class GitHubFixture {
  private readonly repos = new Map<string, FixtureRepo>();
  private readonly moved = new Map<string, string>();
  /** When set, every request is refused as over the limit. */
  rateLimit: RateLimitSwitch | undefined;
  /** Full answers (these cost rate limit on GitHub) and 304s (these do not). */
  readonly counts = { full: 0, notModified: 0, rateLimited: 0 };

  constructor(readonly prefix = "/github") {}

  add(repo: FixtureRepo): this {
    this.repos.set(key(repo.owner, repo.name), repo);
    if (repo.renamedFrom) this.moved.set(repo.renamedFrom.toLowerCase(), `${repo.owner}/${repo.name}`);
    return this;
  }

  get(owner: string, name: string): FixtureRepo | undefined {
    return this.repos.get(key(owner, name));
  }

  remove(owner: string, name: string): void {
    this.repos.delete(key(owner, name));
  }

  resetCounts(): void {
    this.counts.full = 0;
    this.counts.notModified = 0;
    this.counts.rateLimited = 0;
  }

  readonly route: Route = (req) => {
    if (req.method !== "GET") return undefined;
    if (this.rateLimit) {
      this.counts.rateLimited++;
      return rateLimited(this.rateLimit, req);
    }
    const m =
      /^\/repos\/([^/]+)\/([^/]+)(?:\/(commits|contributors|releases|contents|git\/trees)(?:\/(.*))?)?$/.exec(
        req.path,
      );
    if (!m) return undefined;
    const [, owner, name, kind, rest] = m as unknown as [
      string,
      string,
      string,
      string | undefined,
      string | undefined,
    ];
    const target = this.moved.get(`${owner}/${name}`.toLowerCase());
    if (target) {
      const suffix = req.rawPath.split("/").slice(4).join("/");
      const search = req.query.toString();
      const location = `${req.origin}${this.prefix}/repos/${target}${suffix ? `/${suffix}` : ""}${search ? `?${search}` : ""}`;
      return { status: 301, headers: { location }, body: { message: "Moved Permanently", url: location } };
    }
    const repo = this.get(owner, name);
    if (!repo)
      return this.answer(req, 404, {
        message: "Not Found",
        documentation_url: "https://docs.github.com/rest",
      });
    if (repo.empty && kind === "commits")
      return this.answer(req, 409, { message: "Git Repository is empty." });
    if (repo.empty && kind === "contributors") return { status: 204 };
    switch (kind) {
      case undefined:
        return this.answer(req, 200, repoRecord(repo, req));
      case "commits":
        return this.page(req, (repo.commits ?? []).map(commitRecord), `/repos/${owner}/${name}/commits`);
      case "contributors":
        return this.page(
          req,
          (repo.contributors ?? []).map(contributorRecord),
          `/repos/${owner}/${name}/contributors`,
        );
      case "releases":
        return this.page(req, (repo.releases ?? []).map(releaseRecord), `/repos/${owner}/${name}/releases`);
      case "contents":
        return this.contents(req, repo, rest ?? "");
      case "git/trees":
        // The whole tree of the default branch (recursive=1), as GitHub lists it.
        return this.answer(req, 200, {
          sha: "0".repeat(40),
          truncated: false,
          tree: Object.keys(repo.files ?? {}).map((path) => ({ path, type: "blob", mode: "100644" })),
        });
    }
    return undefined;
  };

  private page(req: FixtureRequest, all: object[], path: string): FixtureResponse {
    const perPage = Math.min(Number(req.query.get("per_page") ?? 30) || 30, 100);
    const page = Math.max(Number(req.query.get("page") ?? 1) || 1, 1);
    const items = all.slice((page - 1) * perPage, page * perPage);
    const last = Math.max(Math.ceil(all.length / perPage), 1);
    const links: string[] = [];
    const at = (p: number) => `<${req.origin}${this.prefix}${path}?per_page=${perPage}&page=${p}>`;
    if (page < last) links.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`);
    if (page > 1) links.push(`${at(1)}; rel="first"`, `${at(page - 1)}; rel="prev"`);
    return this.answer(req, 200, items, links.length ? { link: links.join(", ") } : {});
  }

  private contents(req: FixtureRequest, repo: FixtureRepo, path: string): FixtureResponse {
    const files = repo.files ?? {};
    const clean = path.replace(/^\/+|\/+$/g, "");
    const file = files[clean];
    const api = `${req.origin}${this.prefix}/repos/${repo.owner}/${repo.name}/contents`;
    if (file !== undefined) {
      return this.answer(req, 200, {
        type: "file",
        name: clean.split("/").pop(),
        path: clean,
        size: Buffer.byteLength(file),
        encoding: "base64",
        content: Buffer.from(file)
          .toString("base64")
          .replace(/(.{60})/g, "$1\n"),
        url: `${api}/${clean}`,
      });
    }
    const prefix = clean ? `${clean}/` : "";
    const entries = new Map<string, "file" | "dir">();
    for (const p of Object.keys(files)) {
      if (!p.startsWith(prefix)) continue;
      const [head, ...tail] = p.slice(prefix.length).split("/");
      if (head) entries.set(head, tail.length ? "dir" : "file");
    }
    if (entries.size === 0) return this.answer(req, 404, { message: "Not Found" });
    const list = [...entries].map(([name, type]) => ({
      name,
      path: `${prefix}${name}`,
      type,
      url: `${api}/${prefix}${name}`,
    }));
    return this.answer(req, 200, list);
  }

  /** An answer with an ETag; a matching If-None-Match gets a bodiless 304 instead. */
  private answer(
    req: FixtureRequest,
    status: number,
    body: object,
    extra: Record<string, string> = {},
  ): FixtureResponse {
    const text = JSON.stringify(body);
    const etag = `W/"${createHash("sha1").update(text).digest("hex")}"`;
    const limits = rateHeaders(req, this.counts.full);
    if (status === 200 && req.headers["if-none-match"] === etag) {
      this.counts.notModified++;
      return { status: 304, headers: { etag, ...limits } };
    }
    this.counts.full++;
    return {
      status,
      headers: {
        "content-type": "application/json; charset=utf-8",
        ...(status === 200 ? { etag } : {}),
        ...limits,
        ...extra,
      },
      body: text,
    };
  }
}

function key(owner: string, name: string): string {
  return `${owner}/${name}`.toLowerCase();
}

function rateHeaders(req: FixtureRequest, used: number): Record<string, string> {
  const limit = req.headers.authorization ? 5000 : 60;
  return {
    "x-ratelimit-limit": String(limit),
    "x-ratelimit-remaining": String(Math.max(limit - used - 1, 0)),
    "x-ratelimit-reset": String(Math.floor(DEFAULT_NOW / 1000) + 3600),
  };
}

function rateLimited(sw: RateLimitSwitch, req: FixtureRequest): FixtureResponse {
  const limit = req.headers.authorization ? "5000" : "60";
  const headers: Record<string, string> = {
    "content-type": "application/json; charset=utf-8",
    "x-ratelimit-limit": limit,
    "x-ratelimit-remaining": "0",
    "x-ratelimit-reset": String(sw.reset),
  };
  if (sw.status === 429) headers["retry-after"] = "60";
  return {
    status: sw.status,
    headers,
    body: JSON.stringify({
      message:
        "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit.)",
      documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
    }),
  };
}

function repoRecord(repo: FixtureRepo, req: FixtureRequest): object {
  const full = `${repo.owner}/${repo.name}`;
  const ownerType = (repo.record?.ownerType as string | undefined) ?? "Organization";
  const { ownerType: _drop, ...record } = repo.record ?? {};
  return {
    id: 100000 + repo.name.length,
    name: repo.name,
    full_name: full,
    private: false,
    owner: { login: repo.owner, id: 1, type: ownerType, site_admin: false },
    html_url: `https://github.com/${full}`,
    description: "A Model Context Protocol server",
    fork: false,
    url: `${req.origin}/repos/${full}`,
    created_at: "2024-11-19T10:00:00Z",
    updated_at: "2026-10-30T12:00:00Z",
    pushed_at: "2026-10-29T09:00:00Z",
    homepage: null,
    size: 1234,
    stargazers_count: 1500,
    watchers_count: 1500,
    language: "TypeScript",
    forks_count: 120,
    archived: false,
    disabled: false,
    open_issues_count: 42,
    license: { key: "mit", name: "MIT License", spdx_id: "MIT" },
    topics: ["mcp"],
    visibility: "public",
    default_branch: "main",
    ...record,
  };
}

function commitRecord(c: FixtureCommit): object {
  const account = c.login ? { login: c.login, id: c.login.length, type: "User" } : null;
  return {
    sha: c.sha,
    commit: {
      author: { name: c.name, email: c.email, date: c.authorDate ?? c.date },
      committer: { name: c.name, email: c.email, date: c.date },
      message: "change",
    },
    author: account,
    committer: account,
    parents: [],
  };
}

function contributorRecord(c: { login: string; contributions: number; type?: string }): object {
  return { login: c.login, id: c.login.length, type: c.type ?? "User", contributions: c.contributions };
}

function releaseRecord(r: {
  tag_name: string;
  published_at: string;
  prerelease?: boolean;
  draft?: boolean;
}): object {
  return {
    tag_name: r.tag_name,
    name: r.tag_name,
    draft: r.draft ?? false,
    prerelease: r.prerelease ?? false,
    created_at: r.published_at,
    published_at: r.published_at,
  };
}

/** `count` commits, one every `everyDays` days back from `from`, round-robin over `authors`. */
export function commitsEvery(
  everyDays: number,
  count: number,
  authors: { login?: string; name: string; email: string }[],
  from = "2026-10-29T09:00:00.000Z",
): FixtureCommit[] {
  const start = Date.parse(from);
  return Array.from({ length: count }, (_, i) => {
    const a = authors[i % authors.length]!;
    return {
      sha: createHash("sha1").update(`${from}:${i}`).digest("hex"),
      date: new Date(start - i * everyDays * 86_400_000).toISOString().replace(".000", ""),
      ...a,
    };
  });
}

/** A healthy, organisation-owned MCP server repository with a year of commits. */
export function healthyRepo(
  owner: string,
  name: string,
  packageName: string,
  overrides: Partial<FixtureRepo> = {},
): FixtureRepo {
  return {
    owner,
    name,
    commits: commitsEvery(2, 250, [
      { login: "alice", name: "Alice", email: "alice@example.com" },
      { login: "bob", name: "Bob", email: "bob@example.com" },
      { login: "carol", name: "Carol", email: "carol@example.com" },
    ]),
    contributors: [
      { login: "alice", contributions: 300 },
      { login: "bob", contributions: 120 },
      { login: "carol", contributions: 40 },
      { login: "dependabot[bot]", contributions: 30, type: "Bot" },
    ],
    releases: [
      { tag_name: "v1.2.0", published_at: "2026-09-01T00:00:00Z" },
      { tag_name: "v1.1.0", published_at: "2026-03-01T00:00:00Z" },
      { tag_name: "v1.0.0", published_at: "2025-06-01T00:00:00Z" },
    ],
    files: {
      "package.json": JSON.stringify({ name: packageName, version: "1.2.0" }),
      "README.md": "# server",
      "SECURITY.md": "Report vulnerabilities to security@example.com",
      ".github/workflows/ci.yml": "on: push",
    },
    ...overrides,
  };
}
