import advisoryInDependency from "./heuristics/advisory-in-dependency.js";
import advisoryInPackage from "./heuristics/advisory-in-package.js";
import binEntries from "./heuristics/bin-entries.js";
import busFactor from "./heuristics/bus-factor.js";
import capabilityJump from "./heuristics/capability-jump.js";
import capabilityUnexplained from "./heuristics/capability-unexplained.js";
import commitCadence from "./heuristics/commit-cadence.js";
import configAutoApprove from "./heuristics/config-auto-approve.js";
import configBroadFilesystemRoot from "./heuristics/config-broad-filesystem-root.js";
import configCredentialFolder from "./heuristics/config-credential-folder.js";
import configDbProduction from "./heuristics/config-db-production.js";
import configDisabledWithSecrets from "./heuristics/config-disabled-with-secrets.js";
import configDockerNoDigest from "./heuristics/config-docker-no-digest.js";
import configDockerPrivileged from "./heuristics/config-docker-privileged.js";
import configDuplicateServer from "./heuristics/config-duplicate-server.js";
import configIgnoreScriptsMissing from "./heuristics/config-ignore-scripts-missing.js";
import configRemoteNoAuth from "./heuristics/config-remote-no-auth.js";
import configRemotePlaintextHttp from "./heuristics/config-remote-plaintext-http.js";
import configSecretInFile from "./heuristics/config-secret-in-file.js";
import configTlsDisabled from "./heuristics/config-tls-disabled.js";
import configUnpinnedPackage from "./heuristics/config-unpinned-package.js";
import configWriteWhereReadonlyExists from "./heuristics/config-write-where-readonly-exists.js";
import decodeToCode from "./heuristics/decode-to-code.js";
import dependencyCapabilityUnexplained from "./heuristics/dependency-capability-unexplained.js";
import dependencyInstallScripts from "./heuristics/dependency-install-scripts.js";
import dependencyNonRegistrySource from "./heuristics/dependency-non-registry-source.js";
import deprecated from "./heuristics/deprecated.js";
import deprecatedDependencies from "./heuristics/deprecated-dependencies.js";
import detachedProcess from "./heuristics/detached-process.js";
import dormantThenPublished from "./heuristics/dormant-then-published.js";
import dynamicCode from "./heuristics/dynamic-code.js";
import envExfiltration from "./heuristics/env-exfiltration.js";
import filesNotInRepository from "./heuristics/files-not-in-repository.js";
import hardcodedIp from "./heuristics/hardcoded-ip.js";
import installScripts from "./heuristics/install-scripts.js";
import installTimeCapabilities from "./heuristics/install-time-capabilities.js";
import largeDependencyTree from "./heuristics/large-dependency-tree.js";
import license from "./heuristics/license.js";
import maliciousPackage from "./heuristics/malicious-package.js";
import manifestMismatch from "./heuristics/manifest-mismatch.js";
import mcpName from "./heuristics/mcp-name.js";
import mcpRegistryNamespaceMismatch from "./heuristics/mcp-registry-namespace-mismatch.js";
import nativeCode from "./heuristics/native-code.js";
import newPackage from "./heuristics/new-package.js";
import newVersion from "./heuristics/new-version.js";
import noSecurityPolicy from "./heuristics/no-security-policy.js";
import obfuscatedCode from "./heuristics/obfuscated-code.js";
import officialClaimUnbacked from "./heuristics/official-claim-unbacked.js";
import ownerPersonalAccount from "./heuristics/owner-personal-account.js";
import provenanceInvalid from "./heuristics/provenance-invalid.js";
import provenanceMissing from "./heuristics/provenance-missing.js";
import provenanceRepoMismatch from "./heuristics/provenance-repo-mismatch.js";
import provenanceUntrustedBuilder from "./heuristics/provenance-untrusted-builder.js";
import publisherChanged from "./heuristics/publisher-changed.js";
import releaseCadence from "./heuristics/release-cadence.js";
import releaseRecency from "./heuristics/release-recency.js";
import repoArchived from "./heuristics/repo-archived.js";
import repoFork from "./heuristics/repo-fork.js";
import repoInactive from "./heuristics/repo-inactive.js";
import repoNotFound from "./heuristics/repo-not-found.js";
import repoPackageMismatch from "./heuristics/repo-package-mismatch.js";
import repoYoung from "./heuristics/repo-young.js";
import repositoryMissing from "./heuristics/repository-missing.js";
import secretsPathAccess from "./heuristics/secrets-path-access.js";
import toolAnnotationContradiction from "./heuristics/tool-annotation-contradiction.js";
import toolDescriptionLength from "./heuristics/tool-description-length.js";
import toolHiddenInstructions from "./heuristics/tool-hidden-instructions.js";
import toolInvisibleUnicode from "./heuristics/tool-invisible-unicode.js";
import toolSecretRequest from "./heuristics/tool-secret-request.js";
import toolShadowing from "./heuristics/tool-shadowing.js";
import typosquat from "./heuristics/typosquat.js";
import vendorBrandUnofficialScope from "./heuristics/vendor-brand-unofficial-scope.js";
import vendorPublished from "./heuristics/vendor-published.js";
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
  // identity: official or impostor
  vendorPublished,
  officialClaimUnbacked,
  vendorBrandUnofficialScope,
  typosquat,
  mcpRegistryNamespaceMismatch,
  provenanceMissing,
  provenanceInvalid,
  provenanceRepoMismatch,
  provenanceUntrustedBuilder,
  publisherChanged,
  dormantThenPublished,
  // identity: history and source
  newPackage,
  repositoryMissing,
  mcpName,
  repoNotFound,
  repoYoung,
  repoFork,
  repoPackageMismatch,
  filesNotInRepository,
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
  installTimeCapabilities,
  nativeCode,
  capabilityJump,
  // permissions: what the code takes
  capabilityUnexplained,
  dependencyCapabilityUnexplained,
  secretsPathAccess,
  obfuscatedCode,
  decodeToCode,
  hardcodedIp,
  envExfiltration,
  detachedProcess,
  dynamicCode,
  binEntries,
  // configuration: how a client config starts the server
  configSecretInFile,
  configDisabledWithSecrets,
  configBroadFilesystemRoot,
  configCredentialFolder,
  configWriteWhereReadonlyExists,
  configDbProduction,
  configRemotePlaintextHttp,
  configRemoteNoAuth,
  configTlsDisabled,
  configUnpinnedPackage,
  configDockerNoDigest,
  configDockerPrivileged,
  configIgnoreScriptsMissing,
  configDuplicateServer,
  configAutoApprove,
  // mcp-tools: what the model is told
  toolHiddenInstructions,
  toolSecretRequest,
  toolShadowing,
  toolInvisibleUnicode,
  toolDescriptionLength,
  toolAnnotationContradiction,
];
