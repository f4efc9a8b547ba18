import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packumentsOf } from "../../../src/collect/packuments.js";
import { fetchDependencyTree } from "../../../src/collect/sources/deps/tree.js";
import { fetchPackument } from "../../../src/collect/sources/npm.js";
import { type Catalog, packumentRoutes, TREE_CATALOG } from "../../support/faces/npm-packuments.js";
import { fixtureContext } from "../../support/fetch-context.js";
import { FixtureServer } from "../../support/fixture-server.js";

/** A package per name of a chain: chain-0 -> chain-1 -> ... -> chain-(n-1). */
function chain(n: number): Catalog {
  const out: Catalog = {};
  for (let i = 0; i < n; i++)
    out[`chain-${i}`] = { "1.0.0": i + 1 < n ? { dependencies: { [`chain-${i + 1}`]: "^1.0.0" } } : {} };
  return out;
}

const CATALOG: Catalog = {
  ...TREE_CATALOG,
  ...chain(12),
  // b4a's optional peer brings a toolchain npm never installs unless asked.
  "peers-mcp": { "1.0.0": { dependencies: { b4a: "^1.6.0", "needs-peer": "^1.0.0" } } },
  b4a: {
    "1.6.7": {
      peerDependencies: { "react-native-b4a": "*" },
      peerDependenciesMeta: { "react-native-b4a": { optional: true } },
    },
  },
  "react-native-b4a": { "0.0.1": { dependencies: { "react-native": "*" } } },
  "needs-peer": { "1.0.0": { peerDependencies: { "peer-lib": "^2.0.0" } } },
  "peer-lib": { "2.1.0": {} },
  "outside-mcp": {
    "1.0.0": {
      dependencies: {
        "from-git": "github:someone/from-git#main",
        "from-url": "ORIGIN/tarballs/from-url-1.0.0.tgz",
        "from-file": "file:../from-file",
        "mime-db": "1.52.0",
      },
    },
  },
};

let server: FixtureServer;
let plain: FixtureServer;
let tagged: FixtureServer;
let catalog: Catalog;
beforeAll(async () => {
  server = await new FixtureServer().face("", packumentRoutes(CATALOG)).start();
  // The url dependency names this server: a fetch of it would show in its requests.
  const outside = CATALOG["outside-mcp"]!["1.0.0"]!.dependencies!;
  outside["from-url"] = `${server.url()}/tarballs/from-url-1.0.0.tgz`;
  catalog = structuredClone(TREE_CATALOG);
  plain = await new FixtureServer().face("", packumentRoutes(catalog, { caching: "none" })).start();
  tagged = await new FixtureServer().face("", packumentRoutes(catalog, { caching: "etag" })).start();
});
afterAll(async () => {
  await Promise.all([server.stop(), plain.stop(), tagged.stop()]);
});

const asked = (s: FixtureServer, name: string) => s.count(new RegExp(`^/${name}$`));

