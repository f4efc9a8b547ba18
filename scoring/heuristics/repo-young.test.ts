import { describe, expect, it } from "vitest";
import { daysAgo, githubFacts, outcome, withGitHub } from "../../test/support/github-evidence.js";
import { withoutPart } from "../../test/support/heuristic.js";
import repoYoung from "./repo-young.js";

describe("repo-young", () => {
  it.each([
    ["two years old", daysAgo(730), []],
    ["exactly 90 days", daysAgo(90), []],
    ["60 days", daysAgo(60), ["low"]],
    ["5 days", daysAgo(5), ["medium"]],
    ["unknown creation date", undefined, "unknown"],
  ])("%s", (_name, createdAt, expected) => {
    expect(outcome(repoYoung, withGitHub(githubFacts({}, { createdAt })))).toEqual(expected);
  });
});

describe("repo-young without its evidence", () => {
  it("is unknown when GitHub could not be read, skipped when not collected", () => {
    expect(withoutPart(repoYoung, "github")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
