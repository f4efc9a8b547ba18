import { describe, expect, it } from "vitest";
import { evidence } from "../../test/support/evidence.js";
import { githubFacts, MISSING, outcome, withGitHub } from "../../test/support/github-evidence.js";
import repoArchived from "./repo-archived.js";

describe("repo-archived", () => {
  it.each([
    ["active repository", {}, []],
    ["archived", { archived: true }, ["high"]],
    ["disabled", { disabled: true }, ["high"]],
    ["archived and disabled", { archived: true, disabled: true }, ["high", "high"]],
    ["flags unknown", { archived: undefined, disabled: undefined }, "unknown"],
  ])("%s", (_name, repository, expected) => {
    expect(outcome(repoArchived, withGitHub(githubFacts({}, repository)))).toEqual(expected);
  });

  it("quotes the flag and links the repository", () => {
    const result = repoArchived.evaluate(withGitHub(githubFacts({}, { archived: true })));
    expect(result.status === "evaluated" && result.findings[0]?.evidence[0]).toEqual({
      url: "https://github.com/example/example-mcp-server",
      snippet: '"archived": true',
    });
  });

  it("is unknown when the repository is missing or GitHub unavailable, skipped without one", () => {
    expect(outcome(repoArchived, withGitHub(MISSING))).toBe("unknown");
    expect(outcome(repoArchived, evidence({ github: { status: "unavailable", error: "rate limit" } }))).toBe(
      "unknown",
    );
    expect(outcome(repoArchived, evidence())).toBe("skipped");
  });
});
