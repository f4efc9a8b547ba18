import { describe, expect, it } from "vitest";
import { evidence } from "../../test/support/evidence.js";
import { githubFacts, MISSING, outcome, withGitHub } from "../../test/support/github-evidence.js";
import repoNotFound from "./repo-not-found.js";

describe("repo-not-found", () => {
  it.each([
    ["found", withGitHub(githubFacts()), []],
    ["404", withGitHub(MISSING), ["medium"]],
    ["451", withGitHub({ ...MISSING, status: 451 }), ["medium"]],
    ["GitHub unavailable", evidence({ github: { status: "unavailable", error: "rate limit" } }), "unknown"],
    ["no repository named", evidence(), "skipped"],
  ])("%s", (_name, ev, expected) => {
    expect(outcome(repoNotFound, ev)).toEqual(expected);
  });

  it("links the repository and quotes the status", () => {
    const result = repoNotFound.evaluate(withGitHub(MISSING));
    expect(result.status === "evaluated" && result.findings[0]?.evidence[0]).toEqual({
      url: "https://github.com/example/example-mcp-server",
      snippet: "HTTP 404",
    });
  });
});
