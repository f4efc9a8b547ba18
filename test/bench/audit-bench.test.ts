import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benchAudit } from "../../scripts/bench-audit.js";
import { GitHubFixture, healthyRepo } from "../support/faces/github.js";
import { mcpRegistryFace } from "../support/faces/mcp-registry.js";
import { buildTarball, makePackument, NpmFace } from "../support/faces/npm.js";
import { osvFace } from "../support/faces/osv.js";
import { FixtureServer } from "../support/fixture-server.js";

// 200 small hand-made servers, each with its GitHub repository, behind a 20 ms round trip.
// The full bench (MCP_VET_BENCH=1, `npm run bench:audit`) also holds the throughput target; in
// the ordinary suite 40 targets check the request counts without timing a shared CI machine.
const FULL = process.env.MCP_VET_BENCH === "1";
const TARGETS = Number(process.env.MCP_VET_BENCH_TARGETS ?? (FULL ? 200 : 40));
const server = new FixtureServer({ latencyMs: 20 });
const npm = new NpmFace();
const github = new GitHubFixture();
const names: string[] = [];

beforeAll(async () => {
  server
    .face("", npm.route)
    .face("/github", github.route)
    .face("/osv", osvFace([]))
    .face("/mcp-registry", mcpRegistryFace([]));
  await server.start();
  for (let i = 0; i < TARGETS; i++) {
    const name = `bench-mcp-${String(i).padStart(3, "0")}`;
    names.push(name);
    github.add({
      ...healthyRepo("acme", name, name),
      record: { owner: { login: "acme", type: "Organization" } },
    });
    const m = { name, version: "1.0.0", license: "MIT", repository: `github:acme/${name}`, main: "index.js" };
    const t = await buildTarball({
      "package.json": JSON.stringify(m),
      "index.js": `server.tool("t${i}", "Tool ${i}", {}, async () => ({}));\n`,
    });
    const p = makePackument(name, [
      { manifest: { ...m, version: "0.9.0" }, time: "2026-02-01T00:00:00.000Z" },
      { manifest: m, time: "2026-06-01T00:00:00.000Z", tarball: t },
    ]);
    npm.add(p.packument, p.tarballs);
  }
}, 120_000);
afterAll(() => server.stop());

describe("audit bench", () => {
  it(`audits ${TARGETS} targets at concurrency 16: >= 5/s cold, < 1.5 GitHub requests per repo warm, RSS < 1 GB`, async () => {
    const result = await benchAudit({
      registryUrl: server.url(),
      githubApiUrl: server.url("/github"),
      osvApiUrl: server.url("/osv"),
      mcpRegistryUrl: server.url("/mcp-registry"),
      specs: names,
      concurrency: 16,
      countRequests: () => ({ total: server.requests.length, github: server.count(/^\/github\//) }),
    });
    if (FULL) console.log(JSON.stringify(result, null, 2));
    expect(result.cold.errors).toBe(0);
    if (FULL) expect(result.cold.targetsPerSecond).toBeGreaterThanOrEqual(5);
    expect(result.warm.githubRequestsPerRepo).toBeLessThan(1.5);
    expect(result.peakRssMb).toBeLessThan(1024);
  }, 300_000);
});
