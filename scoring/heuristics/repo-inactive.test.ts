import { describe, expect, it } from "vitest";
import {
  commitsAt,
  daysAgo,
  githubFacts,
  MISSING,
  outcome,
  withGitHub,
} from "../../test/support/github-evidence.js";
import { withoutPart } from "../../test/support/heuristic.js";
import repoInactive from "./repo-inactive.js";

describe("repo-inactive", () => {
  it.each([
    ["committed 3 days ago", commitsAt([3, 40]), []],
    ["last commit 89 days ago", commitsAt([89]), []],
    ["last commit 120 days ago", commitsAt([120, 200]), ["low"]],
    ["last commit 500 days ago", { ...commitsAt([]), latestCommitDate: daysAgo(500) }, ["medium"]],
    ["no commits at all", commitsAt([]), ["medium"]],
  ])("%s", (_name, commits, expected) => {
    expect(outcome(repoInactive, withGitHub(githubFacts({ commits })))).toEqual(expected);
  });

  it("falls back to pushed_at when the commits could not be read", () => {
    const stale = githubFacts({ commits: undefined }, { pushedAt: daysAgo(400) });
    expect(outcome(repoInactive, withGitHub(stale))).toEqual(["medium"]);
    const unknown = githubFacts({ commits: undefined }, { pushedAt: undefined });
    expect(outcome(repoInactive, withGitHub(unknown))).toBe("unknown");
  });

  it("leaves archived repositories to repo-archived", () => {
    const archived = githubFacts({ commits: commitsAt([900]) }, { archived: true });
    expect(outcome(repoInactive, withGitHub(archived))).toEqual([]);
  });

  it("is unknown for a missing repository", () => {
    expect(outcome(repoInactive, withGitHub(MISSING))).toBe("unknown");
  });
});

describe("repo-inactive without its evidence", () => {
  it("is unknown when GitHub could not be read, skipped when not collected", () => {
    expect(withoutPart(repoInactive, "github")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
