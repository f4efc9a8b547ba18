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

  it("quotes where the claim is, capped", () => {
    const claims = officialClaims("x", undefined, `${"a ".repeat(500)} official ${"b ".repeat(500)}`);
    expect(claims[0]?.where).toBe("README");
    expect(claims[0]!.quote.length).toBeLessThanOrEqual(160);
  });

  it("is unknown without registry facts", () => {
    expect(officialClaim.evaluate(evidence({ npm: { status: "unavailable", error: "down" } })).status).toBe(
      "unknown",
    );
  });
});
