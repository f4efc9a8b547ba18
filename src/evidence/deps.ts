import type { CapabilityId, InstallHook } from "./code.js";

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
  /** What its manifest says about code beyond plain JavaScript; absent when not read. */
  signals?: DependencySignals;
  /** The deprecation message, capped; hostile text. */
  deprecated?: string;
  license?: string;
  source: DependencySourceKind;
  /**
   * Set for a dependency npm would fetch from outside the registry (git, a url, a file): the
   * spec as its dependent wrote it, capped; hostile text. mcp-vet never fetches these, so its
   * `version` is "" and nothing below it is known.
   */
  spec?: string;
  /** Where it resolves to, credentials removed. */
  resolved?: string;
  /**
   * Not fetched: its spec is a git repository, a url or a local path below the target, which
   * mcp-vet never fetches (its `resolved` is the spec, and what it depends on is unknown).
   */
  refused?: boolean;
  /** Only needed for development (present with `includeDev`). */
  dev: boolean;
  optional: boolean;
}

/**
 * Facts of one manifest that signal a capability, each validated on its own: a field that is
 * absent or malformed is left out (unknown), never guessed. Lists and commands are capped.
 */
export interface DependencySignals {
  /** The lifecycle scripts npm runs at install, in hook order; commands are hostile text. */
  installScripts?: { hook: InstallHook; command: string }[];
  /** `gypfile: true`: npm builds its binding.gyp with node-gyp at install. */
  gypfile?: boolean;
  /** Has a `binary` object: node-pre-gyp's settings for downloading a prebuilt addon. */
  binary?: boolean;
  /** Platforms it is restricted to (`os`, `cpu`): what prebuilt binary packages declare. */
  os?: string[];
  cpu?: string[];
  /** Its (optional) dependencies that build or load native addons (node-gyp-build, bindings, …). */
  nativeHelpers?: string[];
  /** Its optional dependencies restricted to an os or cpu: prebuilt binaries (@esbuild/linux-x64). */
  platformPackages?: string[];
}

/**
 * Why a dependency brings a capability. `install-script` is npm running a lifecycle script;
 * the other kinds are what the package is or ships.
 */
export type DependencyReasonKind =
  | "library"
  | "install-script"
  | "native-build"
  | "native-helper"
  | "binary"
  | "platform-binaries"
  | "platform-package";

export interface DependencyReason {
  kind: DependencyReasonKind;
  /** One line, e.g. "is execa (process execution)" or "postinstall: node install.js"; hostile. */
  detail: string;
}

/** One dependency that brings a capability. */
export interface DependencyCapabilityPackage {
  name: string;
  version: string;
  /** The shortest path from the target to it, both included. */
  path: string[];
  reasons: DependencyReason[];
  /** Only a development dependency (present with `includeDev`). */
  dev?: true;
}

/** How many dependencies bring one capability, and which (the nearest first, capped). */
export interface DependencyCapability {
  id: CapabilityId;
  /** Every dependency that brings it, including those past the list's cap. */
  count: number;
  packages: DependencyCapabilityPackage[];
}

export interface DependencyCounts {
  /** Packages the install brings, the target excluded. */
  total: number;
  /** Dependencies the target names itself. */
  direct: number;
  maxDepth: number;
}

/** Why a tree holds only part of what npm would install, and how much is missing. */
export interface TreePartial {
  /** One line, e.g. "more than 1500 packages". */
  reason: string;
  /** Packages resolved (they are the nodes). */
  resolved: number;
  /** Dependency edges left unresolved at the budget (each may bring more). */
  unresolved: number;
  /** Some of them, as `name@spec`; hostile text. */
  examples: string[];
}

export interface DependencyTree {
  /** The spec handed to arborist (`name@version` or `file:`). */
  spec: string;
  includeDev: boolean;
  /** The target first, then every dependency, by depth then name. */
  nodes: DependencyNode[];
  counts: DependencyCounts;
  /** Per capability (report order), the dependencies that bring it; only capabilities some bring. */
  capabilities: DependencyCapability[];
  /** Set when the tree was not resolved to the end (its budget ran out): never a pass. */
  partial?: TreePartial;
}
