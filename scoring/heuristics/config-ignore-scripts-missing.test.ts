import { describe, expect, it } from "vitest";
import { configEvidence, docker, findingCount, npx } from "../../test/support/config.js";
import { evidence, evidenceWith } from "../../test/support/evidence.js";
import ignoreScripts from "./config-ignore-scripts-missing.js";

describe("config-ignore-scripts-missing", () => {
  const withScripts = evidenceWith({ scripts: { postinstall: "node x.js" } });
  const registryUnavailable = evidence({
    npm: { status: "unavailable", error: "x" },
    package: { status: "unavailable", error: "x" },
  });
  const run = (server: Record<string, unknown>, base = withScripts) =>
    ignoreScripts.evaluate({ ...base, config: configEvidence({ s: server }).config });
  it.each([
    ["package with postinstall, no flag", npx("example-mcp-server@1.2.0"), withScripts, 1],
    [
      "flag given",
      { command: "npx", args: ["--ignore-scripts", "-y", "example-mcp-server@1.2.0"] },
      withScripts,
      0,
    ],
    [
      "env given",
      { ...npx("example-mcp-server@1.2.0"), env: { npm_config_ignore_scripts: "true" } },
      withScripts,
      0,
    ],
    ["package without install scripts", npx("example-mcp-server@1.2.0"), evidenceWith({}), 0],
    [
      "package without install scripts, a dependency with one",
      npx("example-mcp-server@1.2.0"),
      {
        ...evidenceWith({}),
        dependencies: {
          status: "ok" as const,
          data: {
            spec: "example-mcp-server@1.2.0",
            includeDev: false,
            counts: { total: 1, direct: 1, maxDepth: 1 },
            capabilities: [],
            nodes: [
              {
                name: "example-mcp-server",
                version: "1.2.0",
                depth: 0,
                path: ["example-mcp-server"],
                source: "registry" as const,
                dev: false,
                optional: false,
              },
              {
                name: "esbuild",
                version: "0.25.0",
                depth: 1,
                path: ["example-mcp-server", "esbuild"],
                hasInstallScript: true,
                source: "registry" as const,
                dev: false,
                optional: false,
              },
            ],
          },
        },
      },
      1,
    ],
    ["registry unavailable: low", npx("example-mcp-server@1.2.0"), registryUnavailable, 1],
    ["not npm", docker("img"), withScripts, 0],
  ])("%s", (_n, server, base, count) => {
    expect(findingCount(run(server, base))).toBe(count);
  });

  it("is medium when the package's install scripts are known, low when they could not be read", () => {
    const severity = (base: typeof withScripts) => {
      const r = run(npx("example-mcp-server@1.2.0"), base);
      return r.status === "evaluated" ? r.findings.map((f) => f.severity) : r.status;
    };
    expect(severity(withScripts)).toEqual(["medium"]);
    expect(severity(registryUnavailable)).toEqual(["low"]);
  });

  it("is skipped when the run has no config entry", () => {
    expect(ignoreScripts.evaluate(withScripts).status).toBe("skipped");
  });
});
