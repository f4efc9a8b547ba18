/**
 * Scenarios, not one heuristic: how the identity heuristics combine on one package. Each
 * heuristic's own cases sit beside it in scoring/heuristics/<id>.test.ts.
 */
import { describe, expect, it } from "vitest";
import { HEURISTICS } from "../../../scoring/heuristics/index.js";
import type { Evidence } from "../../../src/evidence/index.js";
import { github, identityEvidence, provenance, slsaItem } from "../../support/identity.js";

/** Ids of the identity findings all registered heuristics report, with their severity. */
function identityFindings(e: Evidence): string[] {
  return HEURISTICS.filter((h) => h.definition.category === "identity").flatMap((h) => {
    const r = h.evaluate(e);
    return r.status === "evaluated" ? r.findings.map((f) => `${f.id}:${f.severity}`) : [];
  });
}

describe("identity heuristics together", () => {
  it("the genuine vendor package earns only credit", () => {
    const e = identityEvidence(
      {
        name: "@stripe/mcp",
        description: "Official Stripe MCP server",
        mcpName: "com.stripe/mcp",
        repository: github("stripe", "agent-toolkit"),
      },
      {
        facts: {
          createdAt: "2025-01-10T00:00:00.000Z",
          versions: [
            { version: "1.0.0", publishedAt: "2025-01-10T00:00:00.000Z", publisher: "stripe-bot" },
            { version: "1.1.0", publishedAt: "2025-11-10T00:00:00.000Z", publisher: "stripe-bot" },
            { version: "1.2.0", publishedAt: "2026-09-01T00:00:00.000Z", publisher: "stripe-bot" },
          ],
        },
        provenance: provenance({ items: [slsaItem("stripe", "agent-toolkit")] }),
        registry: [
          { name: "com.stripe/mcp", packages: [{ registryType: "npm", identifier: "@stripe/mcp" }] },
        ],
      },
    );
    expect(identityFindings(e)).toEqual(["vendor-published:info"]);
  });

  it("an impostor of it trips the impersonation checks", () => {
    const e = identityEvidence(
      {
        name: "@stripe-official/mcp",
        description: "Official Stripe MCP server",
        mcpName: "com.stripe/mcp",
        repository: github("mallory", "stripe-mcp"),
      },
      {
        facts: {
          createdAt: "2026-10-20T00:00:00.000Z",
          versions: [{ version: "1.2.0", publishedAt: "2026-10-20T00:00:00.000Z", publisher: "mallory" }],
        },
        provenance: provenance({ attestations: "absent" }),
        registry: [
          { name: "com.stripe/mcp", packages: [{ registryType: "npm", identifier: "@stripe/mcp" }] },
        ],
      },
    );
    expect(identityFindings(e).sort()).toEqual(
      [
        "impersonation:critical",
        "official-claim-unbacked:high",
        "vendor-brand-unofficial-scope:medium",
        "typosquat:high",
        "mcp-registry-namespace-mismatch:high",
        "mcp-registry-namespace-mismatch:high",
        "provenance-missing:low",
        "new-package:medium",
      ].sort(),
    );
  });

  it("a taken-over community package shows the takeover shape", () => {
    const e = identityEvidence(
      { name: "notes-mcp", version: "1.0.1", repository: github("alice", "notes-mcp") },
      {
        facts: {
          versions: [
            { version: "1.0.0", publishedAt: "2023-05-01T00:00:00.000Z", publisher: "alice" },
            { version: "1.0.1", publishedAt: "2026-10-25T00:00:00.000Z", publisher: "mallory" },
          ],
        },
        provenance: provenance({ items: [slsaItem("mallory", "notes-mcp")] }),
      },
    );
    expect(identityFindings(e).sort()).toEqual(
      [
        "dormant-then-published:high",
        "provenance-repo-mismatch:high",
        "publisher-changed:medium",
        // no mcpName: the registry cannot vouch for it either
        "mcp-name:info",
      ].sort(),
    );
  });
});
