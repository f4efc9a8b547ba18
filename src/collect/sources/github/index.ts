import type { Octokit } from "@octokit/rest";
import { z } from "zod";
import { type HttpResponse, isLastingFailure } from "../../../../cache/http.js";
import type {
  GitHubCommit,
  GitHubCommitWindow,
  GitHubContributor,
  GitHubFacts,
  GitHubIdentity,
  GitHubPackageJson,
  GitHubRelease,
  GitHubReleases,
  GitHubRepository,
  GitHubSecurityPolicy,
  GitHubTree,
  Part,
  RepositoryRef,
} from "../../../evidence/index.js";
import type { FetchContext } from "../../context.js";
import { CACHE_STATUS_HEADER, fetchVia } from "../../http-fetch.js";
import type { Collected, Seed, Source } from "../../source.js";
import { DEFAULT_RETRIES, errorLine, isoDate } from "../../util.js";
import { isOnGitHub } from "./repository.js";

/**
 * The GitHub fetcher: repository facts, a year of commits, contributors, releases, the
 * security policy and the package.json at the package's folder, through Octokit (with the
 * throttling and retry plugins) over the shared HTTP cache.
 *
 * Request budget per repository, at most GITHUB_REQUEST_BUDGET calls:
 *   1  GET /repos/{o}/{r}                     facts; also the change detector (below)
 *   3  GET /repos/{o}/{r}/commits?page=1..3   100 a page: stops at the window's start
 *   1  GET /repos/{o}/{r}/contributors
 *   1  GET /repos/{o}/{r}/releases
 *   3  GET /repos/{o}/{r}/contents[/.github|/docs]  SECURITY.md; sub-folders only if present
 *   1  GET /repos/{o}/{r}/contents/{dir}/package.json
 *   1  GET /repos/{o}/{r}/git/trees/{branch}?recursive=1   files, to compare with the tarball
 *   2  redirect hops (renamed repositories)
 * The budget is checked before each call; a call the budget refuses leaves its fact unknown.
 *
 * Warm runs: the repository record is always revalidated (a 304 costs no rate limit). When
 * it is unchanged (its ETag covers pushed_at, so no push happened), every other answer is
 * served from the cache without asking, so a warm run costs one conditional request.
 */

export const GITHUB_REQUEST_BUDGET = 13;
/** Paths kept from the tree: enough for any MCP server's folder. */
const MAX_TREE_PATHS = 20_000;
const COMMIT_WINDOW_DAYS = 365;
const COMMIT_PAGES = 3;
const PAGE_SIZE = 100;
const RELEASES_PAGE_SIZE = 30;
/** How long other answers are trusted without asking while the repository record is unchanged. */
const UNCHANGED_TTL_SECONDS = 7 * 86_400;
const MAX_BODY_BYTES = 4 * 1024 * 1024;
const MAX_PACKAGE_JSON_BYTES = 512 * 1024;
const MAX_IDENTITY_CHARS = 200;
const SECURITY_FILE = /^security(\.(md|markdown|txt|rst))?$/i;
const SECURITY_FOLDERS = [".github", "docs"];

/**
 * Octokit reports a fetch that threw as a status-500 error, which plugin-retry retries; a
 * name that did not resolve, or a certificate not trusted, fails the same way a second later
 * (those waits were 1.25 s per run). Listed before plugin-retry, so its error hook runs first
 * and sets this request's retries to 0, the per-request switch plugin-retry documents.
 */
function noRetryOnLastingFailure(octokit: Pick<Octokit, "hook">): void {
  octokit.hook.error("request", (error, options) => {
    if (isLastingFailure(error)) options.request = { ...options.request, retries: 0 };
    throw error;
  });
}

type Client = Octokit;
type ClientClass = new (options: Record<string, unknown>) => Client;
let clientClass: Promise<ClientClass> | undefined;

