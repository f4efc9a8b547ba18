import { describe, expect, it } from "vitest";
import { commitsAt, githubFacts, outcome, withGitHub } from "../../test/support/github-evidence.js";
import { withoutPart } from "../../test/support/heuristic.js";
import commitCadence from "./commit-cadence.js";

const fortnightly = Array.from({ length: 26 }, (_, i) => 3 + i * 14);

describe("commit-cadence", () => {
  it.each([
    ["every two weeks all year", commitsAt(fortnightly), ["credit:info"]],
    [
      "one burst of 40 commits in a week",
      commitsAt(Array.from({ length: 40 }, (_, i) => 200 + (i % 7))),
      ["low"],
    ],
    ["two months of work", commitsAt([10, 12, 15, 40, 42]), ["low"]],
    ["four active months", commitsAt([10, 40, 70, 100]), []],
    ["no commits this year", commitsAt([]), []],
    ["budget ran out: busy", commitsAt([1, 2, 3], undefined, true), ["credit:info"]],
  ])("%s", (_name, commits, expected) => {
    expect(outcome(commitCadence, withGitHub(githubFacts({ commits })))).toEqual(expected);
  });

  it("is unknown without the commit history", () => {
    expect(outcome(commitCadence, withGitHub(githubFacts({ commits: undefined })))).toBe("unknown");
  });
});

describe("commit-cadence without its evidence", () => {
  it("is unknown when GitHub could not be read, skipped when not collected", () => {
    expect(withoutPart(commitCadence, "github")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
