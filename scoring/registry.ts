import advisoryInDependency from "./heuristics/advisory-in-dependency.js";
import advisoryInPackage from "./heuristics/advisory-in-package.js";
import binEntries from "./heuristics/bin-entries.js";
import busFactor from "./heuristics/bus-factor.js";
import commitCadence from "./heuristics/commit-cadence.js";
import dependencyInstallScripts from "./heuristics/dependency-install-scripts.js";
import dependencyNonRegistrySource from "./heuristics/dependency-non-registry-source.js";
import deprecated from "./heuristics/deprecated.js";
import deprecatedDependencies from "./heuristics/deprecated-dependencies.js";
import installScripts from "./heuristics/install-scripts.js";
import largeDependencyTree from "./heuristics/large-dependency-tree.js";
import license from "./heuristics/license.js";
import maliciousPackage from "./heuristics/malicious-package.js";
import manifestMismatch from "./heuristics/manifest-mismatch.js";
import mcpName from "./heuristics/mcp-name.js";
import newPackage from "./heuristics/new-package.js";
import newVersion from "./heuristics/new-version.js";
import noSecurityPolicy from "./heuristics/no-security-policy.js";
import ownerPersonalAccount from "./heuristics/owner-personal-account.js";
import releaseCadence from "./heuristics/release-cadence.js";
import releaseRecency from "./heuristics/release-recency.js";
import repoArchived from "./heuristics/repo-archived.js";
import repoFork from "./heuristics/repo-fork.js";
import repoInactive from "./heuristics/repo-inactive.js";
import repoNotFound from "./heuristics/repo-not-found.js";
import repoPackageMismatch from "./heuristics/repo-package-mismatch.js";
import repoYoung from "./heuristics/repo-young.js";
import repositoryMissing from "./heuristics/repository-missing.js";
import versionMaturity from "./heuristics/version-maturity.js";
import type { Heuristic } from "./types.js";

/** Every heuristic mcp-vet runs, in report order. Adding one: its file, its test, one line here. */
export const HEURISTICS: readonly Heuristic[] = [
  // vulnerabilities
  maliciousPackage,
  advisoryInPackage,
  advisoryInDependency,
  // maintenance: npm
  releaseRecency,
  releaseCadence,
  deprecated,
  versionMaturity,
  // maintenance: GitHub
  repoArchived,
  repoInactive,
  commitCadence,
  busFactor,
  noSecurityPolicy,
  // identity
  newPackage,
  repositoryMissing,
  mcpName,
  repoNotFound,
  repoYoung,
  repoFork,
  repoPackageMismatch,
  ownerPersonalAccount,
  // supply chain
  installScripts,
  manifestMismatch,
  newVersion,
  license,
  dependencyInstallScripts,
  deprecatedDependencies,
  dependencyNonRegistrySource,
  largeDependencyTree,
  // permissions
  binEntries,
];
