import { describe, expect, it } from "vitest";
import type { GitHubPackageJson } from "../../src/evidence/index.js";
import { githubFacts, outcome, withGitHub } from "../../test/support/github-evidence.js";
import { withoutPart } from "../../test/support/heuristic.js";
import repoPackageMismatch from "./repo-package-mismatch.js";

// The default evidence is for the package "example-mcp-server".
const at = (packageJson: GitHubPackageJson | undefined, directory?: string) =>
  withGitHub(githubFacts({ packageJson, ...(directory ? { directory } : {}) }));

describe("repo-package-mismatch", () => {
  it.each([
    ["same name at the root", at({ path: "package.json", found: true, name: "example-mcp-server" }), []],
    [
      "same name in the monorepo folder",
      at({ path: "src/x/package.json", found: true, name: "example-mcp-server" }, "src/x"),
      [],
    ],
    ["another package's name", at({ path: "package.json", found: true, name: "popular-server" }), ["high"]],
    ["no name", at({ path: "package.json", found: true }), ["high"]],
    ["nothing at the named folder", at({ path: "src/x/package.json", found: false }, "src/x"), ["high"]],
    ["nothing at the root, no folder named", at({ path: "package.json", found: false }), ["medium"]],
    [
      "workspace root, no folder named",
      at({ path: "package.json", found: true, name: "monorepo", workspaces: true }),
      ["low"],
    ],
    [
      "workspace root named as the folder: still a mismatch",
      at({ path: "src/x/package.json", found: true, name: "monorepo", workspaces: true }, "src/x"),
      ["high"],
    ],
    ["package.json unreadable", at(undefined), "unknown"],
  ])("%s", (_name, ev, expected) => {
    expect(outcome(repoPackageMismatch, ev)).toEqual(expected);
  });

  it("quotes the name the repository declares", () => {
    const result = repoPackageMismatch.evaluate(
      at({ path: "package.json", found: true, name: "popular-server" }),
    );
    expect(result.status === "evaluated" && result.findings[0]?.evidence[0]).toEqual({
      file: "package.json",
      url: "https://github.com/example/example-mcp-server/blob/HEAD/package.json",
      snippet: '"name": "popular-server"',
    });
  });
});

describe("repo-package-mismatch without its evidence", () => {
  it("is unknown when GitHub could not be read, skipped when not collected", () => {
    expect(withoutPart(repoPackageMismatch, "github")).toEqual({
      unavailable: "unknown",
      skipped: "skipped",
    });
  });
});
