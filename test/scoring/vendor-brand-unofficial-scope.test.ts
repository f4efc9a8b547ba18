import { describe, expect, it } from "vitest";
import brand from "../../scoring/heuristics/vendor-brand-unofficial-scope.js";
import { findings, github, identityEvidence } from "../support/identity.js";

describe("vendor-brand-unofficial-scope", () => {
  it.each([
    [
      "community notion server",
      { name: "notion-mcp-server", repository: github("someone", "notion-mcp") },
      1,
      "low",
    ],
    ["brand in the scope", { name: "@stripe-official/mcp", repository: github("x", "y") }, 1, "medium"],
    ["jira, an Atlassian brand", { name: "@atlassian-dc-mcp/jira" }, 1, "medium"],
    ["vendor's own scope", { name: "@stripe/mcp" }, 0, ""],
    [
      "vendor's repo, unscoped name",
      { name: "sentry-mcp", repository: github("getsentry", "sentry-mcp") },
      0,
      "",
    ],
    ["known publisher naming another's product", { name: "@cloudflare/playwright-mcp" }, 0, ""],
    ["reference server named after GitHub", { name: "@modelcontextprotocol/server-github" }, 0, ""],
    ["no brand", { name: "sqlite-explorer-mcp" }, 0, ""],
    ["brand as a substring only", { name: "notionally-mcp" }, 0, ""],
  ])("%s", (_n, m, count, severity) => {
    const f = findings(brand.evaluate(identityEvidence(m)));
    expect(f).toHaveLength(count);
    if (count) expect(f[0]?.severity).toBe(severity);
  });
});
