import { EVIDENCE_VERSION, type Evidence, type Manifest, type NpmFacts } from "../../src/evidence/index.js";

/** The run's clock in every plain-data heuristic test. */
export const NOW = "2026-11-01T00:00:00.000Z";

export function manifest(overrides: Partial<Manifest> = {}): Manifest {
  return {
    name: "example-mcp-server",
    version: "1.2.0",
    keywords: [],
    license: { raw: "MIT", spdx: true },
    repository: {
      raw: "git+https://github.com/example/example-mcp-server.git",
      url: "https://github.com/example/example-mcp-server",
      host: "github.com",
      owner: "example",
      repo: "example-mcp-server",
    },
    bin: {},
    scripts: {},
    engines: {},
    dependencies: {},
    optionalDependencies: {},
    peerDependencies: {},
    devDependencyCount: 0,
    ...overrides,
  };
}

export function npmFacts(overrides: Partial<NpmFacts> = {}): NpmFacts {
  const m = overrides.manifest ?? manifest();
  return {
    name: m.name,
    registry: "http://127.0.0.1:0/",
    distTags: { latest: m.version },
    versions: [
      { version: "1.0.0", publishedAt: "2025-06-01T00:00:00.000Z" },
      { version: "1.1.0", publishedAt: "2026-03-01T00:00:00.000Z" },
      { version: m.version, publishedAt: "2026-09-01T00:00:00.000Z" },
    ],
    createdAt: "2025-06-01T00:00:00.000Z",
    ...overrides,
    manifest: m,
  };
}

/** Evidence for a healthy registry package; override any part to make the case under test. */
export function evidence(overrides: Partial<Evidence> = {}): Evidence {
  const npm = npmFacts();
  return {
    evidenceVersion: EVIDENCE_VERSION,
    collectedAt: NOW,
    target: { kind: "registry", spec: npm.name, name: npm.name, version: npm.manifest.version },
    npm: { status: "ok", data: npm },
    package: {
      status: "ok",
      data: { files: [{ path: "package.json", size: 100 }], totalSize: 100, manifest: npm.manifest },
    },
    github: { status: "skipped", reason: "not fetched in this test" },
    dependencies: { status: "skipped", reason: "not collected in this fixture" },
    advisories: { status: "skipped", reason: "not collected in this fixture" },
    code: { status: "skipped", reason: "not analysed in this fixture" },
    provenance: { status: "skipped", reason: "not fetched in this fixture" },
    mcpRegistry: { status: "skipped", reason: "not fetched in this fixture" },
    config: { status: "skipped", reason: "not a config run" },
    previous: { status: "skipped", reason: "not collected in this fixture" },
    probe: { status: "skipped", reason: "not asked (--probe)" },
    sources: [{ id: "npm", status: "ok" }],
    notes: [],
    ...overrides,
  };
}

/** Evidence whose registry and tarball manifests are both `m`. */
export function evidenceWith(m: Partial<Manifest>, facts: Partial<NpmFacts> = {}): Evidence {
  const man = manifest(m);
  const npm = npmFacts({ ...facts, manifest: man });
  return evidence({
    target: { kind: "registry", spec: man.name, name: man.name, version: man.version },
    npm: { status: "ok", data: npm },
    package: {
      status: "ok",
      data: { files: [{ path: "package.json", size: 100 }], totalSize: 100, manifest: man },
    },
  });
}
