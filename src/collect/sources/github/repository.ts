import hostedGitInfo from "hosted-git-info";
import type { RepositoryRef } from "../../../evidence/index.js";

/**
 * Where a package's source lives, from package.json `repository` in every form npm accepts:
 * a string (`github:o/r`, shorthand `o/r`, `gitlab:`/`bitbucket:`/`gist:`, `git+https://`,
 * `git://`, `git+ssh://git@host/…`, scp-style `git@host:o/r.git`, a web url) or an object
 * `{type, url, directory}`. Hosted forms are read with hosted-git-info, the library npm
 * uses, so mcp-vet agrees with `npm repo`; other hosts (GitHub Enterprise, self-hosted
 * GitLab) fall back to the url's host and first two path segments.
 */

const MAX_URL_CHARS = 1000;
const MAX_DIRECTORY_CHARS = 300;
const GIT_PROTOCOLS = new Set(["http:", "https:", "git:", "ssh:", "git+ssh:", "git+https:", "git+http:"]);

/**
 * A RepositoryRef from package.json `repository`; undefined when it names none. Text that is
 * not a url or known shorthand keeps its `raw` form with no url, so a heuristic can say the
 * repository field cannot be resolved rather than that it is missing.
 */
export function parseRepository(raw: unknown): RepositoryRef | undefined {
  let url: unknown = raw;
  let directory: unknown;
  if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
    url = (raw as Record<string, unknown>).url;
    directory = (raw as Record<string, unknown>).directory;
  }
  if (typeof url !== "string") return undefined;
  const text = url.trim();
  if (!text || text.length > MAX_URL_CHARS) return undefined;
  const ref = hostedRef(text) ?? otherHostRef(text);
  if (!ref) return { raw: text };
  const { directory: fromUrl, ...rest } = ref;
  const dir = normaliseDirectory(directory) ?? fromUrl;
  return dir ? { ...rest, directory: dir } : rest;
}

/**
 * The repository a web link points into (package.json `homepage` or `bugs`): a known git host's
 * `owner/repo`, its issue tracker or a page under it. Only hosted forms count (GitHub, GitLab,
 * Bitbucket): on any other host the first two path segments of a website are not a repository.
 */
export function repositoryFromLink(link: string | undefined): RepositoryRef | undefined {
  if (!link || link.length > MAX_URL_CHARS) return undefined;
  // hosted-git-info reads `o/r` and `o/r#readme`, not `o/r/issues` or GitLab's `o/r/-/issues`.
  const m =
    /^(https?:\/\/[^/]+\/[^/?#]+\/[^/?#]+?)(?:\.git)?(?:\/-)?(?:\/(?:issues|pulls|discussions|wiki|blob|tree)\b.*|[/?#].*)?$/i.exec(
      link.trim(),
    );
  if (!m?.[1]) return undefined;
  const ref = hostedRef(m[1]);
  return ref?.owner && ref.repo ? { ...ref, raw: link.trim() } : undefined;
}

/**
 * A target spec naming a GitHub repository (`github:o/r`, `https://github.com/o/r`, `o/r`,
 * `git+ssh://git@github.com/o/r.git`, or a url on the GitHub Enterprise host behind
 * `githubApiUrl`); undefined otherwise. Like npm, bare `o/r` means GitHub: callers that also
 * accept local folders should test for the folder first.
 */
export function githubTarget(
  spec: string,
  githubApiUrl = "https://api.github.com",
): RepositoryRef | undefined {
  const ref = parseRepository(spec);
  return ref && isOnGitHub(ref, githubApiUrl) ? ref : undefined;
}

/**
 * True when the repository is one the GitHub API at `githubApiUrl` serves. A GitHub Enterprise
 * API (Server's `https://ghe.example/api/v3`, Cloud's `https://api.x.ghe.com`) serves its own
 * host only: a github.com repository is not there, whatever GITHUB_API_URL a runner sets. Any
 * other API url (api.github.com, a proxy of it) serves github.com.
 */
export function isOnGitHub(ref: RepositoryRef, githubApiUrl: string): boolean {
  if (!ref.owner || !ref.repo || ref.owner.includes("/") || !ref.host) return false;
  // Host names only: an ssh url's port is not the web's.
  const host = ref.host.replace(/:\d+$/, "").toLowerCase();
  if (host === githubWebHost(githubApiUrl)) return true;
  return host === "github.com" && !isEnterpriseApi(githubApiUrl);
}

/** The web host name whose repositories an API url serves (github.com for api.github.com). */
export function githubWebHost(githubApiUrl: string): string | undefined {
  try {
    const host = new URL(githubApiUrl).hostname.toLowerCase();
    if (host === "api.github.com") return "github.com";
    return host.endsWith(".ghe.com") && host.startsWith("api.") ? host.slice(4) : host;
  } catch {
    return undefined;
  }
}

function isEnterpriseApi(githubApiUrl: string): boolean {
  try {
    const u = new URL(githubApiUrl);
    return /\/api\/v3\/?$/.test(u.pathname) || u.hostname.toLowerCase().endsWith(".ghe.com");
  } catch {
    return false;
  }
}

function hostedRef(text: string): RepositoryRef | undefined {
  let info: ReturnType<typeof hostedGitInfo.fromUrl>;
  try {
    info = hostedGitInfo.fromUrl(text);
  } catch {
    return undefined;
  }
  if (!info) return undefined;
  return {
    raw: text,
    // The repository itself, not the branch or tag a `#ref` names.
    url: info.browse({ noCommittish: true }),
    host: info.domain,
    owner: info.user ?? undefined,
    repo: info.project,
    // `https://github.com/o/r/tree/main/packages/x` names a folder hosted-git-info drops.
    directory: treeDirectory(text),
  };
}

function otherHostRef(text: string): RepositoryRef | undefined {
  const u = hostedGitInfo.parseUrl(text);
  if (!u || !GIT_PROTOCOLS.has(u.protocol)) return undefined;
  // A real host name: rejects what `new URL` makes of folders and npm specs (`./x`, `@s/n`).
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(u.hostname)) return undefined;
  const segments = u.pathname.split("/").filter(Boolean);
  const web = u.protocol.endsWith("http:") || u.protocol.endsWith("https:");
  const host = web ? u.host : u.hostname;
  const owner = segments[0];
  const repo = segments[1]?.replace(/\.git$/, "");
  if (!owner || !repo) return { raw: text, host };
  return {
    raw: text,
    url: `https://${host}/${owner}/${repo}`,
    host,
    owner,
    repo,
    directory: treeDirectory(text),
  };
}

function treeDirectory(text: string): string | undefined {
  const m = /^(?:git\+)?https?:\/\/[^/]+\/[^/]+\/[^/]+\/(?:tree|blob)\/[^/]+\/(.+?)\/?(?:[?#].*)?$/.exec(
    text,
  );
  return m ? normaliseDirectory(m[1]) : undefined;
}

/** A relative folder inside the repository; undefined for anything that climbs out of it. */
function normaliseDirectory(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length > MAX_DIRECTORY_CHARS) return undefined;
  const parts = value
    .replace(/\\/g, "/")
    .split("/")
    .filter((p) => p !== "" && p !== ".");
  if (parts.length === 0 || parts.some((p) => p === "..")) return undefined;
  return parts.join("/");
}