describe("the packument layer", () => {
  it("asks once per packument, however many ask at the same time", async () => {
    const layer = packumentsOf(fixtureContext(server));
    const before = asked(server, "express");
    const all = await Promise.all([1, 2, 3, 4, 5].map(() => layer.get("express")));
    expect(new Set(all).size).toBe(1);
    expect(asked(server, "express") - before).toBe(1);
    expect(layer.stats.merged).toBe(4);
  });

  it("serves every target of a run: a second tree over the same packages asks for nothing", async () => {
    const ctx = fixtureContext(server);
    const first = await fetchDependencyTree(ctx, "mcp-remote@0.1.15");
    expect(first.status).toBe("ok");
    const before = server.requests.length;
    const layer = packumentsOf(ctx);
    const network = layer.stats.network;
    // Another version of the target: a new tree (no stored one), the same packuments.
    const second = await fetchDependencyTree(ctx, "mcp-remote@0.1.16");
    expect(second.status).toBe("ok");
    expect(layer.stats.network).toBe(network);
    expect(server.requests.length).toBe(before);
  });

  it("seeds the tree with the target's own packument", async () => {
    const ctx = fixtureContext(server);
    const before = asked(server, "mcp-remote");
    const p = await fetchPackument(ctx, "mcp-remote", "0.1.16");
    expect(p.status).toBe("ok");
    await fetchDependencyTree(ctx, "mcp-remote@0.1.16");
    expect(asked(server, "mcp-remote") - before).toBe(1);
  });

  it("keeps what a tree needs; a target's own lookup gets the whole document", async () => {
    const ctx = fixtureContext(server);
    const layer = packumentsOf(ctx);
    const full = await layer.getFull("@fixture/kitchen-sink-mcp");
    expect(full.doc.time).toBeDefined();
    const fullVersion = (full.doc.versions as Record<string, Record<string, unknown>>)["1.0.0"];
    expect(fullVersion?.devDependencies).toEqual({ "is-docker": "^3.0.0" });
    // The kept copy answers the tree without a request, without what the tree never reads.
    const network = layer.stats.network;
    const kept = await layer.get("@fixture/kitchen-sink-mcp");
    expect(layer.stats.network).toBe(network);
    expect(kept.doc.time).toBeUndefined();
    const keptVersion = (kept.doc.versions as Record<string, Record<string, unknown>>)["1.0.0"];
    expect(keptVersion?.devDependencies).toBeUndefined();
    expect(keptVersion?.dependencies).toEqual(fullVersion?.dependencies);
    expect(kept.bytes).toBeLessThanOrEqual(full.bytes);
    // What the tree's nodes report (scripts, deprecations, licenses) survives the trimming.
    const part = await fetchDependencyTree(ctx, "@fixture/kitchen-sink-mcp@1.0.0");
    if (part.status !== "ok") throw new Error(part.status === "unavailable" ? part.error : part.reason);
    const esbuild = part.data.nodes.find((n) => n.name === "esbuild");
    expect(esbuild?.hasInstallScript).toBe(true);
    expect(esbuild?.signals?.installScripts?.[0]?.command).toBe("node install.js");
    expect(esbuild?.license).toBe("MIT");
    expect(part.data.nodes.find((n) => n.name === "node-domexception")?.deprecated).toBeTruthy();
  });

  it("ends a target's wait at its deadline; the request goes on for the other targets", async () => {
    const layer = packumentsOf(fixtureContext(server));
    const before = asked(server, "negotiator");
    const deadline = new AbortController();
    const late = layer.within(deadline.signal).get("negotiator");
    const other = layer.get("negotiator");
    deadline.abort();
    await expect(late).rejects.toMatchObject({ name: "AbortError" });
    expect((await other).name).toBe("negotiator");
    expect(asked(server, "negotiator") - before).toBe(1);
    await expect(layer.within(deadline.signal).get("negotiator")).rejects.toMatchObject({
      name: "AbortError",
    });
  });

  it("follows peers npm installs, not optional peers", async () => {
    const part = await fetchDependencyTree(fixtureContext(server), "peers-mcp@1.0.0");
    if (part.status !== "ok") throw new Error(part.status === "unavailable" ? part.error : part.reason);
    const names = part.data.nodes.map((n) => n.name);
    expect(names).toEqual(expect.arrayContaining(["b4a", "needs-peer", "peer-lib"]));
    expect(names).not.toContain("react-native-b4a");
    expect(asked(server, "react-native-b4a")).toBe(0);
  });
});

