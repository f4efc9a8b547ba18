import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import {
  LIBRARY_CAPABILITIES,
  type LibraryCapabilityTable,
} from "../../../src/collect/analysis/library-capabilities.js";
import {
  DEPENDENCY_CAPABILITY_LISTED,
  dependencyCapabilities,
} from "../../../src/collect/sources/deps/capabilities.js";
import { dependencySignals, type SignalEdge } from "../../../src/collect/sources/deps/signals.js";
import type { DependencyCapability, DependencyNode } from "../../../src/evidence/index.js";
import { depNode } from "../../support/deps-evidence.js";

const HELPERS = new Set(LIBRARY_CAPABILITIES.nativeHelpers);
const root = depNode({ name: "example-mcp-server", path: ["example-mcp-server"] });
const deep = (n: Partial<DependencyNode> & { name: string }) =>
  depNode({ path: ["example-mcp-server", "a", n.name], ...n });

/** capability id -> "name: reason; reason" for each listed package. */
function table(caps: DependencyCapability[]): Record<string, string[]> {
  return Object.fromEntries(
    caps.map((c) => [c.id, c.packages.map((p) => `${p.name}: ${p.reasons.map((r) => r.detail).join("; ")}`)]),
  );
}

describe("dependencySignals (the packument edge)", () => {
  const edge = (name: string, o: Partial<SignalEdge> = {}): SignalEdge => ({
    name,
    optional: false,
    platform: false,
    ...o,
  });

  it("keeps install hooks in order, gypfile, binary, platforms, native helpers and platform builds", () => {
    expect(
      dependencySignals(
        {
          scripts: { postinstall: "node install.js", test: "vitest", preinstall: "node check.js" },
          gypfile: true,
          binary: { module_name: "x", host: "https://example.com" },
          os: ["linux"],
          cpu: ["x64", "arm64"],
        },
        [
          edge("node-gyp-build"),
          edge("debug"),
          edge("@x/linux-x64", { optional: true, platform: true }),
          edge("@x/win32-x64", { optional: true, platform: true }),
          edge("fsevents-like", { optional: false, platform: true }),
        ],
        HELPERS,
      ),
    ).toEqual({
      installScripts: [
        { hook: "preinstall", command: "node check.js" },
        { hook: "postinstall", command: "node install.js" },
      ],
      gypfile: true,
      binary: true,
      os: ["linux"],
      cpu: ["x64", "arm64"],
      nativeHelpers: ["node-gyp-build"],
      platformPackages: ["@x/linux-x64", "@x/win32-x64"],
    });
  });

  it.each<[string, Record<string, unknown>]>([
    ["scripts as a string", { scripts: "rm -rf /" }],
    ["scripts as an array", { scripts: ["node x.js"] }],
    ["a hook that is not a string", { scripts: { postinstall: 42 } }],
    ["gypfile as a string", { gypfile: "true" }],
    ["binary as a string", { binary: "yes" }],
    ["os as a string", { os: "linux" }],
    ["cpu with a number", { cpu: ["x64", 7] }],
    ["an empty os", { os: [] }],
    ["an empty binary object", { binary: {} }],
    ["an os list that only excludes", { os: ["!win32"], cpu: ["!arm"] }],
  ])("%s is unknown, not a crash", (_n, pkg) => {
    expect(dependencySignals(pkg, [], HELPERS)).toEqual({});
  });

  it("caps a long command", () => {
    const s = dependencySignals({ scripts: { install: "x".repeat(5000) } }, [], HELPERS);
    expect(s.installScripts?.[0]?.command.length).toBe(300);
  });
});

