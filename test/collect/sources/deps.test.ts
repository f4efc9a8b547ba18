import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchDependencyTree } from "../../../src/collect/sources/deps/tree.js";
import { packumentRoutes, TREE_CATALOG } from "../../support/faces/npm-packuments.js";
import { fixtureContext } from "../../support/fetch-context.js";
import { FixtureServer } from "../../support/fixture-server.js";

let server: FixtureServer;
beforeAll(async () => {
  server = await new FixtureServer().face("", packumentRoutes(TREE_CATALOG)).start();
});
afterAll(() => server.stop());

describe("fetchDependencyTree", () => {
  it("resolves every node with depth, path and counts, production only by default", async () => {
    const part = await fetchDependencyTree(fixtureContext(server), "mcp-remote@0.1.15");
    expect(part.status).toBe("ok");
    if (part.status !== "ok") return;
    const tree = part.data;
    expect(tree.nodes[0]).toMatchObject({
      name: "mcp-remote",
      version: "0.1.15",
      depth: 0,
      path: ["mcp-remote"],
    });
    expect(tree.nodes.find((n) => n.name === "path-to-regexp")).toMatchObject({
      version: "0.1.10",
      depth: 2,
      path: ["mcp-remote", "express", "path-to-regexp"],
      source: "registry",
      license: "MIT",
      dev: false,
      hasInstallScript: false,
    });
    expect(tree.counts).toEqual({ total: 11, direct: 2, maxDepth: 4 });
    expect(tree.nodes.some((n) => n.resolved?.startsWith(server.url()))).toBe(true);
  });

  it("records install scripts and deprecations; includeDev adds the target's devDependencies", async () => {
    const prod = await fetchDependencyTree(fixtureContext(server), "@fixture/kitchen-sink-mcp@1.0.0");
    const dev = await fetchDependencyTree(fixtureContext(server), "@fixture/kitchen-sink-mcp@1.0.0", {
      includeDev: true,
    });
    if (prod.status !== "ok" || dev.status !== "ok") throw new Error("tree unavailable");
    expect(prod.data.nodes.find((n) => n.name === "esbuild")?.hasInstallScript).toBe(true);
    expect(prod.data.nodes.find((n) => n.name === "node-domexception")?.deprecated).toMatch(/DOMException/);
    expect(prod.data.nodes.some((n) => n.name === "is-docker")).toBe(false);
    expect(dev.data.nodes.find((n) => n.name === "is-docker")).toMatchObject({
      dev: true,
      depth: 1,
      path: ["@fixture/kitchen-sink-mcp", "is-docker"],
    });
  });

  it("keeps each node's capability signals and sums up which dependencies bring what", async () => {
    const part = await fetchDependencyTree(fixtureContext(server), "@fixture/unit-converter-mcp@1.0.0");
    if (part.status !== "ok") throw new Error(part.status === "unavailable" ? part.error : part.reason);
    const node = (name: string) => part.data.nodes.find((n) => n.name === name);
    expect(node("better-sqlite3")?.signals).toEqual({
      installScripts: [{ hook: "install", command: "prebuild-install || node-gyp rebuild --release" }],
      gypfile: true,
      nativeHelpers: ["bindings", "prebuild-install"],
    });
    expect(node("lightningcss")?.signals).toEqual({
      platformPackages: ["lightningcss-darwin-arm64", "lightningcss-linux-x64-gnu"],
    });
    expect(node("lightningcss-linux-x64-gnu")?.signals).toEqual({ os: ["linux"], cpu: ["x64"] });
    expect(node("execa")?.signals).toEqual({});
    const counts = Object.fromEntries(part.data.capabilities.map((c) => [c.id, c.count]));
    // process.exec: execa, cross-spawn (libraries) and better-sqlite3 (install script);
    // native: better-sqlite3 and lightningcss, not each of its platform builds.
    expect(counts).toEqual({ "process.exec": 3, native: 2 });
    const native = part.data.capabilities.find((c) => c.id === "native");
    expect(native?.packages.map((p) => p.name)).toEqual(["better-sqlite3", "lightningcss"]);
    expect(native?.packages[0]?.path).toEqual(["@fixture/unit-converter-mcp", "better-sqlite3"]);
  });

  it("resolves a local folder given as a file: spec", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcp-vet-local-"));
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({ name: "local-mcp", version: "0.3.0", dependencies: { open: "^10.1.0" } }),
    );
    const part = await fetchDependencyTree(fixtureContext(server), `file:${dir}`);
    if (part.status !== "ok") throw new Error(part.status === "unavailable" ? part.error : part.reason);
    expect(part.data.nodes[0]).toMatchObject({
      name: "local-mcp",
      version: "0.3.0",
      source: "file",
      depth: 0,
    });
    expect(part.data.nodes.find((n) => n.name === "is-docker")?.path).toEqual([
      "local-mcp",
      "open",
      "is-wsl",
      "is-inside-container",
      "is-docker",
    ]);
  });

  it("reuses a tree resolved minutes ago, and resolves again with --refresh", async () => {
    const first = fixtureContext(server);
    await fetchDependencyTree(first, "mcp-remote@0.1.16");
    const before = server.requests.length;
    const again = await fetchDependencyTree(
      fixtureContext(server, { cacheDir: first.cacheDir }),
      "mcp-remote@0.1.16",
    );
    expect(again.status).toBe("ok");
    expect(server.requests.length).toBe(before);
    await fetchDependencyTree(
      fixtureContext(server, { cacheDir: first.cacheDir, refresh: true }),
      "mcp-remote@0.1.16",
    );
    expect(server.requests.length).toBeGreaterThan(before);
  });

  it("is unavailable, in one line, for a package the registry does not have, and leaves no temp folder", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "mcp-vet-tmp-"));
    mkdirSync(tmp, { recursive: true });
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const part = await fetchDependencyTree(fixtureContext(server), "no-such-package-here@1.0.0");
      expect(part.status).toBe("unavailable");
      if (part.status === "unavailable") {
        expect(part.error).toMatch(/^dependency tree: .*404/);
        expect(part.error).not.toContain("\n");
      }
      expect(readdirSync(tmp).filter((f) => f.startsWith("mcp-vet-tree-"))).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  });
});