describe("freshness", () => {
  it("uses a stored packument within the policy's freshness, with no request", async () => {
    const first = fixtureContext(plain);
    await packumentsOf(first).get("express");
    const before = asked(plain, "express");
    const again = fixtureContext(plain, { cacheDir: first.cacheDir, registryFreshnessMs: 3_600_000 });
    const p = await packumentsOf(again).get("express");
    expect(p.cached).toBe(true);
    expect(asked(plain, "express")).toBe(before);
  });

  it("asks again past it: a full answer from a registry without validators, a 304 with one", async () => {
    for (const s of [plain, tagged]) {
      const first = fixtureContext(s);
      await packumentsOf(first).get("accepts");
      const stale = fixtureContext(s, { cacheDir: first.cacheDir, registryFreshnessMs: 0 });
      const p = await packumentsOf(stale).get("accepts");
      expect(p.cached).toBe(false);
      const last = s.requests.filter((r) => r.path === "/accepts").at(-1);
      expect(last?.status).toBe(s === tagged ? 304 : 200);
      if (s === tagged) expect(last?.headers["if-none-match"]).toMatch(/^"/);
    }
  });

  it("--refresh asks once in the run, whatever the age", async () => {
    const first = fixtureContext(plain);
    await packumentsOf(first).get("negotiator");
    const before = asked(plain, "negotiator");
    const refresh = fixtureContext(plain, { cacheDir: first.cacheDir, refresh: true });
    await packumentsOf(refresh).get("negotiator");
    await packumentsOf(refresh).get("negotiator");
    expect(asked(plain, "negotiator") - before).toBe(1);
  });

  it("asks the registry when the stored copy has no version matching the request", async () => {
    const first = fixtureContext(plain);
    expect((await fetchPackument(first, "open", "latest")).status).toBe("ok");
    // Published since the copy was stored.
    catalog.open!["10.9.0"] = {};
    try {
      const later = fixtureContext(plain, { cacheDir: first.cacheDir, registryFreshnessMs: 3_600_000 });
      const p = await fetchPackument(later, "open", "10.9.0");
      expect(p.status === "ok" && p.part.status === "ok" ? p.part.data.manifest.version : p.status).toBe(
        "10.9.0",
      );
    } finally {
      delete catalog.open!["10.9.0"];
    }
  });
});

describe("what the tree resolves", () => {
  it("reports git, url and file dependencies, and never fetches them", async () => {
    const part = await fetchDependencyTree(fixtureContext(server), "outside-mcp@1.0.0");
    if (part.status !== "ok") throw new Error(part.status === "unavailable" ? part.error : part.reason);
    const node = (name: string) => part.data.nodes.find((n) => n.name === name);
    expect(node("from-git")).toMatchObject({
      source: "git",
      version: "",
      spec: "github:someone/from-git#main",
      depth: 1,
      path: ["outside-mcp", "from-git"],
    });
    expect(node("from-url")).toMatchObject({ source: "http", version: "" });
    expect(node("from-file")).toMatchObject({ source: "file", version: "", spec: "file:../from-file" });
    expect(node("mime-db")).toMatchObject({ source: "registry", version: "1.52.0" });
    expect(server.count(/^\/tarballs\//)).toBe(0);
  });

  it("stops at the budget: the tree is partial and says what it did not resolve", async () => {
    const part = await fetchDependencyTree(fixtureContext(server), "chain-0@1.0.0", {
      budget: { packages: 5, bytes: 1 << 30 },
    });
    if (part.status !== "ok") throw new Error(part.status === "unavailable" ? part.error : part.reason);
    expect(part.data.partial).toMatchObject({ reason: "more than 5 packages", resolved: 5, unresolved: 1 });
    expect(part.data.partial?.examples).toEqual(["chain-5@^1.0.0"]);
    expect(part.data.nodes.map((n) => n.name)).toEqual([
      "chain-0",
      "chain-1",
      "chain-2",
      "chain-3",
      "chain-4",
    ]);
    expect(asked(server, "chain-6")).toBe(0);
    const whole = await fetchDependencyTree(fixtureContext(server), "chain-0@1.0.0");
    if (whole.status !== "ok") throw new Error("tree unavailable");
    expect(whole.data.partial).toBeUndefined();
    expect(whole.data.counts.total).toBe(11);
  });

  it("resolves a folder's relative file: dependencies against the folder", async () => {
    const root = mkdtempSync(join(tmpdir(), "mcp-vet-folder-"));
    mkdirSync(join(root, "app"));
    mkdirSync(join(root, "lib"));
    writeFileSync(
      join(root, "app", "package.json"),
      JSON.stringify({ name: "app-mcp", version: "1.0.0", dependencies: { lib: "file:../lib" } }),
    );
    writeFileSync(join(root, "lib", "package.json"), JSON.stringify({ name: "lib", version: "2.0.0" }));
    const part = await fetchDependencyTree(fixtureContext(server), `file:${join(root, "app")}`);
    if (part.status !== "ok") throw new Error(part.status === "unavailable" ? part.error : part.reason);
    // Its version is read from ../lib itself (resolved against the temp project, it was not found).
    expect(part.data.nodes.find((n) => n.name === "lib")).toMatchObject({ source: "file", version: "2.0.0" });
  });
});