/** Octokit with its plugins, loaded on first use: a run that never asks GitHub never loads it. */
function retryingOctokit(): Promise<ClientClass> {
  clientClass ??= Promise.all([
    import("@octokit/rest"),
    import("@octokit/plugin-throttling"),
    import("@octokit/plugin-retry"),
  ]).then(
    ([{ Octokit }, { throttling }, { retry }]) =>
      Octokit.plugin(throttling, noRetryOnLastingFailure, retry) as unknown as ClientClass,
  );
  return clientClass;
}

/** Facts about `repo` from the GitHub API at ctx.githubApiUrl; never throws. */
export async function fetchGitHub(
  ctx: FetchContext,
  repo: RepositoryRef | undefined,
  packageName: string,
): Promise<Part<GitHubFacts>> {
  if (!repo) return { status: "skipped", reason: "the package names no repository" };
  if (!isOnGitHub(repo, ctx.githubApiUrl)) {
    return {
      status: "skipped",
      reason: `the repository is on ${repo.host ?? "an unknown host"}, not GitHub`,
    };
  }
  const session = new Session(ctx, await retryingOctokit(), repo.owner!, repo.repo!);
  try {
    return { status: "ok", data: await collect(session, repo, packageName) };
  } catch (err) {
    return { status: "unavailable", error: describeError(err, session) };
  }
}

/** One repository's worth of requests: its client, budget, cache policy and notes. */
class Session {
  readonly octokit: Client;
  readonly notes: string[] = [];
  readonly authenticated: boolean;
  used = 0;
  /** Seconds answers other than the repository record may be served from the store. */
  ttlSeconds = 0;

  constructor(
    readonly ctx: FetchContext,
    RetryingOctokit: ClientClass,
    public owner: string,
    public repo: string,
  ) {
    const baseUrl = ctx.githubApiUrl.replace(/\/+$/, "");
    this.authenticated = Boolean(ctx.githubToken);
    const fetch = fetchVia(ctx.http, {
      origin: new URL(baseUrl).origin,
      ttlSeconds: () => this.ttlSeconds,
      maxBytes: MAX_BODY_BYTES,
      onResponse: (url: string, res: HttpResponse) => {
        this.used++;
        ctx.log.debug(
          `github: ${res.status} ${res.revalidated ? "(304) " : res.fromCache ? "(cache) " : ""}${url}`,
        );
      },
    });
    const debug = (message: string) => ctx.log.debug(`github: ${message}`);
    this.octokit = new RetryingOctokit({
      baseUrl,
      auth: ctx.githubToken,
      userAgent: "mcp-vet",
      // The target's deadline ends every request of the session (octokit hands it to fetch).
      request: { fetch, ...(ctx.signal ? { signal: ctx.signal } : {}) },
      log: { debug, info: debug, warn: debug, error: debug },
      // An exhausted limit ends this source for the run: waiting up to an hour is not an answer.
      throttle: { onRateLimit: () => false, onSecondaryRateLimit: () => false },
      retry: {
        retries: ctx.offline ? 0 : (ctx.retries ?? DEFAULT_RETRIES),
        retryAfterBaseValue: 250,
        doNotRetry: [304, 400, 401, 403, 404, 409, 410, 422, 429, 451],
      },
    });
  }

  /** Asks about the repository under the name GitHub now gives it. */
  retarget(owner: string, repo: string): void {
    this.owner = owner;
    this.repo = repo;
  }

  /** GET a route, or undefined with a note when it failed for a reason local to that fact. */
  async get(
    label: string,
    route: string,
    params: Record<string, unknown> = {},
    /** Statuses that mean "an empty list" here (409: the repository has no commits yet). */
    emptyOn: number[] = [],
  ): Promise<Answer | undefined> {
    if (this.used >= GITHUB_REQUEST_BUDGET) {
      this.notes.push(`${label}: not asked, the request budget of ${GITHUB_REQUEST_BUDGET} was spent`);
      return undefined;
    }
    try {
      return await this.request(route, params);
    } catch (err) {
      if (isFatal(err)) throw err;
      const status = statusOf(err);
      if (status !== undefined && emptyOn.includes(status)) return { status, data: [], headers: {} };
      this.notes.push(`${label}: ${describeError(err, this)}`);
      return undefined;
    }
  }

