import { describe, expect, it } from "vitest";
import { configEvidence, configTable, docker, npx, remote } from "../../test/support/config.js";
import unpinned from "./config-unpinned-package.js";

configTable(unpinned, [
  ["npx -y pkg", npx("pkg"), 1],
  ["@latest", npx("pkg@latest"), 1],
  ["range", npx("pkg@^1.2.0"), 1],
  ["exact", npx("pkg@1.2.0"), 0],
  ["uvx unpinned", { command: "uvx", args: ["mcp-server-fetch"] }, 1],
  ["uvx pinned", { command: "uvx", args: ["mcp-server-fetch==1.0.0"] }, 0],
  ["docker is another heuristic's", docker("img"), 0],
  ["remote", remote("https://x.example/mcp"), 0],
]);

describe("config-unpinned-package", () => {
  it("suggests the vetted version", () => {
    const e = configEvidence({ s: npx("example-mcp-server") });
    const r = unpinned.evaluate(e);
    expect(r.status === "evaluated" && r.findings[0]?.remediation).toContain("example-mcp-server@1.2.0");
  });
});
