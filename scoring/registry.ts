import advisoryInDependency from "./heuristics/advisory-in-dependency.js";
import advisoryInPackage from "./heuristics/advisory-in-package.js";
import dependencyInstallScripts from "./heuristics/dependency-install-scripts.js";
import dependencyNonRegistrySource from "./heuristics/dependency-non-registry-source.js";
import deprecatedDependencies from "./heuristics/deprecated-dependencies.js";
import installScripts from "./heuristics/install-scripts.js";
import largeDependencyTree from "./heuristics/large-dependency-tree.js";
import maliciousPackage from "./heuristics/malicious-package.js";
import type { Heuristic } from "./types.js";

/** Every heuristic mcp-vet runs, in report order. Adding one: its file, its test, one line here. */
export const HEURISTICS: readonly Heuristic[] = [
  installScripts,
  maliciousPackage,
  advisoryInPackage,
  advisoryInDependency,
  dependencyInstallScripts,
  deprecatedDependencies,
  dependencyNonRegistrySource,
  largeDependencyTree,
];
