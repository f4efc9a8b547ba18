import { describe, expect, it } from "vitest";
import { commitsAt, githubFacts, outcome, withGitHub } from "../../test/support/github-evidence.js";
import { withoutPart } from "../../test/support/heuristic.js";
import busFactor from "./bus-factor.js";

const alice = { login: "alice", name: "Alice", email: "alice@example.com" };
const bob = { login: "bob", name: "Bob", email: "bob@example.com" };
const carol = { name: "Carol", email: "carol@example.com" };
const dependabot = {
  login: "dependabot[bot]",
  name: "dependabot[bot]",
  email: "4969+dependabot[bot]@users.noreply.github.com",
};
const actions = { name: "github-actions", email: "41898282+github-actions[bot]@users.noreply.github.com" };

describe("bus-factor", () => {
  it.each([
    ["one author", commitsAt([1, 5, 20], [alice]), ["low"]],
    ["one author plus bots", commitsAt([1, 2, 5, 20], [alice, dependabot, actions]), ["low"]],
    ["two authors", commitsAt([1, 5], [alice, bob]), []],
    ["three authors, one without an account", commitsAt([1, 5, 9], [alice, bob, carol]), ["credit:info"]],
    ["others only before the 90 days", commitsAt([1, 100, 120], [alice, bob, carol]), ["low"]],
    ["only bots", commitsAt([1, 2], [dependabot]), []],
    ["nobody in 90 days", commitsAt([200], [alice]), []],
  ])("%s", (_name, commits, expected) => {
    expect(outcome(busFactor, withGitHub(githubFacts({ commits })))).toEqual(expected);
  });

  it("names the committers", () => {
    const result = busFactor.evaluate(withGitHub(githubFacts({ commits: commitsAt([1], [alice]) })));
    expect(result.status === "evaluated" && result.findings[0]?.evidence[0]?.snippet).toBe(
      "1 committer in 90 days: alice",
    );
  });

  it("is unknown without the commit history", () => {
    expect(outcome(busFactor, withGitHub(githubFacts({ commits: undefined })))).toBe("unknown");
  });
});

describe("bus-factor without its evidence", () => {
  it("is unknown when GitHub could not be read, skipped when not collected", () => {
    expect(withoutPart(busFactor, "github")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