  async request(route: string, params: Record<string, unknown> = {}): Promise<Answer> {
    const res = await this.octokit.request(route, { owner: this.owner, repo: this.repo, ...params });
    return { status: res.status, data: res.data as unknown, headers: res.headers as Record<string, unknown> };
  }
}

interface Answer {
  status: number;
  data: unknown;
  headers: Record<string, unknown>;
}

async function collect(session: Session, ref: RepositoryRef, packageName: string): Promise<GitHubFacts> {
  const { ctx } = session;
  const base = {
    owner: session.owner,
    repo: session.repo,
    url: ref.url ?? `https://github.com/${session.owner}/${session.repo}`,
    ...(ref.directory ? { directory: ref.directory } : {}),
    authenticated: session.authenticated,
    notes: session.notes,
  };
  if (!session.authenticated) {
    session.notes.push("unauthenticated: GitHub allows 60 requests an hour; set GITHUB_TOKEN or GH_TOKEN");
  }

  let answer: Answer;
  try {
    answer = await session.request("GET /repos/{owner}/{repo}");
  } catch (err) {
    const status = statusOf(err);
    if ((status === 404 || status === 451) && !isFatal(err)) return { ...base, found: false, status };
    throw err;
  }
  const repository = parseRepositoryRecord(answer.data, session.notes);
  if (!repository)
    throw new UnreadableAnswer("GitHub answered with a repository record that could not be read");
  const unchanged = answer.headers[CACHE_STATUS_HEADER] !== "network";
  session.ttlSeconds = unchanged && !ctx.refresh ? UNCHANGED_TTL_SECONDS : 0;

  // Ask about the repository by the name GitHub gives it now: a renamed one would otherwise
  // answer every call below with a redirect.
  const [owner, name] = repository.fullName.split("/");
  if (
    owner &&
    name &&
    repository.fullName.toLowerCase() !== `${session.owner}/${session.repo}`.toLowerCase()
  ) {
    session.notes.push(`the repository is now ${repository.fullName}`);
  }
  if (owner && name) session.retarget(owner, name);

  const since = new Date(Date.parse(ctx.now) - COMMIT_WINDOW_DAYS * 86_400_000).toISOString();
  // Settle all before judging: a fatal error in one must not leave the others still asking.
  const [commits, contribs, rels, security, pkg, tree] = await Promise.allSettled([
    commitWindow(session, since),
    contributors(session),
    releases(session),
    securityPolicy(session),
    packageJsonAt(session, ref.directory, packageName),
    repositoryTree(session, repository.defaultBranch, ref.directory),
  ]);
  return {
    ...base,
    found: true,
    repository,
    ...defined({
      commits: settledValue(commits),
      contributors: settledValue(contribs),
      releases: settledValue(rels),
      securityPolicy: settledValue(security),
      packageJson: settledValue(pkg),
      tree: settledValue(tree),
    }),
  };
}

/** The value of a settled call; a rejection is always fatal to the source, so it is rethrown. */
function settledValue<T>(result: PromiseSettledResult<T>): T {
  if (result.status === "rejected") throw result.reason;
  return result.value;
}

// --- repository record ---------------------------------------------------------------------

const optString = z.string().max(2000).optional().catch(undefined);
const optBool = z.boolean().optional().catch(undefined);
const optCount = z.number().int().nonnegative().optional().catch(undefined);

