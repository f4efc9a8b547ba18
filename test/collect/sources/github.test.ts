import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FetchContext } from "../../../src/collect/context.js";
import { fetchGitHub, GITHUB_REQUEST_BUDGET } from "../../../src/collect/sources/github/index.js";
import { parseRepository } from "../../../src/collect/sources/github/repository.js";
import type { GitHubFacts, Part, RepositoryRef } from "../../../src/evidence/index.js";
import { commitsEvery, GitHubFixture, healthyRepo } from "../../support/faces/github.js";
import { fetchContext } from "../../support/fetch-context.js";
import { FixtureServer } from "../../support/fixture-server.js";

const PKG = "@acme/mcp-server-files";
const RESET = Math.floor(Date.parse("2026-11-01T01:00:00.000Z") / 1000);

let server: FixtureServer;
let github: GitHubFixture;
const contexts: { cleanup(): Promise<void> }[] = [];

async function context(overrides: Partial<FetchContext> = {}): Promise<FetchContext> {
  const ctx = await fetchContext(server.url(), overrides);
  contexts.push(ctx);
  return ctx;
}

function ref(raw: string | object): RepositoryRef {
  const r = parseRepository(raw);
  if (!r) throw new Error(`not a repository: ${JSON.stringify(raw)}`);
  return r;
}

function ok(part: Part<GitHubFacts>): GitHubFacts {
  if (part.status !== "ok") throw new Error(`expected ok, got ${JSON.stringify(part)}`);
  return part.data;
}

function found(part: Part<GitHubFacts>) {
  const facts = ok(part);
  if (!facts.found) throw new Error("expected the repository to be found");
  return facts;
}

beforeEach(async () => {
  github = new GitHubFixture();
  server = await new FixtureServer().face("/github", github.route).start();
});
afterEach(async () => {
  await server.stop();
  await Promise.all(contexts.splice(0).map((c) => c.cleanup()));
});

