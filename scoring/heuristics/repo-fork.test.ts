import { describe, expect, it } from "vitest";
import { githubFacts, outcome, withGitHub } from "../../test/support/github-evidence.js";
import { withoutPart } from "../../test/support/heuristic.js";
import repoFork from "./repo-fork.js";

const parent = { fullName: "upstream/mcp-server", htmlUrl: "https://github.com/upstream/mcp-server" };

describe("repo-fork", () => {
  it.each([
    ["original", { fork: false }, []],
    ["fork with parent", { fork: true, parent }, ["low"]],
    ["fork, parent unknown", { fork: true }, ["low"]],
    ["unknown", { fork: undefined }, "unknown"],
  ])("%s", (_name, repository, expected) => {
    expect(outcome(repoFork, withGitHub(githubFacts({}, repository)))).toEqual(expected);
  });

  it("names and links the parent", () => {
    const result = repoFork.evaluate(withGitHub(githubFacts({}, { fork: true, parent })));
    if (result.status !== "evaluated") throw new Error(result.status);
    expect(result.findings[0]?.title).toContain("upstream/mcp-server");
    expect(result.findings[0]?.evidence).toContainEqual({ url: parent.htmlUrl });
  });
});

describe("repo-fork without its evidence", () => {
  it("is unknown when GitHub could not be read, skipped when not collected", () => {
    expect(withoutPart(repoFork, "github")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
