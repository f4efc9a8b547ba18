import { describe, expect, it } from "vitest";
import { toManifest } from "../../src/collect/manifest.js";
import { parseRepository as repositoryRef } from "../../src/collect/sources/github/repository.js";
import { evidenceWith } from "../../test/support/evidence.js";
import { findingsOf, withoutPart } from "../../test/support/heuristic.js";
import repositoryMissing from "./repository-missing.js";

describe("repository-missing", () => {
  it.each([
    ["a GitHub repository", { repository: repositoryRef("git+https://github.com/o/r.git") }, []],
    ["a self-hosted https repository", { repository: repositoryRef("https://git.example.org/o/r") }, []],
    ["none", { repository: undefined }, ["high"]],
    ["unparseable", { repository: repositoryRef("see our website") }, ["medium"]],
  ])("%s", (_n, m, severities) => {
    expect(findingsOf(repositoryMissing, evidenceWith(m)).map((f) => f.severity)).toEqual(severities);
  });

  // The package.json's links as real packages write them: @larksuiteoapi/lark-mcp@0.5.1 has no
  // `repository` and its homepage is the repository; @modelcontextprotocol/server-github names
  // the monorepo's issue tracker in `bugs`.
  const links = (fields: Record<string, unknown>) =>
    findingsOf(
      repositoryMissing,
      evidenceWith(toManifest({ name: "p", version: "1.0.0", ...fields }, [], "t")!),
    );
  it.each([
    ["homepage is the repository", { homepage: "https://github.com/larksuite/lark-openapi-mcp" }, ["low"]],
    ["homepage is its readme", { homepage: "https://github.com/o/r#readme" }, ["low"]],
    [
      "bugs is its issue tracker",
      {
        homepage: "https://modelcontextprotocol.io",
        bugs: "https://github.com/modelcontextprotocol/servers/issues",
      },
      ["low"],
    ],
    [
      "bugs as an object, on GitLab",
      { bugs: { url: "https://gitlab.com/o/r/-/issues", email: "a@b.c" } },
      ["low"],
    ],
    [
      "homepage is a website",
      { homepage: "https://example.com/docs/mcp", bugs: "mailto:help@example.com" },
      ["high"],
    ],
    ["homepage is a GitHub account, not a repository", { homepage: "https://github.com/someone" }, ["high"]],
    ["a repository field wins", { repository: "github:o/r", homepage: "https://github.com/x/y" }, []],
  ])("links: %s", (_n, fields, severities) => {
    expect(links(fields).map((f) => f.severity)).toEqual(severities);
  });

  it("is unknown when the tarball could not be read, skipped when not fetched", () => {
    expect(withoutPart(repositoryMissing, "package")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