describe("fetchGitHub against the fixture server", () => {
  it("collects repository facts, a year of commits, contributors, releases, SECURITY.md and package.json", async () => {
    github.add(healthyRepo("acme", "mcp-files", PKG));
    const facts = found(
      await fetchGitHub(await context(), ref("git+https://github.com/acme/mcp-files.git"), PKG),
    );
    expect(facts.repository).toMatchObject({
      fullName: "acme/mcp-files",
      archived: false,
      disabled: false,
      fork: false,
      ownerLogin: "acme",
      ownerType: "Organization",
      createdAt: "2024-11-19T10:00:00.000Z",
      defaultBranch: "main",
      license: "MIT",
      stars: 1500,
      openIssues: 42,
    });
    // One commit every 2 days from 2026-10-29: 182 fall within the 365 days before 2026-11-01.
    expect(facts.commits?.items).toHaveLength(182);
    expect(facts.commits?.truncated).toBe(false);
    expect(facts.commits?.latestCommitDate).toBe("2026-10-29T09:00:00.000Z");
    expect(facts.commits?.items[0]?.author).toEqual({
      login: "alice",
      name: "Alice",
      email: "alice@example.com",
    });
    expect(facts.contributors?.map((c) => c.login)).toEqual(["alice", "bob", "carol", "dependabot[bot]"]);
    expect(facts.releases?.latest?.tag).toBe("v1.2.0");
    expect(facts.securityPolicy).toEqual({ present: true, path: "SECURITY.md", checked: ["/"] });
    expect(facts.packageJson).toEqual({ path: "package.json", found: true, name: PKG });
    expect(facts.authenticated).toBe(false);
    expect(facts.notes.join(" ")).toMatch(/unauthenticated/);
    expect(server.requests.length).toBeLessThanOrEqual(GITHUB_REQUEST_BUDGET);
  });

  it("sends the token to the API host only, and never records it", async () => {
    github.add(healthyRepo("acme", "mcp-files", PKG));
    const token = "ghp_secretsecretsecret";
    const part = await fetchGitHub(await context({ githubToken: token }), ref("github:acme/mcp-files"), PKG);
    expect(found(part).authenticated).toBe(true);
    expect(server.requests.every((r) => r.headers.authorization === `token ${token}`)).toBe(true);
    expect(JSON.stringify(part)).not.toContain(token);
  });

  it("reports an archived repository", async () => {
    github.add(healthyRepo("acme", "old", PKG, { record: { archived: true } }));
    const facts = found(await fetchGitHub(await context(), ref("acme/old"), PKG));
    expect(facts.repository.archived).toBe(true);
  });

  it.each([429, 403] as const)(
    "an exhausted rate limit (%s) makes the source unavailable with the reset time",
    async (status) => {
      github.add(healthyRepo("acme", "mcp-files", PKG));
      github.rateLimit = { status, reset: RESET };
      const started = Date.now();
      const part = await fetchGitHub(await context(), ref("acme/mcp-files"), PKG);
      expect(part.status).toBe("unavailable");
      if (part.status === "unavailable") {
        expect(part.error).toContain(`rate limit exhausted (${status})`);
        expect(part.error).toContain("resets at 2026-11-01T01:00:00.000Z");
        expect(part.error).toContain("GITHUB_TOKEN");
      }
      // No waiting for the reset and no retries.
      expect(Date.now() - started).toBeLessThan(2000);
      expect(github.counts.rateLimited).toBe(1);
    },
  );

  it("a rate limit hit midway still ends the source", async () => {
    github.add(healthyRepo("acme", "mcp-files", PKG));
    server.fault({
      match: /\/contributors$/,
      fault: {
        kind: "status",
        status: 403,
        headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(RESET) },
        body: '{"message":"API rate limit exceeded"}',
      },
    });
    const part = await fetchGitHub(await context(), ref("acme/mcp-files"), PKG);
    expect(part).toEqual({
      status: "unavailable",
      error: expect.stringContaining("resets at 2026-11-01T01:00:00.000Z"),
    });
  });

  it("a missing or private repository is data, not a failure", async () => {
    const part = await fetchGitHub(await context(), ref("github:acme/gone"), PKG);
    expect(ok(part)).toMatchObject({ found: false, status: 404, owner: "acme", repo: "gone" });
  });

  it("one failing request leaves only its fact unknown", async () => {
    github.add(healthyRepo("acme", "mcp-files", PKG));
    server.fault({ match: /\/releases$/, fault: { kind: "status", status: 502 } });
    const facts = found(await fetchGitHub(await context(), ref("acme/mcp-files"), PKG));
    expect(facts.releases).toBeUndefined();
    expect(facts.commits?.items.length).toBeGreaterThan(0);
    expect(facts.notes.join(" ")).toMatch(/releases: GitHub answered 502/);
  });

  it("reads package.json in the monorepo folder and finds SECURITY.md under .github/", async () => {
    github.add(
      healthyRepo("acme", "servers", PKG, {
        files: {
          "package.json": JSON.stringify({ name: "root", private: true, workspaces: ["src/*"] }),
          "src/files/package.json": JSON.stringify({ name: "@acme/other-name" }),
          ".github/SECURITY.md": "policy",
        },
      }),
    );
    const facts = found(
      await fetchGitHub(
        await context(),
        ref({ type: "git", url: "https://github.com/acme/servers.git", directory: "src/files" }),
        PKG,
      ),
    );
    expect(facts.directory).toBe("src/files");
    expect(facts.packageJson).toEqual({
      path: "src/files/package.json",
      found: true,
      name: "@acme/other-name",
    });
    expect(facts.securityPolicy).toEqual({
      present: true,
      path: ".github/SECURITY.md",
      checked: ["/", ".github/"],
    });
  });

  it("no package.json at the folder and no security policy are facts", async () => {
    github.add(healthyRepo("acme", "bare", PKG, { files: { "README.md": "hi", "docs/guide.md": "x" } }));
    const facts = found(await fetchGitHub(await context(), ref("acme/bare"), PKG));
    expect(facts.packageJson).toEqual({ path: "package.json", found: false });
    expect(facts.securityPolicy).toEqual({ present: false, checked: ["/", "docs/"] });
  });

  it("an empty repository has no commits and no contributors", async () => {
    github.add({ owner: "acme", name: "empty", empty: true });
    const facts = found(await fetchGitHub(await context(), ref("acme/empty"), PKG));
    expect(facts.commits).toMatchObject({ items: [], truncated: false });
    expect(facts.commits?.latestCommitDate).toBeUndefined();
    expect(facts.contributors).toEqual([]);
    expect(facts.releases).toEqual({ recent: [] });
  });

  it("follows a renamed repository within the API host", async () => {
    github.add(healthyRepo("acme", "new-name", PKG, { renamedFrom: "acme/old-name" }));
    const facts = found(await fetchGitHub(await context(), ref("acme/old-name"), PKG));
    expect(facts.repository.fullName).toBe("acme/new-name");
    expect(facts.notes.join(" ")).toContain("now acme/new-name");
    expect(facts.packageJson?.found).toBe(true);
  });

  it("works with a GitHub Enterprise /api/v3 base url and its own host", async () => {
    const ghe = new GitHubFixture("/ghe/api/v3");
    server.face("/ghe/api/v3", ghe.route);
    ghe.add(healthyRepo("platform", "mcp-internal", PKG));
    const host = new URL(server.url()).host;
    const ctx = await context({ githubApiUrl: server.url("/ghe/api/v3") });
    const facts = found(await fetchGitHub(ctx, ref(`git+ssh://git@${host}/platform/mcp-internal.git`), PKG));
    expect(facts.repository.fullName).toBe("platform/mcp-internal");
    expect(server.requests.every((r) => r.path.startsWith("/ghe/api/v3/repos/platform/mcp-internal"))).toBe(
      true,
    );
  });

  it("skips repositories that are not on GitHub, and packages without one", async () => {
    const ctx = await context();
    expect(await fetchGitHub(ctx, ref("gitlab:acme/thing"), PKG)).toEqual({
      status: "skipped",
      reason: "the repository is on gitlab.com, not GitHub",
    });
    expect((await fetchGitHub(ctx, undefined, PKG)).status).toBe("skipped");
    expect(server.requests).toHaveLength(0);
  });

  it("a malformed field becomes unknown with a note", async () => {
    github.add(healthyRepo("acme", "odd", PKG, { record: { archived: "yes", fork: null } }));
    const facts = found(await fetchGitHub(await context(), ref("acme/odd"), PKG));
    expect(facts.repository.archived).toBeUndefined();
    expect(facts.notes).toContain("repository: field archived is malformed, treated as unknown");
  });

  it("stops paging commits at the budget and says the list is partial", async () => {
    const busy = commitsEvery(0.25, 1000, [{ login: "alice", name: "Alice", email: "a@example.com" }]);
    github.add(healthyRepo("acme", "busy", PKG, { commits: busy }));
    const facts = found(await fetchGitHub(await context(), ref("acme/busy"), PKG));
    expect(facts.commits?.items).toHaveLength(300);
    expect(facts.commits?.truncated).toBe(true);
    expect(server.count(/\/commits/)).toBe(3);
    expect(server.requests.length).toBeLessThanOrEqual(GITHUB_REQUEST_BUDGET);
  });

  it("a garbled repository record is unavailable, not a crash", async () => {
    server.fault({ match: /\/repos\/acme\/garbled$/, fault: { kind: "body", body: '{"full_name": 42}' } });
    const part = await fetchGitHub(await context(), ref("acme/garbled"), PKG);
    expect(part).toEqual({
      status: "unavailable",
      error: "GitHub answered with a repository record that could not be read",
    });
  });

  it("an unreachable API is unavailable, in one line", async () => {
    const ctx = await context({ githubApiUrl: "http://127.0.0.1:9/github" });
    const part = await fetchGitHub(ctx, ref("acme/mcp-files"), PKG);
    expect(part.status).toBe("unavailable");
    if (part.status === "unavailable") expect(part.error).toMatch(/^could not reach GitHub: [^\n]+$/);
  });
});