const RepositorySchema = z.object({
  full_name: z.string().regex(/^[^/\s]+\/[^/\s]+$/),
  html_url: z.string().max(2000),
  archived: optBool,
  disabled: optBool,
  fork: optBool,
  parent: z.object({ full_name: z.string(), html_url: z.string() }).optional().catch(undefined),
  owner: z.object({ login: z.string(), type: z.string() }).optional().catch(undefined),
  created_at: optString,
  pushed_at: optString,
  updated_at: optString,
  default_branch: optString,
  license: z.object({ spdx_id: z.string().nullish() }).nullish().catch(undefined),
  stargazers_count: optCount,
  forks_count: optCount,
  open_issues_count: optCount,
});

function parseRepositoryRecord(data: unknown, notes: string[]): GitHubRepository | undefined {
  const parsed = RepositorySchema.safeParse(data);
  if (!parsed.success) return undefined;
  const r = parsed.data;
  noteMalformed(data, r, ["archived", "disabled", "fork", "owner", "created_at", "pushed_at"], notes);
  const spdx = r.license?.spdx_id;
  return {
    fullName: r.full_name,
    htmlUrl: r.html_url,
    ...defined({
      archived: r.archived,
      disabled: r.disabled,
      fork: r.fork,
      parent: r.parent ? { fullName: r.parent.full_name, htmlUrl: r.parent.html_url } : undefined,
      ownerLogin: r.owner?.login,
      ownerType: r.owner?.type,
      createdAt: isoDate(r.created_at),
      pushedAt: isoDate(r.pushed_at),
      updatedAt: isoDate(r.updated_at),
      defaultBranch: r.default_branch,
      license: spdx && spdx !== "NOASSERTION" ? spdx : undefined,
      stars: r.stargazers_count,
      forks: r.forks_count,
      openIssues: r.open_issues_count,
    }),
  };
}

// --- commits -------------------------------------------------------------------------------

const IdentitySchema = z
  .object({ name: z.string().nullish(), email: z.string().nullish(), date: z.string().nullish() })
  .nullish()
  .catch(undefined);
const AccountSchema = z.object({ login: z.string() }).nullish().catch(undefined);
const CommitSchema = z.object({
  sha: z.string().max(64),
  commit: z.object({ author: IdentitySchema, committer: IdentitySchema }),
  author: AccountSchema,
  committer: AccountSchema,
});

async function commitWindow(session: Session, since: string): Promise<GitHubCommitWindow | undefined> {
  const items: GitHubCommit[] = [];
  let latestCommitDate: string | undefined;
  let truncated = false;
  let skipped = 0;
  for (let page = 1; page <= COMMIT_PAGES; page++) {
    // No `since` parameter: a url that changes with the clock would never revalidate.
    const answer = await session.get(
      "commits",
      "GET /repos/{owner}/{repo}/commits",
      { per_page: PAGE_SIZE, page },
      [409],
    );
    if (!answer) {
      if (page === 1) return undefined;
      truncated = true;
      break;
    }
    if (!Array.isArray(answer.data)) {
      session.notes.push("commits: the answer was not a list");
      return undefined;
    }
    let reachedStart = false;
    for (const raw of answer.data) {
      const c = CommitSchema.safeParse(raw);
      if (!c.success) {
        skipped++;
        continue;
      }
      const commit = toCommit(c.data);
      const date = commit.committerDate ?? commit.authorDate;
      latestCommitDate ??= date;
      if (date && date < since) {
        reachedStart = true;
        break;
      }
      items.push(commit);
    }
    const hasNext = /rel="next"/.test(String(answer.headers.link ?? ""));
    if (reachedStart || !hasNext || answer.data.length < PAGE_SIZE) break;
    if (page === COMMIT_PAGES) truncated = true;
  }
  if (skipped) session.notes.push(`commits: ${skipped} malformed entries skipped`);
  return { since, windowDays: COMMIT_WINDOW_DAYS, items, truncated, ...defined({ latestCommitDate }) };
}

