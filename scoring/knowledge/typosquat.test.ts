import { describe, expect, it } from "vitest";
import {
  type ConfusionKind,
  confusionKind,
  editDistance,
  findConfusions,
  type ReferenceName,
} from "./typosquat.js";

const NOW = "2026-11-01T00:00:00.000Z";
const REFERENCE: ReferenceName[] = [
  { name: "@stripe/mcp", downloadsPerMonth: 144_352, official: true, createdAt: "2025-01-10T00:00:00.000Z" },
  {
    name: "@playwright/mcp",
    downloadsPerMonth: 6_293_363,
    official: true,
    createdAt: "2025-03-20T00:00:00.000Z",
  },
  {
    name: "@notionhq/notion-mcp-server",
    downloadsPerMonth: 239_565,
    official: true,
    createdAt: "2025-03-01T00:00:00.000Z",
  },
  {
    name: "@modelcontextprotocol/server-filesystem",
    downloadsPerMonth: 1_133_453,
    official: true,
    createdAt: "2024-11-19T00:00:00.000Z",
  },
  {
    name: "@modelcontextprotocol/server-github",
    downloadsPerMonth: 280_864,
    official: true,
    createdAt: "2024-11-19T00:00:00.000Z",
  },
  {
    name: "chrome-devtools-mcp",
    downloadsPerMonth: 1_848_520,
    official: true,
    createdAt: "2025-09-01T00:00:00.000Z",
  },
  { name: "mcp-remote", downloadsPerMonth: 920_137, createdAt: "2025-03-01T00:00:00.000Z" },
  { name: "firecrawl-mcp", downloadsPerMonth: 128_690, official: true },
  { name: "tavily-mcp", downloadsPerMonth: 138_725, official: true },
  { name: "mongodb-mcp-server", downloadsPerMonth: 162_003, official: true },
  { name: "@upstash/context7-mcp", downloadsPerMonth: 1_425_541, official: true },
  { name: "@executeautomation/playwright-mcp-server", downloadsPerMonth: 77_326 },
  { name: "@cloudflare/playwright-mcp", downloadsPerMonth: 14_981, official: true },
  { name: "mcp-proxy", downloadsPerMonth: 1_205_163 },
  { name: "@sentry/mcp-server", downloadsPerMonth: 94_958, official: true },
  { name: "@smithery/cli", downloadsPerMonth: 776_106 },
  { name: "@clerk/mcp-tools", downloadsPerMonth: 104_534 },
  { name: "@azure-devops/mcp", downloadsPerMonth: 286_048, official: true },
];

const YOUNG = "2026-10-20T00:00:00.000Z";
const OLD = "2021-01-01T00:00:00.000Z";

