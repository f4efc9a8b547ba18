import { dependencyCapabilities } from "../../src/collect/sources/deps/capabilities.js";
import type { AdvisoryMatch, DependencyNode, DependencyTree, Evidence } from "../../src/evidence/index.js";
import { evidence } from "./evidence.js";

/** A dependency node; `path` defaults to the target then the name, depth from the path. */
export function depNode(overrides: Partial<DependencyNode> & { name: string }): DependencyNode {
  const path = overrides.path ?? ["example-mcp-server", overrides.name];
  return {
    version: "1.0.0",
    depth: path.length - 1,
    path,
    hasInstallScript: false,
    source: "registry",
    dev: false,
    optional: false,
    ...overrides,
  };
}

export function depTree(nodes: DependencyNode[], counts?: DependencyTree["counts"]): DependencyTree {
  const all = [
    depNode({ name: "example-mcp-server", version: "1.2.0", path: ["example-mcp-server"] }),
    ...nodes,
  ];
  const deps = all.filter((n) => n.depth > 0);
  return {
    spec: "example-mcp-server@1.2.0",
    includeDev: false,
    nodes: all,
    counts: counts ?? {
      total: deps.length,
      direct: deps.filter((n) => n.depth === 1).length,
      maxDepth: Math.max(0, ...all.map((n) => n.depth)),
    },
    // As the fetcher does: the summary is a function of the nodes.
    capabilities: dependencyCapabilities(all),
  };
}

export function withTree(nodes: DependencyNode[], counts?: DependencyTree["counts"]): Evidence {
  return evidence({ dependencies: { status: "ok", data: depTree(nodes, counts) } });
}

export function advisory(overrides: Partial<AdvisoryMatch> = {}): AdvisoryMatch {
  return {
    id: "GHSA-6xpm-ggf7-wc3p",
    aliases: ["CVE-2025-6514"],
    package: "example-mcp-server",
    version: "1.2.0",
    summary: "OS command injection",
    severity: "critical",
    severitySource: "database",
    inTarget: true,
    direct: false,
    path: ["example-mcp-server"],
    malicious: false,
    url: "https://osv.dev/vulnerability/GHSA-6xpm-ggf7-wc3p",
    ...overrides,
  };
}

export function withAdvisories(advisories: AdvisoryMatch[]): Evidence {
  return evidence({
    advisories: { status: "ok", data: { source: "api", queried: 10, scope: "tree", advisories } },
  });
}

/** A transitive dependency advisory two levels down. */
export function depAdvisory(overrides: Partial<AdvisoryMatch> = {}): AdvisoryMatch {
  return advisory({
    id: "GHSA-rhx6-c78j-4q9w",
    aliases: ["CVE-2024-52798"],
    package: "path-to-regexp",
    version: "0.1.10",
    severity: "high",
    fixed: "0.1.12",
    inTarget: false,
    direct: false,
    path: ["example-mcp-server", "express", "path-to-regexp"],
    ...overrides,
  });
}