function toCommit(c: z.infer<typeof CommitSchema>): GitHubCommit {
  return {
    sha: c.sha,
    ...defined({
      authorDate: isoDate(c.commit.author?.date ?? undefined),
      committerDate: isoDate(c.commit.committer?.date ?? undefined),
    }),
    author: identity(c.author?.login, c.commit.author),
    committer: identity(c.committer?.login, c.commit.committer),
  };
}

function identity(
  login: string | undefined,
  git: { name?: string | null; email?: string | null } | null | undefined,
): GitHubIdentity {
  return defined({
    login: cap(login),
    name: cap(git?.name ?? undefined),
    email: cap(git?.email ?? undefined),
  });
}

// --- contributors, releases ----------------------------------------------------------------

const ContributorSchema = z.object({
  login: z.string().optional().catch(undefined),
  type: z.string().catch("unknown"),
  contributions: z.number().int().nonnegative().catch(0),
});

async function contributors(session: Session): Promise<GitHubContributor[] | undefined> {
  const answer = await session.get("contributors", "GET /repos/{owner}/{repo}/contributors", {
    per_page: PAGE_SIZE,
  });
  if (!answer) return undefined;
  // 204: an empty repository has no contributors.
  if (answer.status === 204 || answer.data === "" || answer.data === undefined) return [];
  if (!Array.isArray(answer.data)) {
    session.notes.push("contributors: the answer was not a list");
    return undefined;
  }
  return answer.data.flatMap((raw) => {
    const c = ContributorSchema.safeParse(raw);
    return c.success
      ? [defined({ login: cap(c.data.login), type: c.data.type, contributions: c.data.contributions })]
      : [];
  }) as GitHubContributor[];
}

const ReleaseSchema = z.object({
  tag_name: z.string().max(300),
  published_at: z.string().nullish(),
  draft: z.boolean().catch(false),
  prerelease: z.boolean().catch(false),
});

async function releases(session: Session): Promise<GitHubReleases | undefined> {
  const answer = await session.get("releases", "GET /repos/{owner}/{repo}/releases", {
    per_page: RELEASES_PAGE_SIZE,
  });
  if (!answer) return undefined;
  if (!Array.isArray(answer.data)) {
    session.notes.push("releases: the answer was not a list");
    return undefined;
  }
  const recent: GitHubRelease[] = [];
  for (const raw of answer.data) {
    const r = ReleaseSchema.safeParse(raw);
    if (!r.success || r.data.draft) continue;
    recent.push({
      tag: r.data.tag_name,
      prerelease: r.data.prerelease,
      ...defined({ publishedAt: isoDate(r.data.published_at ?? undefined) }),
    });
  }
  recent.sort((a, b) => (b.publishedAt ?? "").localeCompare(a.publishedAt ?? ""));
  const latest = recent.find((r) => !r.prerelease && r.publishedAt);
  return { recent, ...defined({ latest }) };
}

// --- contents: SECURITY.md and package.json --------------------------------------------------

const EntrySchema = z.object({ name: z.string(), type: z.string() });

async function listFolder(
  session: Session,
  folder: string,
): Promise<{ name: string; type: string }[] | undefined> {
  const answer = await session.get(`contents of ${folder || "/"}`, contentsRoute(folder));
  if (!answer) return undefined;
  if (!Array.isArray(answer.data)) return [];
  return answer.data.flatMap((raw) => {
    const e = EntrySchema.safeParse(raw);
    return e.success ? [e.data] : [];
  });
}

async function securityPolicy(session: Session): Promise<GitHubSecurityPolicy | undefined> {
  const root = await listFolder(session, "");
  if (!root) return undefined;
  const checked = ["/"];
  const atRoot = root.find((e) => e.type === "file" && SECURITY_FILE.test(e.name));
  if (atRoot) return { present: true, path: atRoot.name, checked };
  const folders = SECURITY_FOLDERS.filter((f) => root.some((e) => e.type === "dir" && e.name === f));
  const listings = await Promise.all(folders.map((f) => listFolder(session, f)));
  let unknown = false;
  for (const [i, listing] of listings.entries()) {
    const folder = folders[i]!;
    if (!listing) {
      unknown = true;
      continue;
    }
    checked.push(`${folder}/`);
    const hit = listing.find((e) => e.type === "file" && SECURITY_FILE.test(e.name));
    if (hit) return { present: true, path: `${folder}/${hit.name}`, checked };
  }
  // A folder that could not be listed might hold it: unknown rather than absent.
  return unknown ? undefined : { present: false, checked };
}