describe("dependencyCapabilities (pure, from the nodes)", () => {
  it("is empty for a plain tree and never counts the target itself", () => {
    const target = { ...root, hasInstallScript: true, signals: { gypfile: true } };
    expect(dependencyCapabilities([target, depNode({ name: "zod" })])).toEqual([]);
  });

  it("names each reason: the library it is, its install scripts, how it gets native code", () => {
    const nodes = [
      root,
      depNode({ name: "execa", version: "9.5.2" }),
      depNode({
        name: "better-sqlite3",
        hasInstallScript: true,
        signals: {
          installScripts: [{ hook: "install", command: "prebuild-install || node-gyp rebuild" }],
          gypfile: true,
          nativeHelpers: ["bindings", "prebuild-install"],
        },
      }),
      deep({
        name: "esbuild",
        hasInstallScript: true,
        signals: {
          installScripts: [{ hook: "postinstall", command: "node install.js" }],
          platformPackages: ["@esbuild/darwin-arm64", "@esbuild/linux-x64", "@esbuild/win32-x64"],
        },
      }),
      deep({ name: "sqlite3", signals: { binary: true } }),
      deep({ name: "mystery", hasInstallScript: true }),
      deep({ name: "puppeteer" }),
    ];
    expect(table(dependencyCapabilities(nodes))).toEqual({
      "net.outbound": ["puppeteer: is puppeteer (browser automation)"],
      "process.exec": [
        "better-sqlite3: install: prebuild-install || node-gyp rebuild",
        "execa: is execa (process execution)",
        "esbuild: postinstall: node install.js",
        "mystery: runs an install script (its command is not in the manifest)",
        "puppeteer: is puppeteer (browser automation)",
      ],
      native: [
        "better-sqlite3: install: prebuild-install || node-gyp rebuild; depends on bindings; depends on prebuild-install",
        "esbuild: ships platform binaries as optional dependencies (@esbuild/darwin-arm64, @esbuild/linux-x64, … 1 more)",
        "sqlite3: has a `binary` field (downloads a prebuilt addon)",
      ],
    });
  });

  it("gives each reason its kind, so install-time shell can be told from runtime libraries", () => {
    const [exec] = dependencyCapabilities([
      root,
      depNode({ name: "cross-spawn" }),
      depNode({
        name: "esbuild",
        signals: { installScripts: [{ hook: "postinstall", command: "node i.js" }] },
      }),
    ]);
    expect(exec?.packages.map((p) => p.reasons.map((r) => r.kind))).toEqual([
      ["library"],
      ["install-script"],
    ]);
  });

  it("counts a platform build reached as an optional dependency on its parent only", () => {
    const nodes = [
      root,
      depNode({ name: "lightningcss", signals: { platformPackages: ["lightningcss-linux-x64-gnu"] } }),
      deep({ name: "lightningcss-linux-x64-gnu", optional: true, signals: { os: ["linux"], cpu: ["x64"] } }),
      depNode({ name: "@img/sharp-linux-x64", signals: { os: ["linux"], cpu: ["x64"] } }),
    ];
    expect(table(dependencyCapabilities(nodes)).native).toEqual([
      "@img/sharp-linux-x64: platform-specific package (os linux; cpu x64)",
      "lightningcss: ships platform binaries as optional dependencies (lightningcss-linux-x64-gnu)",
    ]);
  });

  it("says gypfile when no install command already shows the build", () => {
    const [native] = dependencyCapabilities([root, depNode({ name: "addon", signals: { gypfile: true } })]);
    expect(native?.packages[0]?.reasons).toEqual([
      { kind: "native-build", detail: "gypfile: builds a binding.gyp with node-gyp at install" },
    ]);
  });

  it("lists the nearest first with their shortest paths, marks dev-only ones, and counts past the cap", () => {
    const many = Array.from({ length: DEPENDENCY_CAPABILITY_LISTED + 5 }, (_, i) =>
      deep({ name: `addon-${String(i).padStart(3, "0")}`, signals: { gypfile: true } }),
    );
    const [native] = dependencyCapabilities([
      root,
      ...many,
      depNode({ name: "z-direct", signals: { gypfile: true }, dev: true }),
    ]);
    expect(native?.count).toBe(DEPENDENCY_CAPABILITY_LISTED + 6);
    expect(native?.packages).toHaveLength(DEPENDENCY_CAPABILITY_LISTED);
    expect(native?.packages[0]).toMatchObject({
      name: "z-direct",
      path: ["example-mcp-server", "z-direct"],
      dev: true,
    });
    expect(native?.packages[1]).not.toHaveProperty("dev");
  });

  it("reads the mapping from the table it is given", () => {
    const custom: LibraryCapabilityTable = {
      version: 1,
      nativeHelpers: ["x"],
      libraries: [{ group: "secret reader", capabilities: ["secrets.paths", "fs.read"], packages: ["peek"] }],
    };
    expect(table(dependencyCapabilities([root, depNode({ name: "peek" })], custom))).toEqual({
      "fs.read": ["peek: is peek (secret reader)"],
      "secrets.paths": ["peek: is peek (secret reader)"],
    });
  });
});

describe("src/collect/analysis/library-capabilities.json", () => {
  const read = (f: string) =>
    JSON.parse(
      readFileSync(new URL(`../../../src/collect/analysis/${f}`, import.meta.url), "utf8"),
    ) as unknown;

  it("validates against its generated schema", () => {
    const validate = new Ajv2020({ allErrors: true }).compile(
      read("library-capabilities.schema.json") as object,
    );
    expect(validate(read("library-capabilities.json")), JSON.stringify(validate.errors)).toBe(true);
  });

  it("names each package once, and no native helper as a library", () => {
    const seen = new Map<string, string>();
    for (const lib of LIBRARY_CAPABILITIES.libraries) {
      for (const name of lib.packages) {
        expect(seen.get(name), `${name} in ${lib.group} and ${seen.get(name)}`).toBeUndefined();
        seen.set(name, lib.group);
      }
    }
    for (const helper of LIBRARY_CAPABILITIES.nativeHelpers) expect(seen.has(helper), helper).toBe(false);
  });

  it("covers the libraries the issue names", () => {
    const all = new Set(LIBRARY_CAPABILITIES.libraries.flatMap((l) => l.packages));
    for (const name of [
      "execa",
      "cross-spawn",
      "shelljs",
      "node-pty",
      "@lydell/node-pty",
      "tree-kill",
      "ps-tree",
    ])
      expect(all.has(name), name).toBe(true);
    for (const name of [
      "axios",
      "node-fetch",
      "undici",
      "got",
      "ws",
      "socket.io-client",
      "puppeteer",
      "playwright-core",
    ])
      expect(all.has(name), name).toBe(true);
  });
});