// [subject, subject createdAt, subject downloads, expected target or null, expected kind]
const TABLE: [string, string | undefined, number | undefined, string | null, ConfusionKind | null][] = [
  // true positives
  ["@stripe-official/mcp", YOUNG, undefined, "@stripe/mcp", "scope-swap"],
  ["@stripe-inc/mcp", YOUNG, undefined, "@stripe/mcp", "scope-swap"],
  ["@strpe/mcp", YOUNG, undefined, "@stripe/mcp", "edit-distance"],
  ["@strlpe/mcp", YOUNG, undefined, "@stripe/mcp", "homoglyph"],
  ["@playwrigth/mcp", YOUNG, undefined, "@playwright/mcp", "transposition"],
  ["@p1aywright/mcp", YOUNG, undefined, "@playwright/mcp", "homoglyph"],
  ["@p1aywright/mcp", undefined, undefined, "@playwright/mcp", "homoglyph"],
  ["@notion-hq/notion-mcp-server", YOUNG, undefined, "@notionhq/notion-mcp-server", "separator"],
  ["@evil/notion-mcp-server", YOUNG, undefined, "@notionhq/notion-mcp-server", "scope-swap"],
  ["notion-mcp-server", YOUNG, undefined, "@notionhq/notion-mcp-server", "scope-dropped"],
  ["chrorne-devtools-mcp", YOUNG, undefined, "chrome-devtools-mcp", "homoglyph"],
  [
    "@modelcontextprotoco1/server-filesystem",
    YOUNG,
    undefined,
    "@modelcontextprotocol/server-filesystem",
    "homoglyph",
  ],
  [
    "@modelcontext-protocol/server-github",
    YOUNG,
    undefined,
    "@modelcontextprotocol/server-github",
    "separator",
  ],
  ["@mcp/server-github", YOUNG, undefined, "@modelcontextprotocol/server-github", "scope-swap"],
  ["mcp-server-filesystem", YOUNG, undefined, "@modelcontextprotocol/server-filesystem", "affix-variant"],
  ["filesystem-mcp-server", YOUNG, undefined, "@modelcontextprotocol/server-filesystem", "affix-variant"],
  ["chrome-devtool-mcp", YOUNG, undefined, "chrome-devtools-mcp", "edit-distance"],
  ["chrome_devtools_mcp", YOUNG, undefined, "chrome-devtools-mcp", "separator"],
  ["chrome.devtools-mcp", YOUNG, undefined, "chrome-devtools-mcp", "separator"],
  ["mcp-chrome-devtools", YOUNG, undefined, "chrome-devtools-mcp", "affix-variant"],
  ["mcp-remotes", YOUNG, undefined, "mcp-remote", "edit-distance"],
  ["mcp-rernote", YOUNG, undefined, "mcp-remote", "homoglyph"],
  ["mcp-rmeote", YOUNG, undefined, "mcp-remote", "transposition"],
  ["firecrawl-mcp-server", YOUNG, undefined, "firecrawl-mcp", "affix-variant"],
  ["tavlly-mcp", YOUNG, undefined, "tavily-mcp", "homoglyph"],
  ["rnongodb-mcp-server", YOUNG, undefined, "mongodb-mcp-server", "homoglyph"],
  [
    "@upstash/context7-mcp".replace("upstash", "upstash-ai"),
    YOUNG,
    undefined,
    "@upstash/context7-mcp",
    "scope-swap",
  ],
  ["@sentry-io/mcp-server", YOUNG, undefined, "@sentry/mcp-server", "scope-swap"],
  ["azure-devops-mcp", YOUNG, undefined, "@azure-devops/mcp", "edit-distance"],
  // false positives: must not be reported
  ["@stripe/mcp", YOUNG, undefined, null, null], // the target itself
  ["@modelcontextprotocol/server-memory", YOUNG, undefined, null, null], // sibling in the same scope
  ["@modelcontextprotocol/server-filesystern", YOUNG, undefined, null, null], // only the scope's owners publish there
  ["@azure/mcp", OLD, undefined, null, null], // generic bare name, unrelated scope
  ["@cloudflare/playwright-mcp", YOUNG, 14_981, null, null], // official, and a real neighbour
  ["@executeautomation/playwright-mcp-server", "2024-12-01T00:00:00.000Z", 77_326, null, null], // popular in its own right
  ["mcp-proxy", "2024-12-01T00:00:00.000Z", 1_205_163, null, null], // popular itself
  ["mcp-remote-proxy", YOUNG, undefined, null, null], // different words
  ["sqlite-mcp-server", YOUNG, undefined, null, null], // nothing close
  ["@acme/internal-mcp", YOUNG, undefined, null, null],
  ["stripe-agent-toolkit", YOUNG, undefined, null, null], // a brand, not a near name (another heuristic's job)
  ["mcp", YOUNG, undefined, null, null], // too short to judge
  ["tavily-mcp-old", OLD, undefined, null, null], // older than its target: named before it existed
  ["@claude-flow/cli", YOUNG, undefined, null, null], // generic bare name under another scope
  ["@slope-dev/mcp-tools", YOUNG, undefined, null, null], // generic words only
  ["mcp-server-filesystem", OLD, undefined, null, null], // an old community variant: weighed below the bar
  ["@someone/playwright-mcp-server", OLD, undefined, null, null], // fork-style reuse of a community name
];

describe("typosquat", () => {
  it.each(TABLE)("%s (created %s, %s/month) → %s %s", (name, createdAt, downloads, target, kind) => {
    const official = name.startsWith("@cloudflare/") || name === "@stripe/mcp";
    const found = findConfusions({ name, createdAt, downloadsPerMonth: downloads, official }, REFERENCE, NOW);
    if (target === null) {
      expect(found).toEqual([]);
      return;
    }
    expect(found[0]?.target.name).toBe(target);
    expect(found[0]?.kind).toBe(kind);
  });

  it("ranks a young imitation of an official name above an old one", () => {
    const young = findConfusions({ name: "tavlly-mcp", createdAt: YOUNG }, REFERENCE, NOW)[0];
    const old = findConfusions({ name: "tavlly-mcp", createdAt: OLD }, REFERENCE, NOW)[0];
    expect(young!.score).toBeGreaterThan(old!.score);
  });

  it("edit distance counts a swap as one edit", () => {
    expect(editDistance("abcd", "abdc")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("is symmetric enough: the target is never confused with itself", () => {
    for (const r of REFERENCE) expect(confusionKind(r.name, r.name)).toBeUndefined();
  });
});
