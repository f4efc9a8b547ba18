import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benchAudit } from "../../scripts/bench-audit.js";
import { benchServers } from "../support/faces/bench-servers.js";
import type { FixtureServer } from "../support/fixture-server.js";

// 200 small hand-made servers, each with its GitHub repository, behind a 20 ms round trip.
// The full bench (`npm run bench audit`, or MCP_VET_BENCH=1 here) holds the throughput target; in
// the ordinary suite 40 targets check the request counts without timing a shared CI machine.
const FULL = process.env.MCP_VET_BENCH === "1";
const TARGETS = Number(process.env.MCP_VET_BENCH_TARGETS ?? (FULL ? 200 : 40));
let server: FixtureServer;
let names: string[] = [];

beforeAll(async () => {
  ({ server, names } = await benchServers(TARGETS));
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
