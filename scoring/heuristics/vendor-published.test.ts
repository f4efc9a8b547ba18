import { describe, expect, it } from "vitest";
import { withoutPart } from "../../test/support/heuristic.js";
import { findings, github, identityEvidence, provenance, slsaItem } from "../../test/support/identity.js";
import vendorPublished, { create } from "./vendor-published.js";

describe("vendor-published", () => {
  it.each([
    ["vendor scope", { name: "@stripe/mcp", repository: github("stripe", "agent-toolkit") }, 1],
    [
      "vendor's unscoped package",
      { name: "mongodb-mcp-server", repository: github("mongodb-js", "mongodb-mcp-server") },
      1,
    ],
    ["reference server", { name: "@modelcontextprotocol/server-memory" }, 1],
    ["vendor scope, repo elsewhere (scope is what npm enforces)", { name: "@notionhq/notion-mcp-server" }, 1],
    ["brand in an unofficial scope", { name: "@stripe-official/mcp" }, 0],
    ["community package", { name: "notion-mcp-server" }, 0],
    ["lookalike unscoped name", { name: "mongodb-mcp-servers" }, 0],
  ])("%s", (_n, m, count) => {
    const f = findings(vendorPublished.evaluate(identityEvidence(m)));
    expect(f).toHaveLength(count);
    if (count) expect(f[0]).toMatchObject({ credit: true, severity: "info", category: "identity" });
  });

  it("lists every corroboration it found", () => {
    const e = identityEvidence(
      { name: "@stripe/mcp", repository: github("stripe", "agent-toolkit"), mcpName: "com.stripe/mcp" },
      {
        provenance: provenance({ items: [slsaItem("stripe", "agent-toolkit")] }),
        registry: [
          { name: "com.stripe/mcp", packages: [{ registryType: "npm", identifier: "@stripe/mcp" }] },
        ],
      },
    );
    const detail = findings(vendorPublished.evaluate(e))[0]?.detail ?? "";
    expect(detail).toMatch(/scope @stripe/);
    expect(detail).toMatch(/stripe GitHub organisation/);
    expect(detail).toMatch(/MCP name com.stripe\/mcp/);
    expect(detail).toMatch(/provenance/);
    expect(detail).toMatch(/listed in the MCP registry/);
  });

  it("credits an internal publisher a policy adds", () => {
    const h = create([{ id: "acme", organisation: "Acme", npmScopes: ["@acme"], githubOrgs: ["acme"] }]);
    expect(findings(h.evaluate(identityEvidence({ name: "@acme/notes-mcp" })))).toHaveLength(1);
  });
});

describe("vendor-published without its evidence", () => {
  it("is unknown when the registry could not be read, skipped when not collected", () => {
    expect(withoutPart(vendorPublished, "npm")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
