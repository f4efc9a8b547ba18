import { createHash } from "node:crypto";
import semver from "semver";
import type { Route } from "../fixture-server.js";

/**
 * What arborist needs from the npm face to build an ideal tree: full packuments (arborist asks
 * with fullMetadata), no tarballs. Tarball urls point at this server but are never fetched.
 */
export interface FixtureVersion {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  hasInstallScript?: boolean;
  gypfile?: boolean;
  binary?: Record<string, string>;
  os?: string[];
  cpu?: string[];
  deprecated?: string;
  license?: string;
}

/** name -> version -> manifest facts. */
export type Catalog = Record<string, Record<string, FixtureVersion>>;

export interface PackumentRouteOptions {
  /**
   * What the answers say about caching: `max-age` like the public registry (cacheable for five
   * minutes, the default), `etag` (a validator and no lifetime: revalidated, a 304 when
   * unchanged), or `none` (a mirror that sends neither: every revalidation is a full answer).
   */
  caching?: "max-age" | "etag" | "none";
}

export function packumentRoutes(catalog: Catalog, options: PackumentRouteOptions = {}): Route {
  const caching = options.caching ?? "max-age";
  return (req) => {
    if (req.method !== "GET") return undefined;
    // npm asks for `/@scope%2fname`; the server decodes it once to `/@scope/name`.
    const name = req.path.slice(1);
    const versions = catalog[name];
    if (!versions) return undefined;
    const body = packument(req.origin, name, versions);
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (caching === "max-age") headers["cache-control"] = "public, max-age=300";
    if (caching === "etag") {
      const etag = `"${createHash("sha1").update(JSON.stringify(body)).digest("hex")}"`;
      headers.etag = etag;
      if (req.headers["if-none-match"] === etag) return { status: 304, headers };
    }
    return { status: 200, headers, body };
  };
}

export function packument(origin: string, name: string, versions: Record<string, FixtureVersion>): object {
  const list = Object.keys(versions).sort(semver.compare);
  const base = name.split("/").pop();
  const time: Record<string, string> = {
    created: "2025-01-01T00:00:00.000Z",
    modified: "2026-01-01T00:00:00.000Z",
  };
  list.forEach((v, i) => {
    time[v] = new Date(Date.UTC(2025, 0, 2 + i)).toISOString();
  });
  return {
    _id: name,
    name,
    "dist-tags": { latest: list[list.length - 1] },
    time,
    versions: Object.fromEntries(
      list.map((v) => [
        v,
        { name, version: v, ...versions[v], dist: { tarball: `${origin}/${name}/-/${base}-${v}.tgz` } },
      ]),
    ),
  };
}

/**
 * A small tree trimmed from the real packuments (mcp-remote, express, open and friends), with
 * versions pinned so the fixture OSV records below hit known nodes.
 */
export const TREE_CATALOG: Catalog = {
  "mcp-remote": {
    "0.1.15": { dependencies: { express: "4.21.1", open: "^10.1.0" } },
    "0.1.16": { dependencies: { express: "^4.21.2", open: "^10.1.0" } },
  },
  express: {
    "4.21.1": { license: "MIT", dependencies: { accepts: "~1.3.8", "path-to-regexp": "0.1.10" } },
    "4.21.2": { license: "MIT", dependencies: { accepts: "~1.3.8", "path-to-regexp": "0.1.12" } },
  },
  accepts: { "1.3.8": { license: "MIT", dependencies: { "mime-types": "~2.1.34", negotiator: "0.6.3" } } },
  "mime-types": { "2.1.35": { license: "MIT", dependencies: { "mime-db": "1.52.0" } } },
  "mime-db": { "1.52.0": { license: "MIT" } },
  negotiator: { "0.6.3": { license: "MIT" } },
  "path-to-regexp": { "0.1.10": { license: "MIT" }, "0.1.12": { license: "MIT" } },
  open: {
    "10.1.0": { license: "MIT", dependencies: { "define-lazy-prop": "^3.0.0", "is-wsl": "^3.1.0" } },
  },
  "define-lazy-prop": { "3.0.0": { license: "MIT" } },
  "is-wsl": { "3.1.0": { license: "MIT", dependencies: { "is-inside-container": "^1.0.0" } } },
  "is-inside-container": { "1.0.0": { license: "MIT", dependencies: { "is-docker": "^3.0.0" } } },
  "is-docker": { "3.0.0": { license: "MIT" } },
  // A made-up server whose tree holds the things the supply-chain heuristics look for.
  "@fixture/kitchen-sink-mcp": {
    "1.0.0": {
      license: "MIT",
      dependencies: { "node-domexception": "^1.0.0", esbuild: "^0.25.0", "postmark-mcp": "1.0.16" },
      devDependencies: { "is-docker": "^3.0.0" },
    },
  },
  "node-domexception": {
    "1.0.0": { license: "MIT", deprecated: "Use your platform's native DOMException instead" },
  },
  esbuild: {
    "0.25.0": { license: "MIT", scripts: { postinstall: "node install.js" }, hasInstallScript: true },
  },
  "postmark-mcp": { "1.0.15": { license: "MIT" }, "1.0.16": { license: "MIT" } },
  // A made-up unit converter whose tree runs programs and builds or ships native code.
  "@fixture/unit-converter-mcp": {
    "1.0.0": {
      license: "MIT",
      dependencies: { execa: "^9.5.0", "better-sqlite3": "^11.8.0", lightningcss: "^1.29.0" },
    },
  },
  execa: { "9.5.2": { license: "MIT", dependencies: { "cross-spawn": "^7.0.3" } } },
  "cross-spawn": { "7.0.6": { license: "MIT" } },
  "better-sqlite3": {
    "11.8.1": {
      license: "MIT",
      dependencies: { bindings: "^1.5.0", "prebuild-install": "^7.1.1" },
      scripts: { install: "prebuild-install || node-gyp rebuild --release" },
      gypfile: true,
      hasInstallScript: true,
    },
  },
  bindings: { "1.5.0": { license: "MIT" } },
  "prebuild-install": { "7.1.3": { license: "MIT" } },
  lightningcss: {
    "1.29.1": {
      license: "MPL-2.0",
      optionalDependencies: {
        "lightningcss-linux-x64-gnu": "1.29.1",
        "lightningcss-darwin-arm64": "1.29.1",
      },
    },
  },
  "lightningcss-linux-x64-gnu": { "1.29.1": { license: "MPL-2.0", os: ["linux"], cpu: ["x64"] } },
  "lightningcss-darwin-arm64": { "1.29.1": { license: "MPL-2.0", os: ["darwin"], cpu: ["arm64"] } },
};