describe("warm runs revalidate through the cache", () => {
  it("cold, then warm: one conditional request per repository, costing no rate limit", async () => {
    const names = ["one", "two", "three", "four"];
    for (const n of names) github.add(healthyRepo("acme", n, `${PKG}-${n}`));
    const cold = await context();
    for (const n of names) found(await fetchGitHub(cold, ref(`acme/${n}`), `${PKG}-${n}`));
    const coldRequests = server.requests.length;
    const coldCost = github.counts.full;

    server.requests.length = 0;
    github.resetCounts();
    const warm = await context({ cacheDir: cold.cacheDir });
    const results = [];
    for (const n of names) results.push(found(await fetchGitHub(warm, ref(`acme/${n}`), `${PKG}-${n}`)));
    const warmRequests = server.requests.length;

    const perRepo = { cold: coldRequests / names.length, warm: warmRequests / names.length };
    console.log(
      `github requests per repository: cold ${perRepo.cold}, warm ${perRepo.warm} (304s: ${github.counts.notModified}, rate-limit cost cold ${coldCost}, warm ${github.counts.full})`,
    );
    expect(perRepo.warm).toBeLessThan(1.5);
    expect(github.counts.full).toBe(0);
    expect(github.counts.notModified).toBe(names.length);
    expect(warm.http.stats.revalidated).toBe(names.length);
    expect(results[0]?.commits?.items).toHaveLength(182);
  });

  it("a changed repository revalidates the rest with conditional requests", async () => {
    github.add(healthyRepo("acme", "mcp-files", PKG));
    const cold = await context();
    found(await fetchGitHub(cold, ref("acme/mcp-files"), PKG));
    const coldRequests = server.requests.length;

    github.get("acme", "mcp-files")!.record = { stargazers_count: 1501 };
    server.requests.length = 0;
    github.resetCounts();
    const warm = await context({ cacheDir: cold.cacheDir });
    const facts = found(await fetchGitHub(warm, ref("acme/mcp-files"), PKG));
    expect(facts.repository.stars).toBe(1501);
    expect(server.requests.length).toBe(coldRequests);
    expect(github.counts.full).toBe(1);
    expect(github.counts.notModified).toBe(coldRequests - 1);
  });

  it("--offline answers from the cache alone", async () => {
    github.add(healthyRepo("acme", "mcp-files", PKG));
    const cold = await context();
    found(await fetchGitHub(cold, ref("acme/mcp-files"), PKG));
    server.requests.length = 0;
    const offline = await context({ cacheDir: cold.cacheDir, offline: true });
    const facts = found(await fetchGitHub(offline, ref("acme/mcp-files"), PKG));
    expect(facts.packageJson?.found).toBe(true);
    expect(server.requests).toHaveLength(0);
  });
});
