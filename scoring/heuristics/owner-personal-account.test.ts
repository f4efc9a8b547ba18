import { describe, expect, it } from "vitest";
import { githubFacts, outcome, withGitHub } from "../../test/support/github-evidence.js";
import { withoutPart } from "../../test/support/heuristic.js";
import ownerPersonalAccount from "./owner-personal-account.js";

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

describe("owner-personal-account without its evidence", () => {
  it("is unknown when GitHub could not be read, skipped when not collected", () => {
    expect(withoutPart(ownerPersonalAccount, "github")).toEqual({
      unavailable: "unknown",
      skipped: "skipped",
    });
  });
});
