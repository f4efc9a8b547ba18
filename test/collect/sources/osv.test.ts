import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fetchDependencyTree } from "../../../src/collect/sources/deps/tree.js";
import { fetchAdvisories, type OsvStats, type PackageRef } from "../../../src/collect/sources/osv/index.js";
import type { DependencyTree } from "../../../src/evidence/deps.js";
import { packumentRoutes, TREE_CATALOG } from "../../support/faces/npm-packuments.js";
import {
  ALL_OSV_FIXTURES,
  MCP_REMOTE_RCE,
  type OsvFixture,
  osvFace,
  PATH_TO_REGEXP_REDOS,
} from "../../support/faces/osv.js";
import { fixtureContext } from "../../support/fetch-context.js";
import { FixtureServer } from "../../support/fixture-server.js";

let server: FixtureServer;
beforeAll(async () => {
  server = await new FixtureServer()
    .face("", packumentRoutes(TREE_CATALOG))
    .face("/osv", osvFace(ALL_OSV_FIXTURES))
    .start();
});
afterAll(() => server.stop());
afterEach(() => server.clearFaults());

async function tree(spec: string): Promise<DependencyTree> {
  const part = await fetchDependencyTree(fixtureContext(server), spec);
  if (part.status !== "ok") throw new Error(`tree: ${part.status}`);
  return part.data;
}

const target = (name: string, version: string): PackageRef => ({ name, version, depth: 0, path: [name] });

