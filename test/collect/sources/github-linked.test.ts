import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { toManifest } from "../../../src/collect/manifest.js";
import { githubSource } from "../../../src/collect/sources/github/index.js";
import { GitHubFixture, healthyRepo } from "../../support/faces/github.js";
import { fetchContext } from "../../support/fetch-context.js";
import { FixtureServer } from "../../support/fixture-server.js";

let server: FixtureServer;
let github: GitHubFixture;
const contexts: { cleanup(): Promise<void> }[] = [];

beforeEach(async () => {
  github = new GitHubFixture();
  server = await new FixtureServer().face("/github", github.route).start();
});
afterEach(async () => {
  await server.stop();
  await Promise.all(contexts.splice(0).map((c) => c.cleanup()));
});

/** What the GitHub source reads for a package.json like @larksuiteoapi/lark-mcp's. */
async function collect(fields: Record<string, unknown>) {
  const ctx = await fetchContext(server.url());
  contexts.push(ctx);
  const manifest = toManifest({ name: "@acme/mcp-files", version: "1.0.0", ...fields }, [], "t")!;
  const seed = {
    target: { kind: "registry" as const, spec: manifest.name, name: manifest.name, requested: "latest" },
    name: manifest.name,
    npm: { status: "skipped" as const, reason: "test" },
    manifest,
    options: {},
  };
  return (await githubSource.collect(ctx, seed)).part;
}

describe("the GitHub source without a repository field", () => {
  it("reads the repository the homepage names, so the claim is checked like the field would be", async () => {
    github.add(healthyRepo("acme", "mcp-files", "@acme/mcp-files"));
    const part = await collect({ homepage: "https://github.com/acme/mcp-files#readme" });
    expect(part.status === "ok" && part.data.found && part.data.repository.fullName).toBe("acme/mcp-files");
  });

  it("is skipped when neither the field nor a link names a repository", async () => {
    expect(await collect({ homepage: "https://acme.example/mcp" })).toEqual({
      status: "skipped",
      reason: "the package names no repository",
    });
  });
});
