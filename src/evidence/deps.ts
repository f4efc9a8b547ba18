/** Where npm would fetch a package from: anything but the registry skips its checks. */
export type DependencySourceKind = "registry" | "git" | "http" | "file" | "unknown";

/** One package of the resolved tree; the target itself is the node at depth 0. */
export interface DependencyNode {
  name: string;
  version: string;
  /** 0 for the target, 1 for its direct dependencies, and so on (shortest path). */
  depth: number;
  /** Names from the target down to this node, both included (shortest path). */
  path: string[];
  /** npm will run install/preinstall/postinstall (or node-gyp) for it; undefined when unknown. */
  hasInstallScript?: boolean;
  /** The deprecation message, capped; hostile text. */
  deprecated?: string;
  license?: string;
  source: DependencySourceKind;
  /** Where it resolves to, credentials removed. */
  resolved?: string;
  /** Only needed for development (present with `includeDev`). */
  dev: boolean;
  optional: boolean;
}

export interface DependencyCounts {
  /** Packages the install brings, the target excluded. */
  total: number;
  /** Dependencies the target names itself. */
  direct: number;
  maxDepth: number;
}

export interface DependencyTree {
  /** The spec handed to arborist (`name@version` or `file:`). */
  spec: string;
  includeDev: boolean;
  /** The target first, then every dependency, by depth then name. */
  nodes: DependencyNode[];
  counts: DependencyCounts;
}
