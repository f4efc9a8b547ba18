import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discoverOrg, isMcpServer } from "../../src/audit/github-org.js";
import { contextAt } from "../support/fetch-context.js";
import { FixtureServer } from "../support/fixture-server.js";

const server = new FixtureServer();
const CONFIG = JSON.stringify({ mcpServers: { x: { url: "https://mcp.example.com" } } });

beforeAll(async () => {
  server.face("/github", (req) => {
    if (req.path === "/search/code") {
      const items = (req.query.get("q") ?? "").includes("filename:mcp.json")
        ? [
            { path: ".cursor/mcp.json", repository: { full_name: "acme/app" } },
            { path: "../../../escape/mcp.json", repository: { full_name: "acme/app" } },
            { path: "mcp.json", repository: { full_name: "../.." } },
          ]
        : [];
      return { status: 200, body: { total_count: items.length, items } };
    }
    if (req.path.startsWith("/repos/")) {
      return {
        status: 200,
        body: { content: Buffer.from(CONFIG).toString("base64"), encoding: "base64", size: CONFIG.length },
      };
    }
    return undefined;
  });
  await server.start();
});
afterAll(() => server.stop());

describe("discoverOrg", () => {
  it("copies found configs under owner/repo/path and refuses paths that climb out", async () => {
    const root = mkdtempSync(join(tmpdir(), "mcp-vet-org-test-"));
    const work = join(root, "work");
    const ctx = contextAt(server.url(), { githubToken: "ghs_test" });
    const found = await discoverOrg(ctx, "acme", work);
    expect(found.targets.map((t) => t.key)).toEqual(["config:github:acme/app/.cursor/mcp.json"]);
    expect(existsSync(join(work, "acme", "app", ".cursor", "mcp.json"))).toBe(true);
    expect(readdirSync(root)).toEqual(["work"]);
    expect(found.notes.join("\n")).toMatch(/2 result\(s\) with unusable paths skipped/);
  });

  it("needs a token", async () => {
    await expect(discoverOrg(contextAt(server.url()), "acme", tmpdir())).rejects.toThrow(
      /needs GITHUB_TOKEN/,
    );
  });

  it.each([
    ["@modelcontextprotocol/server-filesystem", true],
    ["mcp-remote", true],
    ["@acme/weather-mcp", true],
    ["@modelcontextprotocol/sdk", false],
    ["express", false],
    ["fastmcp", false],
  ])("isMcpServer(%s) is %s", (name, expected) => {
    expect(isMcpServer(name)).toBe(expected);
  });
});
