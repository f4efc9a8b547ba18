import { describe, expect, it } from "vitest";
import mcpName from "../../../scoring/heuristics/mcp-name.js";
import newPackage from "../../../scoring/heuristics/new-package.js";
import repositoryMissing from "../../../scoring/heuristics/repository-missing.js";
import { parseRepository as repositoryRef } from "../../../src/collect/sources/github/repository.js";
import { evidence, evidenceWith, NOW, npmFacts } from "../../support/evidence.js";
import { findingsOf } from "../../support/heuristic.js";

const daysAgo = (d: number) => new Date(Date.parse(NOW) - d * 86_400_000).toISOString();

describe("new-package", () => {
  it.each([
    [400, []],
    [30, []],
    [20, ["medium"]],
    [2, ["high"]],
  ])("first published %i days ago", (days, severities) => {
    const e = evidence({ npm: { status: "ok", data: npmFacts({ createdAt: daysAgo(days) }) } });
    expect(findingsOf(newPackage, e).map((f) => f.severity)).toEqual(severities);
  });
});

describe("repository-missing", () => {
  it.each([
    ["a GitHub repository", { repository: repositoryRef("git+https://github.com/o/r.git") }, []],
    ["a self-hosted https repository", { repository: repositoryRef("https://git.example.org/o/r") }, []],
    ["none", { repository: undefined }, ["high"]],
    ["unparseable", { repository: repositoryRef("see our website") }, ["medium"]],
  ])("%s", (_n, m, severities) => {
    expect(findingsOf(repositoryMissing, evidenceWith(m)).map((f) => f.severity)).toEqual(severities);
  });
});

describe("mcp-name", () => {
  const gh = (owner: string) => repositoryRef(`https://github.com/${owner}/servers.git`);
  it.each([
    ["matching io.github owner", "io.github.acme/weather", gh("acme"), []],
    ["owner match ignores case", "io.github.ACME/weather", gh("acme"), []],
    ["reverse-DNS name", "com.acme/weather", gh("acme"), []],
    ["absent", undefined, gh("acme"), ["info"]],
    [
      "owner mismatch is mcp-registry-namespace-mismatch's finding",
      "io.github.stripe/payments",
      gh("stripe-tools"),
      [],
    ],
    [
      "GitHub owner but no GitHub repo",
      "io.github.acme/x",
      repositoryRef("https://gitlab.com/acme/x"),
      ["medium"],
    ],
    ["malformed", "just-a-name", gh("acme"), ["medium"]],
  ])("%s", (_n, name, repository, severities) => {
    expect(findingsOf(mcpName, evidenceWith({ mcpName: name, repository })).map((f) => f.severity)).toEqual(
      severities,
    );
  });
});
