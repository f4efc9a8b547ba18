import { describe, expect, it } from "vitest";
import { withoutPart } from "../../test/support/heuristic.js";
import { findings, identityEvidence } from "../../test/support/identity.js";
import { PUBLISHERS } from "../knowledge/publishers.js";
import typosquat, { create, referenceNames } from "./typosquat.js";

const YOUNG = { createdAt: "2026-10-15T00:00:00.000Z" };
const OLD = { createdAt: "2020-01-01T00:00:00.000Z" };

describe("typosquat (heuristic)", () => {
  it.each([
    ["homoglyph of an official server", "@p1aywright/mcp", YOUNG, 1, "high"],
    ["scope swap", "@stripe-official/mcp", YOUNG, 1, "high"],
    ["separator variant", "chrome_devtools_mcp", YOUNG, 1, "high"],
    ["young affix variant of an official name", "mcp-server-filesystem", YOUNG, 1, "medium"],
    ["old affix variant is not reported", "mcp-server-filesystem", OLD, 0, ""],
    ["fork-style reuse of a community name is low", "@someone/playwright-mcp-server", OLD, 0, ""],
    ["the real package", "@playwright/mcp", YOUNG, 0, ""],
    ["popular neighbour", "@executeautomation/playwright-mcp-server", YOUNG, 0, ""],
    ["unrelated", "acme-notes-mcp", YOUNG, 0, ""],
  ])("%s", (_n, name, facts, count, severity) => {
    const f = findings(typosquat.evaluate(identityEvidence({ name }, { facts })));
    expect(f).toHaveLength(count);
    if (count) expect(f[0]?.severity).toBe(severity);
  });

  it("names the target and its popularity", () => {
    const f = findings(
      typosquat.evaluate(identityEvidence({ name: "@p1aywright/mcp" }, { facts: YOUNG })),
    )[0];
    expect(f?.title).toBe("Name looks like @playwright/mcp");
    expect(f?.detail).toMatch(/downloads a month, snapshot 2026-11/);
  });

  it("official names come from the publisher list too", () => {
    const names = referenceNames(PUBLISHERS, { snapshot: "x", servers: [] });
    expect(names.find((n) => n.name === "mongodb-mcp-server")).toMatchObject({ official: true });
  });

  it("uses a policy's internal names as targets", () => {
    const h = create([
      ...PUBLISHERS,
      {
        id: "acme",
        organisation: "Acme",
        npmScopes: ["@acme"],
        npmPackages: ["acme-notes-mcp"],
        githubOrgs: [],
      },
    ]);
    expect(findings(h.evaluate(identityEvidence({ name: "acme_notes_mcp" }, { facts: YOUNG })))).toHaveLength(
      1,
    );
  });
});

describe("typosquat without its evidence", () => {
  it("is unknown when the registry could not be read, skipped when not collected", () => {
    expect(withoutPart(typosquat, "npm")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
