import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { GitHubFixture, healthyRepo } from "../support/faces/github.js";
import { mcpRegistryFace } from "../support/faces/mcp-registry.js";
import { makePackument, NpmFace } from "../support/faces/npm.js";
import { ALL_OSV_FIXTURES, type OsvFixture, osvFace } from "../support/faces/osv.js";
import { type Fault, FixtureServer, type Route } from "../support/fixture-server.js";
import { integrityOf, pkgEntries, tgz } from "./build.js";

/** The GitHub token every case runs with: it must reach /github only, and no output. */
export const CANARY_TOKEN = `ghp_${"CanaryCanary".repeat(3)}0`;

/** A malicious-package record for `evil-mcp`: a config that starts it must fail. */
const EVIL: OsvFixture = {
  affects: { "evil-mcp": ">=0.0.0" },
  record: {
    schema_version: "1.5.0",
    id: "MAL-2026-0014",
    modified: "2026-06-01T00:00:00Z",
    published: "2026-06-01T00:00:00Z",
    summary: "Malicious code in evil-mcp (npm)",
    affected: [
      {
        package: { ecosystem: "npm", name: "evil-mcp" },
        ranges: [{ type: "SEMVER", events: [{ introduced: "0" }] }],
        database_specific: { "malicious-packages-origins": [{ source: "fixture" }] },
      },
    ],
  },
};

export interface ServiceUrls {
  registry: string;
  github: string;
  osv: string;
  mcpRegistry: string;
}

/**
 * The loopback world of the hostile corpus: one fixture server playing the registry, GitHub,
 * OSV and the MCP registry, hostile packages added by the cases, and per-case copies of a
 * face (under `/x/<case>/…`) where a case injects its own faults without touching the others.
 */
export class HostileWorld {
  readonly server = new FixtureServer();
  readonly npm = NpmFace.recorded();
  readonly github = new GitHubFixture();
  private readonly osv: Route = osvFace([...ALL_OSV_FIXTURES, EVIL]);
  private readonly mcp: Route = mcpRegistryFace([]);

  constructor(readonly root: string) {}

  async start(): Promise<void> {
    this.server
      .face("", this.npm.route)
      .face("/github", this.github.route)
      .face("/osv", this.osv)
      .face("/mcp-registry", this.mcp);
    await this.server.start();
    // A plain package every wrapper case can start, and one OSV says is malicious.
    await this.addPackage("plain-mcp", { files: { "index.js": "console.log('ok')\n" } });
    await this.addPackage("evil-mcp", { files: { "index.js": "console.log('evil')\n" } });
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  get urls(): ServiceUrls {
    return {
      registry: `${this.server.url()}/`,
      github: this.server.url("/github"),
      osv: this.server.url("/osv"),
      mcpRegistry: this.server.url("/mcp-registry"),
    };
  }

  /**
   * A copy of the faces under `/x/<id>`, with `faults` on the named ones: what one case
   * sees without disturbing the cases that run beside it.
   */
  isolated(id: string, faults: Partial<Record<keyof ServiceUrls, Fault>>): ServiceUrls {
    const base = `/x/${id}`;
    const faces: [keyof ServiceUrls, string, Route][] = [
      ["registry", "/npm", this.npm.route],
      ["github", "/github", this.github.route],
      ["osv", "/osv", this.osv],
      ["mcpRegistry", "/mcp-registry", this.mcp],
    ];
    for (const [key, sub, route] of faces) {
      this.server.face(`${base}${sub}`, route);
      const fault = faults[key];
      if (fault) this.server.fault({ match: new RegExp(`^${escapeRe(`${base}${sub}`)}(/|$)`), fault });
    }
    return {
      registry: `${this.server.url(`${base}/npm`)}/`,
      github: this.server.url(`${base}/github`),
      osv: this.server.url(`${base}/osv`),
      mcpRegistry: this.server.url(`${base}/mcp-registry`),
    };
  }

  /**
   * Adds a package to the registry face: its manifest, a tarball built from `files` (or the
   * given bytes), and anything else the packument should say.
   */
  async addPackage(
    name: string,
    opts: {
      version?: string;
      manifest?: Record<string, unknown>;
      files?: Record<string, string | Buffer>;
      tarball?: Buffer;
      integrity?: string | null;
      dist?: Record<string, unknown>;
      previous?: { manifest?: Record<string, unknown>; dist?: Record<string, unknown> };
      packument?: Record<string, unknown>;
    } = {},
  ): Promise<void> {
    const version = opts.version ?? "1.0.0";
    const manifest = { name, version, license: "MIT", ...opts.manifest };
    const data =
      opts.tarball ?? tgz(pkgEntries({ "package.json": JSON.stringify(manifest), ...(opts.files ?? {}) }));
    const integrity = opts.integrity === null ? undefined : (opts.integrity ?? integrityOf(data));
    const versions = [
      ...(opts.previous
        ? [
            {
              manifest: { ...manifest, version: "0.9.0", ...opts.previous.manifest },
              time: "2026-01-01T00:00:00.000Z",
            },
          ]
        : []),
      { manifest, time: "2026-06-01T00:00:00.000Z", tarball: { data, integrity: integrity ?? "" } },
    ];
    const p = makePackument(name, versions);
    const doc = p.packument as Record<string, unknown> & {
      versions: Record<string, Record<string, unknown>>;
    };
    const v = doc.versions[version]!;
    if (integrity === undefined) delete (v.dist as Record<string, unknown>).integrity;
    if (opts.dist) v.dist = { ...(v.dist as object), ...opts.dist };
    if (opts.previous?.dist) {
      const prev = doc.versions["0.9.0"]!;
      prev.dist = { ...(prev.dist as object), ...opts.previous.dist };
    }
    this.npm.add({ ...doc, ...opts.packument } as Parameters<NpmFace["add"]>[0], p.tarballs);
  }

  /** A repository for `owner/name` on the GitHub face. */
  addRepo(owner: string, name: string, packageName: string): void {
    this.github.add(healthyRepo(owner, name, packageName));
  }

  /** A fresh folder for one case: its home, its working folder, its cache, its temp folder. */
  caseDirs(id: string): { home: string; cwd: string; cache: string; tmp: string; out: string } {
    const base = join(this.root, id.replace(/[^A-Za-z0-9_-]+/g, "_"));
    const dirs = {
      home: join(base, "home"),
      cwd: join(base, "cwd"),
      cache: join(base, "cache"),
      tmp: join(base, "tmp"),
      out: join(base, "out"),
    };
    for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
    return dirs;
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
