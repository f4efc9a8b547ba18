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

describe("fetchDependencyTree: only the registry is fetched (issue 14, defects 4 and 10)", () => {
  /** A folder target: `sub` beside it by a relative path, and `sub` with specs npm would fetch elsewhere. */
  function folderWithOddSpecs(): string {
    const dir = mkdtempSync(join(tmpdir(), "mcp-vet-odd-"));
    const sub = join(dir, "sub");
    mkdirSync(sub);
    writeFileSync(
      join(sub, "package.json"),
      JSON.stringify({
        name: "sub",
        version: "1.0.0",
        dependencies: {
          "deep-git": `git+${server.url()}/deep.git`,
          "deep-file": "file:/etc",
          open: "^10.1.0",
        },
      }),
    );
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({
        name: "odd-mcp",
        version: "0.1.0",
        dependencies: {
          sub: "file:./sub",
          "via-git": `git+${server.url()}/x.git`,
          "via-url": `${server.url()}/x.tgz`,
          open: "^10.1.0",
        },
      }),
    );
    return dir;
  }

  it("shows git, url and local specs below the target as refused nodes, never fetched; the rest resolves", async () => {
    const dir = folderWithOddSpecs();
    const before = server.requests.length;
    const part = await fetchDependencyTree(fixtureContext(server), `file:${dir}`);
    if (part.status !== "ok") throw new Error(part.status === "unavailable" ? part.error : part.reason);
    const node = (name: string) => part.data.nodes.find((n) => n.name === name);
    expect(node("via-git")).toMatchObject({ source: "git", refused: true, depth: 1 });
    expect(node("via-git")?.resolved).toContain("/x.git");
    expect(node("via-url")).toMatchObject({ source: "http", refused: true });
    // The folder's own relative dependency resolves against the folder, not the temp root.
    expect(node("sub")).toMatchObject({ source: "file", depth: 1 });
    expect(node("sub")?.refused).toBeUndefined();
    // npm links a folder without resolving its dependencies: below it, nothing is asked for.
    expect(node("deep-git")).toBeUndefined();
    expect(node("is-docker")?.source).toBe("registry");
    const asked = server.requests.slice(before).map((r) => r.path);
    expect(asked.filter((p) => /\.git|\.tgz$/.test(p))).toEqual([]);
  });

  it("refuses a tarball's own file: dependencies (its folder is a stand-in)", async () => {
    const dir = folderWithOddSpecs();
    const part = await fetchDependencyTree(fixtureContext(server), `file:${dir}`, {
      refuseLocalDependencies: true,
    });
    if (part.status !== "ok") throw new Error(part.status === "unavailable" ? part.error : part.reason);
    expect(part.data.nodes.find((n) => n.name === "sub")).toMatchObject({ source: "file", refused: true });
    expect(part.data.nodes.some((n) => n.name === "deep-git")).toBe(false);
  });

  it("refuses them anywhere in a registry package's tree, and resolves the rest", async () => {
    const elsewhere = server.url();
    const odd = await new FixtureServer()
      .face(
        "",
        packumentRoutes({
          ...TREE_CATALOG,
          "odd-registry-mcp": {
            "1.0.0": { dependencies: { middle: "1.0.0", open: "^10.1.0" } },
          },
          middle: {
            "1.0.0": {
              dependencies: {
                "deep-git": `git+${elsewhere}/deep.git`,
                "deep-url": `${elsewhere}/deep.tgz`,
                "deep-file": "file:/etc",
                "deep-dir": "../../outside",
              },
            },
          },
        }),
      )
      .start();
    try {
      const before = server.requests.length;
      const part = await fetchDependencyTree(fixtureContext(odd), "odd-registry-mcp@1.0.0");
      if (part.status !== "ok") throw new Error(part.status === "unavailable" ? part.error : part.reason);
      const node = (name: string) => part.data.nodes.find((n) => n.name === name);
      expect(node("deep-git")).toMatchObject({
        source: "git",
        refused: true,
        path: ["odd-registry-mcp", "middle", "deep-git"],
      });
      expect(node("deep-url")).toMatchObject({ source: "http", refused: true });
      expect(node("deep-file")).toMatchObject({ source: "file", refused: true });
      expect(node("deep-dir")).toMatchObject({ source: "file", refused: true });
      expect(node("is-docker")?.source).toBe("registry");
      expect(server.requests.length).toBe(before);
    } finally {
      await odd.stop();
    }
  });
});