const FileSchema = z.object({
  type: z.literal("file"),
  encoding: z.string().optional(),
  content: z.string().optional(),
  size: z.number().optional(),
});
const PackageJsonSchema = z.object({
  name: z.string().max(214).optional().catch(undefined),
  workspaces: z.unknown().optional(),
});

const TreeSchema = z.object({
  truncated: z.boolean().optional(),
  tree: z.array(z.object({ path: z.string().max(4096), type: z.string() }).passthrough()).max(500_000),
});

/** The default branch's files under `directory` (one recursive tree call). */
async function repositoryTree(
  session: Session,
  branch: string | undefined,
  directory: string | undefined,
): Promise<GitHubTree | undefined> {
  if (!branch) return undefined;
  const answer = await session.get("file tree", "GET /repos/{owner}/{repo}/git/trees/{tree_sha}", {
    tree_sha: branch,
    recursive: "1",
  });
  if (!answer) return undefined;
  const parsed = TreeSchema.safeParse(answer.data);
  if (!parsed.success) {
    session.notes.push("file tree: answer could not be read");
    return undefined;
  }
  const prefix = directory ? `${directory.replace(/\/+$/, "")}/` : "";
  const paths = parsed.data.tree
    .filter((e) => e.type === "blob" && e.path.startsWith(prefix))
    .map((e) => e.path.slice(prefix.length));
  return {
    directory: directory ?? "",
    paths: paths.slice(0, MAX_TREE_PATHS),
    truncated: parsed.data.truncated === true || paths.length > MAX_TREE_PATHS,
  };
}

async function packageJsonAt(
  session: Session,
  directory: string | undefined,
  packageName: string,
): Promise<GitHubPackageJson | undefined> {
  const path = directory ? `${directory}/package.json` : "package.json";
  const label = `${path} (for ${packageName})`;
  const answer = await session.get(label, contentsRoute(path), {}, [404]);
  if (!answer) return undefined;
  if (answer.status === 404) return { path, found: false };
  const file = FileSchema.safeParse(answer.data);
  if (!file.success) return { path, found: false };
  const { encoding, content, size } = file.data;
  if (encoding !== "base64" || content === undefined || (size ?? 0) > MAX_PACKAGE_JSON_BYTES) {
    session.notes.push(`${label}: too large or not inline, not read`);
    return undefined;
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(Buffer.from(content, "base64").toString("utf8"));
  } catch {
    session.notes.push(`${label}: not valid JSON`);
    return { path, found: true };
  }
  const m = PackageJsonSchema.safeParse(manifest);
  if (!m.success) return { path, found: true };
  return {
    path,
    found: true,
    ...defined({ name: m.data.name, workspaces: m.data.workspaces ? true : undefined }),
  };
}

/** Each path segment encoded on its own: Octokit's `{path}` would turn `/` into `%2F`. */
function contentsRoute(path: string): string {
  const encoded = path
    .split("/")
    .filter(Boolean)
    .map((s) => encodeURIComponent(s))
    .join("/");
  return encoded ? `GET /repos/{owner}/{repo}/contents/${encoded}` : "GET /repos/{owner}/{repo}/contents";
}

// --- errors --------------------------------------------------------------------------------

/** GitHub answered, but not with something we can read. */
class UnreadableAnswer extends Error {}

interface ErrorLike {
  status?: unknown;
  message?: unknown;
  response?: { headers?: Record<string, unknown> };
  cause?: unknown;
}

