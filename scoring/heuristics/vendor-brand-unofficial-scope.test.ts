import { describe, expect, it } from "vitest";
import { withoutPart } from "../../test/support/heuristic.js";
import { findings, github, identityEvidence, provenance, slsaItem } from "../../test/support/identity.js";
import brand from "./vendor-brand-unofficial-scope.js";

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
      "vendor's repo claimed in package.json only: noted, not penalised",
      { name: "sentry-mcp", repository: github("getsentry", "sentry-mcp") },
      1,
      "info",
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

  it("trusts the vendor's repository only when verified provenance says the tarball was built there", () => {
    const m = { name: "sentry-mcp", repository: github("getsentry", "sentry-mcp") };
    const verified = provenance({
      items: [slsaItem("getsentry", "sentry-mcp", { verification: "verified" })],
    });
    expect(findings(brand.evaluate(identityEvidence(m, { provenance: verified })))).toEqual([]);
    const unverified = provenance({ items: [slsaItem("getsentry", "sentry-mcp")] });
    expect(findings(brand.evaluate(identityEvidence(m, { provenance: unverified })))).toHaveLength(1);
  });
});

describe("vendor-brand-unofficial-scope without its evidence", () => {
  it("is unknown when the registry could not be read, skipped when not collected", () => {
    expect(withoutPart(brand, "npm")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