describe("fetchAdvisories (API)", () => {
  it("finds the advisory in the vulnerable version with its fixed version, and one in a dependency with its path", async () => {
    const stats: OsvStats = { batchCalls: 0, vulnCalls: 0 };
    const part = await fetchAdvisories(fixtureContext(server), (await tree("mcp-remote@0.1.15")).nodes, {
      stats,
    });
    if (part.status !== "ok") throw new Error(part.status === "unavailable" ? part.error : part.reason);
    expect(part.data.source).toBe("api");
    expect(part.data.queried).toBe(12);
    expect(part.data.advisories).toEqual([
      expect.objectContaining({
        id: "GHSA-6xpm-ggf7-wc3p",
        aliases: ["CVE-2025-6514"],
        package: "mcp-remote",
        version: "0.1.15",
        severity: "critical",
        severitySource: "database",
        fixed: "0.1.16",
        inTarget: true,
        direct: false,
        path: ["mcp-remote"],
        malicious: false,
      }),
      expect.objectContaining({
        id: "GHSA-rhx6-c78j-4q9w",
        package: "path-to-regexp",
        version: "0.1.10",
        severity: "high",
        fixed: "0.1.12",
        inTarget: false,
        direct: false,
        path: ["mcp-remote", "express", "path-to-regexp"],
      }),
    ]);
    // ceil(12 / 1000) batches plus one call per distinct advisory.
    expect(stats).toEqual({ batchCalls: 1, vulnCalls: 2 });
  });

  it("passes the fixed version", async () => {
    const part = await fetchAdvisories(fixtureContext(server), (await tree("mcp-remote@0.1.16")).nodes);
    expect(part).toEqual({
      status: "ok",
      data: { source: "api", queried: 12, scope: "tree", advisories: [] },
    });
  });

  it("reports a malicious-package record anywhere in the tree", async () => {
    const part = await fetchAdvisories(
      fixtureContext(server),
      (await tree("@fixture/kitchen-sink-mcp@1.0.0")).nodes,
    );
    if (part.status !== "ok") throw new Error("unavailable");
    expect(part.data.advisories).toEqual([
      expect.objectContaining({
        id: "MAL-2025-0001",
        package: "postmark-mcp",
        malicious: true,
        direct: true,
      }),
    ]);
  });

  it("asks in batches of at most 1000 and follows next_page_token", async () => {
    const paged = await new FixtureServer()
      .face(
        "/osv",
        osvFace([MCP_REMOTE_RCE, { ...PATH_TO_REGEXP_REDOS, affects: { "mcp-remote": "*" } }], {
          pageSize: 1,
        }),
      )
      .start();
    try {
      const many = Array.from({ length: 2500 }, (_, i) => target(`pkg-${i}`, "1.0.0"));
      const stats: OsvStats = { batchCalls: 0, vulnCalls: 0 };
      const part = await fetchAdvisories(fixtureContext(paged), [target("mcp-remote", "0.1.15"), ...many], {
        stats,
      });
      if (part.status !== "ok") throw new Error(part.status === "unavailable" ? part.error : part.reason);
      expect(part.data.advisories.map((a) => a.id).sort()).toEqual([
        "GHSA-6xpm-ggf7-wc3p",
        "GHSA-rhx6-c78j-4q9w",
      ]);
      // 2501 queries: 3 batches, then one more for mcp-remote's second page.
      expect(stats).toEqual({ batchCalls: 4, vulnCalls: 2 });
    } finally {
      await paged.stop();
    }
  });

  it("fetches each record once, and again only when its modified date changes", async () => {
    const fixture: OsvFixture = structuredClone(MCP_REMOTE_RCE);
    const own = await new FixtureServer().face("/osv", osvFace([fixture])).start();
    try {
      const ctx = fixtureContext(own);
      const pkgs = [target("mcp-remote", "0.1.15"), { ...target("mcp-remote", "0.1.15"), depth: 2 }];
      await fetchAdvisories(ctx, pkgs);
      await fetchAdvisories(fixtureContext(own, { cacheDir: ctx.cacheDir }), pkgs);
      expect(own.count(/\/v1\/vulns\//)).toBe(1);
      fixture.record.modified = "2025-08-01T00:00:00Z";
      // A new modified date shows up once the query answer is refreshed.
      await fetchAdvisories(fixtureContext(own, { cacheDir: ctx.cacheDir, refresh: true }), pkgs);
      expect(own.count(/\/v1\/vulns\//)).toBe(2);
    } finally {
      await own.stop();
    }
  });

  it("does not keep serving a stored bad answer", async () => {
    server.fault({ match: /querybatch/, fault: { kind: "body", body: "<html>oops" }, times: 1 });
    const ctx = fixtureContext(server);
    expect((await fetchAdvisories(ctx, [target("mcp-remote", "0.1.15")])).status).toBe("unavailable");
    const again = await fetchAdvisories(fixtureContext(server, { cacheDir: ctx.cacheDir }), [
      target("mcp-remote", "0.1.15"),
    ]);
    expect(again.status === "ok" && again.data.advisories.map((a) => a.id)).toEqual(["GHSA-6xpm-ggf7-wc3p"]);
  });

  it.each([
    ["a 500", { kind: "status", status: 500 } as const],
    ["a closed connection", { kind: "reset" } as const],
  ])("retries after %s, as GitHub does, and answers", async (_name, fault) => {
    server.fault({ match: /querybatch/, fault, times: 1 });
    const before = server.count(/querybatch/);
    const part = await fetchAdvisories(fixtureContext(server, { retries: 2 }), [
      target("mcp-remote", "0.1.15"),
    ]);
    expect(part.status === "ok" && part.data.advisories.map((a) => a.id)).toEqual(["GHSA-6xpm-ggf7-wc3p"]);
    expect(server.count(/querybatch/) - before).toBe(2);
  });

  it("does not retry a 4xx: that is an answer", async () => {
    server.fault({ match: /querybatch/, fault: { kind: "status", status: 400 }, times: 1 });
    const before = server.count(/querybatch/);
    const part = await fetchAdvisories(fixtureContext(server, { retries: 2 }), [
      target("mcp-remote", "0.1.15"),
    ]);
    expect(part).toEqual({ status: "unavailable", error: "OSV answered HTTP 400 (querybatch)" });
    expect(server.count(/querybatch/) - before).toBe(1);
  });

  it("gives up after its retries, naming the last status", async () => {
    server.fault({ match: /querybatch/, fault: { kind: "status", status: 503 } });
    const before = server.count(/querybatch/);
    const part = await fetchAdvisories(fixtureContext(server, { retries: 1 }), [
      target("mcp-remote", "0.1.15"),
    ]);
    expect(part).toEqual({ status: "unavailable", error: "OSV answered HTTP 503 (querybatch)" });
    expect(server.count(/querybatch/) - before).toBe(2);
  });

  it.each([
    [
      "querybatch answers 500",
      /querybatch/,
      { kind: "status", status: 500 } as const,
      /^OSV answered HTTP 500 \(querybatch\)$/,
    ],
    [
      "querybatch answers garbage",
      /querybatch/,
      { kind: "body", body: "<html>oops" } as const,
      /^OSV gave an invalid answer \(querybatch\): a body that is not JSON$/,
    ],
    [
      "the connection is closed without an answer",
      /querybatch/,
      { kind: "reset" } as const,
      /^OSV unreachable: connection reset$/,
    ],
    [
      "querybatch answers the wrong shape",
      /querybatch/,
      { kind: "body", body: '{"results":"no"}' } as const,
      /shape/,
    ],
    [
      "querybatch body is truncated",
      /querybatch/,
      { kind: "truncate", bytes: 10 } as const,
      /^OSV (unreachable|gave an invalid answer)/,
    ],
    ["a record answers 500", /vulns/, { kind: "status", status: 500 } as const, /HTTP 500/],
    [
      "a record is not OSV",
      /vulns/,
      { kind: "body", body: '{"id": 5}' } as const,
      /^OSV gave an invalid answer \(record .*\): not the expected shape/,
    ],
  ])("is unavailable when %s", async (_name, match, fault, message) => {
    server.fault({ match, fault });
    const part = await fetchAdvisories(fixtureContext(server), [target("mcp-remote", "0.1.15")]);
    expect(part.status).toBe("unavailable");
    if (part.status === "unavailable") {
      expect(part.error).toMatch(message);
      expect(part.error).not.toContain("\n");
    }
  });
});

describe("fetchAdvisories (offline export)", () => {
  const records = ALL_OSV_FIXTURES.map((f) => f.record);
  const unrelated = {
    id: "PYSEC-2024-1",
    modified: "2024-01-01T00:00:00Z",
    affected: [
      {
        package: { ecosystem: "PyPI", name: "mcp-remote" },
        ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }] }],
      },
    ],
  };
  const withdrawn = {
    ...MCP_REMOTE_RCE.record,
    id: "GHSA-with-draw-n000",
    withdrawn: "2025-08-01T00:00:00Z",
  };
  const pkgs = [
    target("mcp-remote", "0.1.15"),
    { name: "postmark-mcp", version: "1.0.16", depth: 1, path: ["mcp-remote", "postmark-mcp"] },
  ];

  function expectMatches(part: Awaited<ReturnType<typeof fetchAdvisories>>): void {
    if (part.status !== "ok") throw new Error(part.status === "unavailable" ? part.error : part.reason);
    expect(part.data.source).toBe("offline-db");
    expect(part.data.advisories.map((a) => [a.id, a.package, a.fixed, a.malicious])).toEqual([
      ["GHSA-6xpm-ggf7-wc3p", "mcp-remote", "0.1.16", false],
      ["MAL-2025-0001", "postmark-mcp", undefined, true],
    ]);
  }

  it("reads a folder of OSV JSON files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcp-vet-osvdb-"));
    mkdirSync(join(dir, "nested"));
    for (const [i, r] of records.entries()) {
      writeFileSync(join(dir, i === 0 ? "nested" : "", `${r.id}.json`), JSON.stringify(r));
    }
    writeFileSync(join(dir, "broken.json"), "{ not json");
    writeFileSync(join(dir, "unrelated.json"), JSON.stringify(unrelated));
    writeFileSync(join(dir, "withdrawn.json"), JSON.stringify(withdrawn));
    expectMatches(
      await fetchAdvisories(fixtureContext(server, { osvDb: dir, osvApiUrl: "http://127.0.0.1:9" }), pkgs),
    );
  });

  it("reads the per-ecosystem zip", async () => {
    const files: Record<string, Uint8Array> = {
      "broken.json": strToU8("{ not json"),
      "withdrawn.json": strToU8(JSON.stringify(withdrawn)),
    };
    for (const r of records) files[`${r.id}.json`] = strToU8(JSON.stringify(r));
    const zip = join(mkdtempSync(join(tmpdir(), "mcp-vet-osvzip-")), "all.zip");
    writeFileSync(zip, zipSync(files));
    expectMatches(
      await fetchAdvisories(fixtureContext(server, { osvDb: zip, osvApiUrl: "http://127.0.0.1:9" }), pkgs),
    );
  });

  it.each([
    ["a file that is not a zip", "this is not a zip file"],
    ["a corrupt zip", Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)])],
  ])("is unavailable for %s", async (_name, content) => {
    const file = join(mkdtempSync(join(tmpdir(), "mcp-vet-osvbad-")), "all.zip");
    writeFileSync(file, content);
    const part = await fetchAdvisories(fixtureContext(server, { osvDb: file }), pkgs);
    expect(part.status).toBe("unavailable");
  });

  it("is unavailable for a path that does not exist", async () => {
    const part = await fetchAdvisories(fixtureContext(server, { osvDb: "/nonexistent/osv" }), pkgs);
    expect(part).toEqual({ status: "unavailable", error: "--osv-db /nonexistent/osv does not exist" });
  });
});
