import { describe, expect, it } from "vitest";
import { githubFacts, outcome, withGitHub } from "../../test/support/github-evidence.js";
import { withoutPart } from "../../test/support/heuristic.js";
import noSecurityPolicy from "./no-security-policy.js";

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

describe("no-security-policy without its evidence", () => {
  it("is unknown when GitHub could not be read, skipped when not collected", () => {
    expect(withoutPart(noSecurityPolicy, "github")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
