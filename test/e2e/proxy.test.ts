import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Report } from "../../reports/model.js";
import { expectValidReport, runCli, tempHome } from "../support/cli.js";
import { GitHubFixture, healthyRepo } from "../support/faces/github.js";
import { mcpRegistryFace } from "../support/faces/mcp-registry.js";
import { buildTarball, makePackument, NpmFace } from "../support/faces/npm.js";
import { ALL_OSV_FIXTURES, osvFace } from "../support/faces/osv.js";
import { FixtureServer, TEST_CA_FILE } from "../support/fixture-server.js";
import { LoopbackProxy } from "../support/loopback-proxy.js";

// The whole world over https (signed by the test CA) behind a loopback proxy, as on a
// corporate network where npm is set up with https-proxy and cafile in ~/.npmrc.
const npm = new NpmFace();
const github = new GitHubFixture();
const secure = new FixtureServer({ tls: true });
const plain = new FixtureServer();
const proxy = new LoopbackProxy();
const home = tempHome();
let n = 0;

beforeAll(async () => {
  github.add({
    ...healthyRepo("acme", "weather-mcp", "weather-mcp"),
    record: { owner: { login: "acme", type: "Organization" } },
  });
  const m = { name: "weather-mcp", version: "1.0.0", license: "MIT", repository: "github:acme/weather-mcp" };
  const t = await buildTarball({ "package.json": JSON.stringify(m) });
  const p = makePackument("weather-mcp", [
    { manifest: { ...m, version: "0.9.0" }, time: "2026-02-01T00:00:00.000Z" },
    { manifest: m, time: "2026-06-01T00:00:00.000Z", tarball: t },
  ]);
  npm.add(p.packument, p.tarballs);
  for (const server of [secure, plain]) {
    server
      .face("", npm.route)
      .face("/github", github.route)
      .face("/osv", osvFace(ALL_OSV_FIXTURES))
      .face("/mcp-registry", mcpRegistryFace([{ name: "io.github.acme/weather-mcp", npm: "weather-mcp" }]));
  }
  await Promise.all([secure.start(), plain.start(), proxy.start()]);
  writeFileSync(join(home.home, "global-npmrc"), "");
});
afterAll(async () => {
  await Promise.all([secure.stop(), plain.stop(), proxy.stop()]);
  home.cleanup();
});
beforeEach(() => {
  secure.requests.length = 0;
  plain.requests.length = 0;
  proxy.tunnels.length = 0;
  proxy.forwarded.length = 0;
  proxy.upstreamPorts.clear();
});

/** Every request `server` answered under each prefix came from the proxy's own connections. */
function allThrough(server: FixtureServer, prefixes: string[]): void {
  for (const prefix of prefixes) {
    const seen = server.requests.filter((r) => r.path.startsWith(prefix));
    expect(seen.length, prefix).toBeGreaterThan(0);
    expect(
      seen.every((r) => proxy.upstreamPorts.has(r.remotePort ?? -1)),
      prefix,
    ).toBe(true);
  }
}

/** `vet weather-mcp --json` with this npmrc; the registry on `registry`, the APIs on `apis`. */
async function vet(npmrc: string[], registry: FixtureServer, apis = secure) {
  writeFileSync(join(home.home, ".npmrc"), `${npmrc.join("\n")}\n`);
  const res = await runCli(
    [
      "vet",
      "weather-mcp",
      "--json",
      ...["--registry", registry.url(), "--cache-dir", join(home.home, `cache-${n++}`)],
      ...["--github-api-url", apis.url("/github"), "--osv-api-url", apis.url("/osv")],
      ...["--mcp-registry-url", apis.url("/mcp-registry")],
    ],
    { ...home.env, npm_config_globalconfig: join(home.home, "global-npmrc") },
  );
  let report: Report;
  try {
    report = expectValidReport(JSON.parse(res.stdout)) as unknown as Report;
  } catch {
    throw new Error(`no JSON report (exit ${res.code}): ${res.stderr.slice(0, 2000)}`);
  }
  const status = Object.fromEntries(report.sources.map((s) => [s.id, s.error ?? s.status]));
  return { ...res, report, status };
}

describe("mcp-vet behind a proxy, with npm's settings", () => {
  it("https-proxy and cafile from ~/.npmrc: npm, GitHub, OSV and the MCP registry all go through the proxy", async () => {
    const { code, status } = await vet([`https-proxy=${proxy.url()}`, `cafile=${TEST_CA_FILE}`], secure);
    expect(code).toBe(0);
    for (const id of ["npm", "tarball", "github", "osv", "mcp-registry"]) expect(status[id]).toBe("ok");
    expect(new Set(proxy.tunnels)).toEqual(new Set([new URL(secure.url()).host]));
    allThrough(secure, ["/weather-mcp", "/github/", "/osv/", "/mcp-registry/"]);
  });

  it("npm config proxy with plain-http endpoints: npm forwards through it, the APIs tunnel through it", async () => {
    const { code, status } = await vet([`proxy=${proxy.url()}`], plain, plain);
    expect(code).toBe(0);
    for (const id of ["npm", "tarball", "github", "osv", "mcp-registry"]) expect(status[id]).toBe("ok");
    expect(proxy.forwarded.some((u) => u.startsWith(plain.url("/weather-mcp")))).toBe(true);
    allThrough(plain, ["/weather-mcp", "/github/", "/osv/", "/mcp-registry/"]);
  });

  it("without the CA the https sources are unavailable with the TLS reason; strict-ssl=false accepts it with a warning", async () => {
    const untrusted = await vet([], plain);
    expect(untrusted.status.npm).toBe("ok");
    for (const id of ["github", "osv", "mcp-registry"]) {
      expect(untrusted.status[id]).toMatch(/certificate of 127\.0\.0\.1:\d+ is not trusted/);
    }

    const unchecked = await vet(["strict-ssl=false"], plain);
    for (const id of ["github", "osv", "mcp-registry"]) expect(unchecked.status[id]).toBe("ok");
    expect(unchecked.stderr).toMatch(/warning: strict-ssl is false/);
  });
});
