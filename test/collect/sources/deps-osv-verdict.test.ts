import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "../../../scoring/engine/types.js";
import { HEURISTICS } from "../../../scoring/heuristics/index.js";
import type { Seed } from "../../../src/collect/source.js";
import { dependenciesSource } from "../../../src/collect/sources/deps/index.js";
import { fetchDependencyTree } from "../../../src/collect/sources/deps/tree.js";
import { fetchAdvisories, osvSource } from "../../../src/collect/sources/osv/index.js";
import { parseTarget } from "../../../src/collect/target.js";
import type { Evidence } from "../../../src/evidence/index.js";
import { evidence } from "../../support/evidence.js";
import { packumentRoutes, TREE_CATALOG } from "../../support/faces/npm-packuments.js";
import { ALL_OSV_FIXTURES, osvFace } from "../../support/faces/osv.js";
import { fixtureContext } from "../../support/fetch-context.js";
import { FixtureServer } from "../../support/fixture-server.js";

/** From fixture servers to findings: the two fetchers, then every registered heuristic. */
let server: FixtureServer;
beforeAll(async () => {
  server = await new FixtureServer()
    .face("", packumentRoutes(TREE_CATALOG))
    .face("/osv", osvFace(ALL_OSV_FIXTURES))
    .start();
});
afterAll(() => server.stop());

async function collect(spec: string): Promise<Evidence> {
  const ctx = fixtureContext(server);
  const dependencies = await fetchDependencyTree(ctx, spec);
  if (dependencies.status !== "ok") throw new Error("tree unavailable");
  const advisories = await fetchAdvisories(ctx, dependencies.data.nodes);
  return evidence({ dependencies, advisories });
}

function findings(e: Evidence): Finding[] {
  return HEURISTICS.flatMap((h) => {
    const r = h.evaluate(e);
    return r.status === "evaluated" ? r.findings : [];
  });
}

describe("dependency tree and OSV, judged", () => {
  it("fails mcp-remote@0.1.15 with the advisory id, the fixed version and the dependency's path", async () => {
    const list = findings(await collect("mcp-remote@0.1.15"));
    const own = list.find((f) => f.id === "advisory-in-package");
    expect(own).toMatchObject({ severity: "critical" });
    expect(own!.title).toContain("GHSA-6xpm-ggf7-wc3p");
    expect(own!.title).toContain("CVE-2025-6514");
    expect(own!.remediation).toContain("mcp-remote@0.1.16");
    const dep = list.find((f) => f.id === "advisory-in-dependency");
    expect(dep!.detail).toContain("mcp-remote > express > path-to-regexp");
    expect(dep!.remediation).toContain("0.1.12");
  });

  it("passes the fixed version on both counts", async () => {
    const ids = findings(await collect("mcp-remote@0.1.16")).map((f) => f.id);
    expect(ids).not.toContain("advisory-in-package");
    expect(ids).not.toContain("advisory-in-dependency");
    expect(ids).not.toContain("malicious-package");
  });

  it("blocks a tree with a malicious package and reports the supply-chain facts", async () => {
    const list = findings(await collect("@fixture/kitchen-sink-mcp@1.0.0"));
    expect(list.find((f) => f.id === "malicious-package")).toMatchObject({
      severity: "critical",
      blocking: true,
    });
    expect(list.find((f) => f.id === "dependency-install-scripts")?.evidence[0]?.snippet).toContain(
      "esbuild@0.25.0",
    );
    expect(list.find((f) => f.id === "deprecated-dependencies")?.evidence[0]?.snippet).toContain(
      "node-domexception",
    );
  });
});

/** The tree, then OSV over it, as collection runs them. */
async function dependencyEvidence(spec: string, target: { name: string; version: string }, noDeps = false) {
  const ctx = fixtureContext(server);
  const seed: Seed = {
    target: parseTarget(spec),
    name: target.name,
    version: target.version,
    npm: { status: "skipped", reason: "not asked" },
    options: { noDeps },
  };
  const dependencies = (await dependenciesSource.collect(ctx, seed)).part;
  const advisories = (await osvSource.collect(ctx, { ...seed, dependencies })).part;
  return { dependencies, advisories };
}

describe("the dependencies and osv sources", () => {
  it("checks the whole tree", async () => {
    const { dependencies, advisories } = await dependencyEvidence("mcp-remote@0.1.15", {
      name: "mcp-remote",
      version: "0.1.15",
    });
    expect(dependencies.status).toBe("ok");
    expect(advisories.status === "ok" && [advisories.data.scope, advisories.data.advisories.length]).toEqual([
      "tree",
      2,
    ]);
  });

  it("with --no-deps skips the tree and still checks the target", async () => {
    const { dependencies, advisories } = await dependencyEvidence(
      "mcp-remote@0.1.15",
      { name: "mcp-remote", version: "0.1.15" },
      true,
    );
    expect(dependencies).toEqual({ status: "skipped", reason: "--no-deps" });
    expect(advisories.status === "ok" && advisories.data.scope).toBe("target");
    expect(advisories.status === "ok" && advisories.data.advisories.map((a) => a.id)).toEqual([
      "GHSA-6xpm-ggf7-wc3p",
    ]);
  });

  it("checks the target when the tree is unavailable", async () => {
    const { dependencies, advisories } = await dependencyEvidence("mcp-remote@9.9.9", {
      name: "mcp-remote",
      version: "9.9.9",
    });
    expect(dependencies.status).toBe("unavailable");
    expect(advisories.status === "ok" && advisories.data.scope).toBe("target");
  });
});
