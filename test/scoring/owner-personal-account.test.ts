import { describe, expect, it } from "vitest";
import ownerPersonalAccount from "../../scoring/heuristics/owner-personal-account.js";
import { githubFacts, outcome, withGitHub } from "../support/github-evidence.js";

describe("owner-personal-account", () => {
  it.each([
    ["organisation", "Organization", ["credit:info"]],
    ["personal account", "User", ["info"]],
    ["something else", "Enterprise", []],
    ["unknown", undefined, "unknown"],
  ])("%s", (_name, ownerType, expected) => {
    expect(outcome(ownerPersonalAccount, withGitHub(githubFacts({}, { ownerType })))).toEqual(expected);
  });
});
