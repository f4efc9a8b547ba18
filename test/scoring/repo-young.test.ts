import { describe, expect, it } from "vitest";
import repoYoung from "../../scoring/heuristics/repo-young.js";
import { daysAgo, githubFacts, outcome, withGitHub } from "../support/github-evidence.js";

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
