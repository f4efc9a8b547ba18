import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HEURISTICS } from "../../../scoring/heuristics/index.js";
import { fetchGitHub } from "../../../src/collect/sources/github/index.js";
import { parseRepository } from "../../../src/collect/sources/github/repository.js";
import type { Evidence, GitHubFacts, Part } from "../../../src/evidence/index.js";
import { evidence } from "../../support/evidence.js";
import { GitHubFixture, healthyRepo } from "../../support/faces/github.js";
import { fetchContext } from "../../support/fetch-context.js";
import { FixtureServer } from "../../support/fixture-server.js";

/** From the fixture server through the fetcher to the GitHub heuristics' findings. */

const PKG = "example-mcp-server";
let server: FixtureServer;
let github: GitHubFixture;
let cleanup: () => Promise<void> = async () => {};

beforeEach(async () => {
  github = new GitHubFixture();
  server = await new FixtureServer().face("/github", github.route).start();
});
afterEach(async () => {
  await server.stop();
  await cleanup();
});

async function vet(repository: string): Promise<{ part: Part<GitHubFacts>; results: Map<string, string> }> {
  const ctx = await fetchContext(server.url());
  cleanup = ctx.cleanup;
  const part = await fetchGitHub(ctx, parseRepository(repository), PKG);
  const ev: Evidence = evidence({ github: part });
  const results = new Map<string, string>();
  for (const h of HEURISTICS) {
    if (!h.definition.needs.includes("github")) continue;
    const r = h.evaluate(ev);
    results.set(
      h.definition.id,
      r.status === "evaluated"
        ? r.findings.map((f) => (f.credit ? "credit" : f.severity)).join(",")
        : r.status,
    );
  }
  return { part, results };
}

describe("GitHub evidence to findings", () => {
  it("a healthy repository raises no problems", async () => {
    github.add(healthyRepo("example", "example-mcp-server", PKG));
    const { results } = await vet("git+https://github.com/example/example-mcp-server.git");
    expect(Object.fromEntries(results)).toEqual({
      "repo-not-found": "",
      "repo-archived": "",
      "repo-inactive": "",
      "commit-cadence": "credit",
      "bus-factor": "credit",
      "repo-young": "",
      "repo-fork": "",
      "repo-package-mismatch": "",
      "files-not-in-repository": "",
      "no-security-policy": "",
      "owner-personal-account": "credit",
    });
  });

  it("an archived repository is reported", async () => {
    github.add(healthyRepo("example", "example-mcp-server", PKG, { record: { archived: true } }));
    const { results } = await vet("example/example-mcp-server");
    expect(results.get("repo-archived")).toBe("high");
  });

  it("a missing repository is a finding; the rest is unknown", async () => {
    const { results } = await vet("github:example/vanished");
    expect(results.get("repo-not-found")).toBe("medium");
    expect(results.get("repo-archived")).toBe("unknown");
  });

  it("a rate-limited GitHub leaves every GitHub heuristic unknown, with the reset time recorded", async () => {
    github.add(healthyRepo("example", "example-mcp-server", PKG));
    github.rateLimit = { status: 403, reset: Math.floor(Date.parse("2026-11-01T00:30:00Z") / 1000) };
    const { part, results } = await vet("example/example-mcp-server");
    expect(part).toEqual({
      status: "unavailable",
      error: expect.stringContaining("resets at 2026-11-01T00:30:00.000Z"),
    });
    expect(new Set(results.values())).toEqual(new Set(["unknown"]));
  });

  it("a young fork owned by a person, publishing someone else's package, is flagged on each count", async () => {
    github.add(
      healthyRepo("someone", "example-mcp-server", PKG, {
        record: {
          fork: true,
          parent: {
            full_name: "example/example-mcp-server",
            html_url: "https://github.com/example/example-mcp-server",
          },
          created_at: "2026-10-25T00:00:00Z",
          ownerType: "User",
        },
        files: { "package.json": JSON.stringify({ name: "other-package" }) },
      }),
    );
    const { results } = await vet("someone/example-mcp-server");
    expect(results.get("repo-fork")).toBe("low");
    expect(results.get("repo-young")).toBe("medium");
    expect(results.get("owner-personal-account")).toBe("info");
    expect(results.get("repo-package-mismatch")).toBe("high");
    expect(results.get("no-security-policy")).toBe("low");
  });
});
