import { describe, expect, it } from "vitest";
import type { DependencyNode, Evidence, Manifest } from "../../src/evidence/index.js";
import { depNode, depTree } from "../../test/support/deps-evidence.js";
import { evidence, evidenceWith } from "../../test/support/evidence.js";
import { findingsOf, summary } from "../../test/support/heuristic.js";
import h from "./dependency-capability-unexplained.js";

/** A server with this manifest and these dependencies (the target is `example-mcp-server`). */
function server(m: Partial<Manifest>, nodes: DependencyNode[]): Evidence {
  return { ...evidenceWith(m), dependencies: { status: "ok", data: depTree(nodes) } };
}

const deep = (n: Partial<DependencyNode> & { name: string }) =>
  depNode({ path: ["example-mcp-server", "some-lib", n.name], ...n });
const execa = depNode({ name: "execa", version: "9.5.2" });
const addon = depNode({
  name: "better-sqlite3",
  version: "11.8.1",
  hasInstallScript: true,
  signals: {
    installScripts: [{ hook: "install", command: "prebuild-install || node-gyp rebuild" }],
    nativeHelpers: ["bindings", "prebuild-install"],
  },
});
const converter = { name: "unit-converter-mcp", description: "Converts units" };

describe("dependency-capability-unexplained", () => {
  it.each<[string, Partial<Manifest>, DependencyNode[], string[]]>([
    ["a plain tree", converter, [depNode({ name: "zod" })], []],
    [
      "a converter that depends on execa: medium",
      converter,
      [execa],
      [
        "medium:1 dependency can run other programs (process.exec), which its stated purpose does not explain",
      ],
    ],
    [
      "…only deep in the tree: low",
      converter,
      [deep({ name: "cross-spawn" })],
      ["low:1 dependency can run other programs (process.exec), which its stated purpose does not explain"],
    ],
    [
      "a native addon: low",
      converter,
      [addon],
      ["low:1 dependency brings native code (native), which its stated purpose does not explain"],
    ],
    ["a git server may run programs", { name: "git-mcp", description: "Git tools" }, [execa], []],
    [
      "a database server may build native code",
      { name: "sqlite-mcp", description: "Query a SQLite database" },
      [addon],
      [],
    ],
    [
      "an install script alone is dependency-install-scripts' finding",
      converter,
      [
        depNode({
          name: "esbuild",
          hasInstallScript: true,
          signals: { installScripts: [{ hook: "postinstall", command: "node install.js" }] },
        }),
      ],
      [],
    ],
    ["development-only dependencies are not installed", converter, [{ ...execa, dev: true }], []],
    [
      "what only the MCP SDK brings is expected",
      converter,
      [
        depNode({ name: "@modelcontextprotocol/sdk" }),
        depNode({
          name: "cross-spawn",
          path: ["example-mcp-server", "@modelcontextprotocol/sdk", "cross-spawn"],
        }),
      ],
      [],
    ],
    [
      "network libraries are reported, not judged",
      converter,
      [depNode({ name: "axios" }), depNode({ name: "ws" })],
      [],
    ],
  ])("%s", (_n, m, nodes, expected) => {
    expect(summary(findingsOf(h, server(m, nodes)))).toEqual(expected);
  });

  it("lists each package with its path and why, and names the purposes it found", () => {
    const [exec, native] = findingsOf(h, server(converter, [execa, addon, deep({ name: "node-pty" })]));
    expect(exec?.title).toMatch(/^2 dependencies can run other programs/);
    expect(exec?.detail).toBe("execa@9.5.2, node-pty@1.0.0. Declared purposes: none recognised.");
    expect(exec?.evidence.map((e) => e.snippet)).toEqual([
      "execa@9.5.2 (example-mcp-server > execa): is execa (process execution)",
      "node-pty@1.0.0 (example-mcp-server > some-lib > node-pty): is node-pty (process execution)",
    ]);
    expect(native?.evidence[0]?.snippet).toBe(
      "better-sqlite3@11.8.1 (example-mcp-server > better-sqlite3): install: prebuild-install || node-gyp rebuild; depends on bindings; depends on prebuild-install",
    );
  });

  it("says 'at least' when the tree lists fewer than it counted", () => {
    const e = server(converter, [execa]);
    if (e.dependencies.status === "ok") e.dependencies.data.capabilities[0]!.count = 80;
    expect(findingsOf(h, e)[0]?.title).toMatch(/^At least 1 dependency/);
  });

  it("is unknown without a tree, skipped with --no-deps", () => {
    expect(h.evaluate(evidence({ dependencies: { status: "unavailable", error: "x" } })).status).toBe(
      "unknown",
    );
    expect(h.evaluate(evidence({ dependencies: { status: "skipped", reason: "--no-deps" } })).status).toBe(
      "skipped",
    );
  });
});
