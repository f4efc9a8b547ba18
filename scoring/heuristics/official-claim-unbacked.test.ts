import { describe, expect, it } from "vitest";
import { evidence } from "../../test/support/evidence.js";
import { findings, identityEvidence } from "../../test/support/identity.js";
import officialClaim, { officialClaims } from "./official-claim-unbacked.js";

describe("official-claim-unbacked", () => {
  it.each([
    [
      "description claims, no vendor",
      { name: "notes-mcp", description: "The official notes MCP server" },
      "",
      1,
      "medium",
    ],
    [
      "claims to be Stripe's",
      { name: "stripe-mcp-server", description: "Official Stripe MCP server" },
      "",
      1,
      "high",
    ],
    ["name says official", { name: "official-github-mcp" }, "", 1, "high"],
    [
      "README claims",
      { name: "notes-mcp" },
      "# Notes\nThis is the officially supported server.",
      1,
      "medium",
    ],
    [
      "real vendor may say official",
      { name: "@stripe/mcp", description: "Official Stripe MCP server" },
      "",
      0,
      "",
    ],
    ["says unofficial", { name: "notion-mcp", description: "An unofficial Notion MCP server" }, "", 0, ""],
    [
      "says not official",
      { name: "notion-mcp", description: "This is not an official Notion product" },
      "",
      0,
      "",
    ],
    [
      "mentions the official API by another word",
      { name: "notes-mcp", description: "Wraps the Notes API" },
      "",
      0,
      "",
    ],
  ])("%s", (_n, m, readme, count, severity) => {
    const f = findings(officialClaim.evaluate(identityEvidence(m, { readme })));
    expect(f).toHaveLength(count);
    if (count) expect(f[0]?.severity).toBe(severity);
  });

  // Sentences from real READMEs (the most-downloaded servers) beside the impostors' own.
  it.each([
    [
      "link text: a label, not a sentence",
      { name: "xcodebuildmcp" },
      "See [Official Docs](https://xcodebuildmcp.com/docs) for setup.",
      0,
      "",
    ],
    [
      "the official docs page (xcodebuildmcp)",
      { name: "xcodebuildmcp" },
      "Drop-in config snippets for Cursor, Claude Code, Codex, can be found in the official docs page [MCP Clients](https://xcodebuildmcp.com/docs/clients). Most clients can also run the MCP server on demand.",
      0,
      "",
    ],
    [
      "the official example in someone else's docs (@bytebase/dbhub)",
      { name: "@bytebase/dbhub" },
      "> DBHub is the official example in the [Claude Code docs](https://code.claude.com/docs/en/mcp#example-query-your-postgresql-database) for connecting to PostgreSQL via MCP.",
      0,
      "",
    ],
    [
      "another product's official assistant, and a recommendation (@dynatrace-oss)",
      { name: "@dynatrace-oss/dynatrace-mcp-server" },
      "> Note: This product is not officially supported by Dynatrace.\n\nThe [Google Gemini CLI](https://github.com/google-gemini/gemini-cli) is Google's official command-line AI assistant that supports MCP server integration.\n\n> **Recommendation:** Instead of self-hosting, consider using the official [Dynatrace Remote MCP Server](https://www.dynatrace.com/hub/detail/dynatrace-mcp-server/) — it is more secure.",
      0,
      "",
    ],
    [
      "built on the official SDK",
      { name: "notes-mcp" },
      "Built on the official [MCP TypeScript SDK](https://github.com/modelcontextprotocol/typescript-sdk).",
      0,
      "",
    ],
    [
      "a vendor's own scope: the brand is not taken from the link (@launchdarkly)",
      { name: "@launchdarkly/mcp-server" },
      "# LaunchDarkly MCP Server\n\nThe official [Model Context Protocol (MCP)](https://modelcontextprotocol.io/) server for [LaunchDarkly](https://launchdarkly.com/).",
      1,
      "low",
    ],
    [
      "an apposition to another project (@mizchi/lsmcp)",
      { name: "@mizchi/lsmcp" },
      "## Supported languages\n\n- gopls - Go (Official Go language server)",
      0,
      "",
    ],
    [
      "its own scope written as the product's name (@drawio/mcp)",
      {
        name: "@drawio/mcp",
        description: "Official draw.io MCP server for LLMs - Open diagrams in draw.io editor",
      },
      "",
      1,
      "low",
    ],
    [
      "impostor: a linked brand, then the server",
      { name: "@stripe-mcp/server" },
      "# Stripe MCP\n\nThe official [Stripe](https://stripe.com) Model Context Protocol server. Lets agents create customers.",
      1,
      "high",
    ],
    [
      "impostor: a title that claims",
      { name: "@notion-hq/mcp-server" },
      "# Official Notion MCP Server\n\nSearch, read and update pages.",
      1,
      "high",
    ],
    [
      "welcome to the official server",
      { name: "stripe-agent-mcp" },
      "Welcome to the official Stripe MCP server.",
      1,
      "high",
    ],
    [
      "the package says it is officially supported",
      { name: "stripe-agent-mcp" },
      "This server is officially supported by Stripe.",
      1,
      "high",
    ],
  ])("README: %s", (_n, m, readme, count, severity) => {
    const f = findings(officialClaim.evaluate(identityEvidence(m, { readme })));
    expect(f).toHaveLength(count);
    if (count) expect(f[0]?.severity).toBe(severity);
  });

  it("quotes where the claim is, capped", () => {
    const claims = officialClaims(
      "x",
      undefined,
      `${"a ".repeat(500)}. This is the official server ${"b ".repeat(500)}`,
    );
    expect(claims[0]?.where).toBe("README");
    expect(claims[0]!.quote.length).toBeLessThanOrEqual(160);
  });

  it("is unknown without registry facts", () => {
    expect(officialClaim.evaluate(evidence({ npm: { status: "unavailable", error: "down" } })).status).toBe(
      "unknown",
    );
  });
});
