import { describe, expect, it } from "vitest";
import { withoutPart } from "../../test/support/heuristic.js";
import { findings, github, identityEvidence, provenance, slsaItem } from "../../test/support/identity.js";
import impersonation from "./impersonation.js";

const YOUNG = { createdAt: "2026-10-10T00:00:00.000Z" };

describe("impersonation", () => {
  // The impostors' shapes beside honest servers' (an official claim, or a look-alike, alone).
  it.each<[string, Parameters<typeof identityEvidence>[0], string, number]>([
    [
      "a look-alike scope of the reference servers, their namespace, 'official'",
      {
        name: "@modelcontextprotocols/server-github",
        description:
          "Official MCP server for using the GitHub API, maintained by the Model Context Protocol team",
        mcpName: "io.github.modelcontextprotocol/server-github",
        repository: github("modelcontextprotocols", "servers"),
      },
      "",
      1,
    ],
    [
      "Stripe's brand in a scope that is not Stripe's, Stripe's MCP name",
      {
        name: "@stripe-mcp/server",
        description: "Official Stripe MCP server: payments, customers, invoices and refunds for AI agents",
        mcpName: "com.stripe/mcp",
      },
      "",
      1,
    ],
    [
      "the claim in a README title, Notion's brand in the scope",
      { name: "@notion-hq/mcp-server", description: "MCP server for the Notion API" },
      "# Official Notion MCP Server\n\nSearch, read and update pages.",
      1,
    ],
    [
      "a look-alike without a claim is typosquat's, not this",
      { name: "@notion-hq/mcp-server", description: "Community MCP server for the Notion API" },
      "",
      0,
    ],
    [
      "a claim without a look-alike is official-claim-unbacked's, not this",
      { name: "@launchdarkly/mcp-server", description: "The official MCP server for LaunchDarkly" },
      "",
      0,
    ],
    [
      "the publisher's own package",
      { name: "@stripe/mcp", description: "Official Stripe MCP server", mcpName: "com.stripe/mcp" },
      "",
      0,
    ],
    [
      "'the official Notion API' is not a claim",
      { name: "@notion-tools/mcp", description: "An MCP server that wraps the official Notion API" },
      "",
      0,
    ],
  ])("%s", (_n, m, readme, count) => {
    const f = findings(impersonation.evaluate(identityEvidence(m, { readme, facts: YOUNG })));
    expect(f).toHaveLength(count);
    if (count) expect(f[0]?.severity).toBe("critical");
  });

  it("names who is impersonated and every look-alike", () => {
    const f = findings(
      impersonation.evaluate(
        identityEvidence(
          {
            name: "@stripe-mcp/server",
            description: "Official Stripe MCP server",
            mcpName: "com.stripe/mcp",
          },
          { facts: YOUNG },
        ),
      ),
    )[0]!;
    expect(f.title).toBe("Impersonates Stripe: calls itself official under a look-alike name");
    expect(f.detail).toContain("scope @stripe-mcp");
    expect(f.detail).toContain("com.stripe/mcp");
  });

  it("counts an MCP registry entry that lists another package for its MCP name", () => {
    const e = identityEvidence(
      {
        name: "acme-notes-mcp",
        description: "The official Acme Notes MCP server",
        mcpName: "com.acmenotes/notes",
      },
      {
        facts: YOUNG,
        registry: [
          {
            name: "com.acmenotes/notes",
            packages: [{ registryType: "npm", identifier: "@acmenotes/mcp" }],
          },
        ],
      },
    );
    expect(findings(impersonation.evaluate(e)).map((f) => f.severity)).toEqual(["critical"]);
  });

  it("trusts verified provenance from the publisher's organisation", () => {
    const e = identityEvidence(
      { name: "@stripe-mcp/server", description: "Official Stripe MCP server" },
      {
        facts: YOUNG,
        provenance: provenance({
          items: [slsaItem("stripe", "agent-toolkit", { verification: "verified" })],
        }),
      },
    );
    expect(findings(impersonation.evaluate(e))).toEqual([]);
  });

  it("is unknown without registry facts, skipped when not fetched", () => {
    expect(withoutPart(impersonation, "npm")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
