import { describe, expect, it } from "vitest";
import type { McpRegistryServer } from "../../src/evidence/index.js";
import { findings, github, identityEvidence } from "../../test/support/identity.js";
import ns from "./mcp-registry-namespace-mismatch.js";

const listed = (name: string, npm: string): McpRegistryServer => ({
  name,
  packages: [{ registryType: "npm", identifier: npm }],
});

describe("mcp-registry-namespace-mismatch", () => {
  it.each([
    [
      "io.github owner matches",
      { name: "notes-mcp", mcpName: "io.github.alice/notes", repository: github("alice", "notes") },
      undefined,
      [],
    ],
    [
      "io.github owner matches, case differs",
      { name: "notes-mcp", mcpName: "io.github.alice/notes", repository: github("Alice", "notes") },
      undefined,
      [],
    ],
    [
      "io.github owner differs",
      { name: "notes-mcp", mcpName: "io.github.bob/notes", repository: github("alice", "notes") },
      undefined,
      ["medium"],
    ],
    [
      "vendor domain claimed by a stranger",
      { name: "stripe-mcp", mcpName: "com.stripe/mcp", repository: github("eve", "x") },
      undefined,
      ["high"],
    ],
    [
      "vendor subdomain claimed by a stranger",
      { name: "x-mcp", mcpName: "com.stripe.tools/mcp" },
      undefined,
      ["high"],
    ],
    [
      "vendor in its namespace",
      { name: "@stripe/mcp", mcpName: "com.stripe/mcp", repository: github("stripe", "agent-toolkit") },
      undefined,
      [],
    ],
    [
      "vendor in a namespace off its domains",
      { name: "@stripe/mcp", mcpName: "dev.stripe-tools/mcp" },
      undefined,
      ["low"],
    ],
    ["stranger in their own domain", { name: "acme-mcp", mcpName: "com.acme/mcp" }, undefined, []],
    ["no mcpName", { name: "acme-mcp" }, undefined, []],
    [
      "listed for this package",
      { name: "acme-mcp", mcpName: "com.acme/mcp" },
      [listed("com.acme/mcp", "acme-mcp")],
      [],
    ],
    [
      "the name's listing points to another package",
      { name: "acme-mcp2", mcpName: "com.acme/mcp" },
      [listed("com.acme/mcp", "acme-mcp")],
      ["high"],
    ],
    [
      "listed under another name",
      { name: "acme-mcp", mcpName: "com.acme/mcp" },
      [listed("com.acme/mcp", "acme-mcp"), listed("io.github.x/acme", "acme-mcp")],
      ["low"],
    ],
  ])("%s", (_n, m, registry, severities) => {
    const f = findings(ns.evaluate(identityEvidence(m, { registry })));
    expect(f.map((x) => x.severity)).toEqual(severities);
  });

  it("judges the namespace even when the MCP registry was unavailable", () => {
    const e = identityEvidence({ name: "stripe-mcp", mcpName: "com.stripe/mcp" });
    e.mcpRegistry = { status: "unavailable", error: "MCP registry answered 503" };
    expect(findings(ns.evaluate(e))).toHaveLength(1);
  });
});
