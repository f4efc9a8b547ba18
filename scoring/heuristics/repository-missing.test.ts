import { describe, expect, it } from "vitest";
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

  it("is unknown when the tarball could not be read, skipped when not fetched", () => {
    expect(withoutPart(repositoryMissing, "package")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
