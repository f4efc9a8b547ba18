import { describe, expect, it } from "vitest";
import { withoutPart } from "../../test/support/heuristic.js";
import { findings, github, identityEvidence, provenance, slsaItem } from "../../test/support/identity.js";
import repoMismatch from "./provenance-repo-mismatch.js";

describe("provenance-repo-mismatch", () => {
  it.each([
    ["same repository", github("example", "notes-mcp"), slsaItem("example", "notes-mcp"), []],
    ["same repository, case differs", github("Example", "Notes-MCP"), slsaItem("example", "notes-mcp"), []],
    ["another owner", github("example", "notes-mcp"), slsaItem("mallory", "notes-mcp"), ["high"]],
    ["same owner, other repo", github("example", "notes-mcp"), slsaItem("example", "monorepo"), ["medium"]],
    ["no repository field", undefined, slsaItem("example", "notes-mcp"), []],
  ])("%s", (_n, repository, item, severities) => {
    const e = identityEvidence(
      { name: "notes-mcp", repository },
      { provenance: provenance({ items: [item] }) },
    );
    expect(findings(repoMismatch.evaluate(e)).map((f) => f.severity)).toEqual(severities);
  });

  it("is unknown when the provenance source was unavailable, skipped when not fetched", () => {
    expect(withoutPart(repoMismatch, "provenance")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
