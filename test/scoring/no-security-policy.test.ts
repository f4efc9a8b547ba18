import { describe, expect, it } from "vitest";
import noSecurityPolicy from "../../scoring/heuristics/no-security-policy.js";
import { githubFacts, outcome, withGitHub } from "../support/github-evidence.js";

describe("no-security-policy", () => {
  it.each([
    ["SECURITY.md at the root", { present: true, path: "SECURITY.md", checked: ["/"] }, []],
    ["in .github/", { present: true, path: ".github/SECURITY.md", checked: ["/", ".github/"] }, []],
    ["none", { present: false, checked: ["/", ".github/", "docs/"] }, ["low"]],
    ["could not list files", undefined, "unknown"],
  ])("%s", (_name, securityPolicy, expected) => {
    expect(outcome(noSecurityPolicy, withGitHub(githubFacts({ securityPolicy })))).toEqual(expected);
  });
});