function statusOf(err: unknown): number | undefined {
  const s = (err as ErrorLike | undefined)?.status;
  return typeof s === "number" ? s : undefined;
}

function header(err: unknown, name: string): string | undefined {
  const v = (err as ErrorLike | undefined)?.response?.headers?.[name];
  return v === undefined || v === null ? undefined : String(v);
}

/** 429, or 403 with no requests left or a secondary-limit message. */
function isRateLimited(err: unknown): boolean {
  const status = statusOf(err);
  if (status === 429) return true;
  if (status !== 403) return false;
  if (header(err, "x-ratelimit-remaining") === "0") return true;
  return /secondary rate limit/i.test(String((err as ErrorLike).message ?? ""));
}

/** Failures that end the whole source, not just one fact. */
function isFatal(err: unknown): boolean {
  return isRateLimited(err) || statusOf(err) === 401;
}

/** When an exhausted limit resets, from x-ratelimit-reset or retry-after. */
function resetTime(err: unknown, now: string): string | undefined {
  const reset = Number(header(err, "x-ratelimit-reset"));
  if (Number.isFinite(reset) && reset > 0) return new Date(reset * 1000).toISOString();
  const after = Number(header(err, "retry-after"));
  if (Number.isFinite(after) && after >= 0) return new Date(Date.parse(now) + after * 1000).toISOString();
  return undefined;
}

/** One line safe to print: a status and what it means, never a token or server-sent text. */
function describeError(err: unknown, session: Session): string {
  const status = statusOf(err);
  if (isRateLimited(err)) {
    const reset = resetTime(err, session.ctx.now);
    const hint = session.authenticated
      ? ""
      : "; unauthenticated requests are limited to 60 an hour, set GITHUB_TOKEN";
    return `GitHub rate limit exhausted (${status})${reset ? `, resets at ${reset}` : ""}${hint}`;
  }
  if (err instanceof UnreadableAnswer) return err.message;
  if (status === 401) return "GitHub rejected the token (401): check GITHUB_TOKEN / GH_TOKEN";
  // A real answer carries `response`; its body is the server's text and is never quoted.
  if (status !== undefined && (status !== 500 || (err as ErrorLike).response !== undefined))
    return `GitHub answered ${status}`;
  // Octokit reports a fetch that threw as status 500 with the cause attached.
  const cause = (err as ErrorLike | undefined)?.cause ?? err;
  const message = cause instanceof Error ? cause.message : String(cause);
  return `could not reach GitHub: ${errorLine(message, 200)}`;
}

// --- small helpers -------------------------------------------------------------------------

function noteMalformed(raw: unknown, parsed: Record<string, unknown>, keys: string[], notes: string[]): void {
  if (raw === null || typeof raw !== "object") return;
  for (const key of keys) {
    const value = (raw as Record<string, unknown>)[key];
    if (value !== undefined && value !== null && parsed[key] === undefined) {
      notes.push(`repository: field ${key} is malformed, treated as unknown`);
    }
  }
}

function cap(value: string | undefined): string | undefined {
  return value === undefined ? undefined : value.slice(0, MAX_IDENTITY_CHARS);
}

/** The object without its undefined fields, so evidence serialises the same as it compares. */
function defined<T extends Record<string, unknown>>(obj: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/**
 * GitHub: the repository the package names (already read, for a `github:` target). Without a
 * `repository` field, the one its homepage or bugs url points into is read instead: a claim
 * that lowers repository-missing must be checked like the field would be.
 */
export const githubSource: Source<GitHubFacts, Seed & { github?: Part<GitHubFacts> }> = {
  id: "github",
  async collect(ctx, seed): Promise<Collected<GitHubFacts>> {
    const part =
      seed.github ??
      (await fetchGitHub(ctx, seed.manifest?.repository ?? seed.manifest?.linkedRepository, seed.name));
    return { part, url: ctx.githubApiUrl };
  },
};
