import type { Heuristic } from "../engine/types.js";
import { mergePublishers, PUBLISHERS, type Publisher } from "../knowledge/publishers.js";
import advisoryInDependency from "./advisory-in-dependency.js";
import advisoryInPackage from "./advisory-in-package.js";
import binEntries from "./bin-entries.js";
import busFactor from "./bus-factor.js";
import capabilityJump from "./capability-jump.js";
import capabilityUnexplained from "./capability-unexplained.js";
import commitCadence from "./commit-cadence.js";
import configAutoApprove from "./config-auto-approve.js";
import configBroadFilesystemRoot from "./config-broad-filesystem-root.js";
import configCredentialFolder from "./config-credential-folder.js";
import configDbProduction from "./config-db-production.js";
import configDisabledWithSecrets from "./config-disabled-with-secrets.js";
import configDockerNoDigest from "./config-docker-no-digest.js";
import configDockerPrivileged from "./config-docker-privileged.js";
import configDuplicateServer from "./config-duplicate-server.js";
import configIgnoreScriptsMissing from "./config-ignore-scripts-missing.js";
import configNonRegistryPackage from "./config-non-registry-package.js";
import configRemoteNoAuth from "./config-remote-no-auth.js";
import configRemotePlaintextHttp from "./config-remote-plaintext-http.js";
import configSecretInFile from "./config-secret-in-file.js";
import configShellWrapper from "./config-shell-wrapper.js";
import configTlsDisabled from "./config-tls-disabled.js";
import configUnpinnedPackage from "./config-unpinned-package.js";
import configWriteWhereReadonlyExists from "./config-write-where-readonly-exists.js";
import credentialExfiltration from "./credential-exfiltration.js";
import decodeToCode from "./decode-to-code.js";
import dependencyCapabilityUnexplained from "./dependency-capability-unexplained.js";
import dependencyInstallScripts from "./dependency-install-scripts.js";
import dependencyNonRegistrySource from "./dependency-non-registry-source.js";
import dependencyTreePartial from "./dependency-tree-partial.js";
import deprecated from "./deprecated.js";
import deprecatedDependencies from "./deprecated-dependencies.js";
import detachedProcess from "./detached-process.js";
import dormantThenPublished from "./dormant-then-published.js";
import dynamicCode from "./dynamic-code.js";
import emailLiteralRecipient from "./email-literal-recipient.js";
import envExfiltration from "./env-exfiltration.js";
import filesNotInRepository from "./files-not-in-repository.js";
import hardcodedIp from "./hardcoded-ip.js";
import impersonation, { create as createImpersonation } from "./impersonation.js";
import installScripts from "./install-scripts.js";
import installTimeCapabilities from "./install-time-capabilities.js";
import largeDependencyTree from "./large-dependency-tree.js";
import license from "./license.js";
import maliciousPackage from "./malicious-package.js";
import manifestMismatch from "./manifest-mismatch.js";
import mcpName from "./mcp-name.js";
import mcpRegistryNamespaceMismatch, {
  create as createMcpRegistryNamespaceMismatch,
} from "./mcp-registry-namespace-mismatch.js";
import nativeCode from "./native-code.js";
import newPackage from "./new-package.js";
import newPackageInstallNetwork from "./new-package-install-network.js";
import newVersion from "./new-version.js";
import noSecurityPolicy from "./no-security-policy.js";
import obfuscatedCode from "./obfuscated-code.js";
import obfuscatedSecretsOrNetwork from "./obfuscated-secrets-or-network.js";
import officialClaimUnbacked, { create as createOfficialClaimUnbacked } from "./official-claim-unbacked.js";
import ownerPersonalAccount from "./owner-personal-account.js";
import probeCanaryAccess from "./probe-canary-access.js";
import probeExec from "./probe-exec.js";
import probeLimitsHit from "./probe-limits-hit.js";
import probeNeedsNetwork from "./probe-needs-network.js";
import probeOutboundConnection from "./probe-outbound-connection.js";
import probeToolsChanged from "./probe-tools-changed.js";
import probeToolsMismatch from "./probe-tools-mismatch.js";
import probeWriteOutside from "./probe-write-outside.js";
import provenanceInvalid from "./provenance-invalid.js";
import provenanceMissing, { create as createProvenanceMissing } from "./provenance-missing.js";
import provenanceRepoMismatch from "./provenance-repo-mismatch.js";
import provenanceUntrustedBuilder, {
  create as createProvenanceUntrustedBuilder,
} from "./provenance-untrusted-builder.js";
import publisherChanged from "./publisher-changed.js";
import releaseCadence from "./release-cadence.js";
import releaseRecency from "./release-recency.js";
import remoteCodeExecution from "./remote-code-execution.js";
import repoArchived from "./repo-archived.js";
import repoFork from "./repo-fork.js";
import repoInactive from "./repo-inactive.js";
import repoNotFound from "./repo-not-found.js";
import repoPackageMismatch from "./repo-package-mismatch.js";
import repoYoung from "./repo-young.js";
import repositoryMissing from "./repository-missing.js";
import reverseShell from "./reverse-shell.js";
import secretsPathAccess from "./secrets-path-access.js";
import tarballUrlUnsafe from "./tarball-url-unsafe.js";
import toolAnnotationContradiction from "./tool-annotation-contradiction.js";
import toolDescriptionLength from "./tool-description-length.js";
import toolHiddenInstructions from "./tool-hidden-instructions.js";
import toolInputToShell from "./tool-input-to-shell.js";
import toolInvisibleUnicode from "./tool-invisible-unicode.js";
import toolRegisteredLate from "./tool-registered-late.js";
import toolSecretRequest from "./tool-secret-request.js";
import toolShadowing from "./tool-shadowing.js";
import typosquat, { create as createTyposquat } from "./typosquat.js";
import unreadCode from "./unread-code.js";
import vendorBrandUnofficialScope, {
  create as createVendorBrandUnofficialScope,
} from "./vendor-brand-unofficial-scope.js";
import vendorPublished, { create as createVendorPublished } from "./vendor-published.js";
import versionMaturity from "./version-maturity.js";

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
  impersonation,
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
  tarballUrlUnsafe,
  installScripts,
  manifestMismatch,
  newVersion,
  license,
  dependencyInstallScripts,
  deprecatedDependencies,
  dependencyNonRegistrySource,
  dependencyTreePartial,
  largeDependencyTree,
  installTimeCapabilities,
  newPackageInstallNetwork,
  nativeCode,
  capabilityJump,
  // permissions: what the code takes
  unreadCode,
  capabilityUnexplained,
  dependencyCapabilityUnexplained,
  secretsPathAccess,
  credentialExfiltration,
  envExfiltration,
  toolInputToShell,
  remoteCodeExecution,
  reverseShell,
  emailLiteralRecipient,
  obfuscatedCode,
  obfuscatedSecretsOrNetwork,
  decodeToCode,
  hardcodedIp,
  detachedProcess,
  dynamicCode,
  binEntries,
  // permissions: what it did when it ran (--probe)
  probeCanaryAccess,
  probeOutboundConnection,
  probeExec,
  probeWriteOutside,
  probeNeedsNetwork,
  probeLimitsHit,
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
  configNonRegistryPackage,
  configShellWrapper,
  configDockerNoDigest,
  configDockerPrivileged,
  configIgnoreScriptsMissing,
  configDuplicateServer,
  configAutoApprove,
  // mcp-tools: what the model is told
  toolHiddenInstructions,
  toolSecretRequest,
  toolShadowing,
  toolRegisteredLate,
  toolInvisibleUnicode,
  toolDescriptionLength,
  toolAnnotationContradiction,
  probeToolsChanged,
  probeToolsMismatch,
];

/**
 * The heuristics whose judgement depends on the known-publisher list, rebuilt for a policy that
 * adds its own publishers. The registry holds them built with the shipped list; the engine swaps
 * these in by id (`withPolicyPublishers`) when a policy has `publishers`.
 */
export function publisherHeuristics(publishers: readonly Publisher[]): Heuristic[] {
  return [
    createVendorPublished(publishers),
    createOfficialClaimUnbacked(publishers),
    createImpersonation(publishers),
    createVendorBrandUnofficialScope(publishers),
    createTyposquat(publishers),
    createMcpRegistryNamespaceMismatch(publishers),
    createProvenanceMissing(publishers),
    createProvenanceUntrustedBuilder(publishers),
  ];
}

/** `heuristics` with the publisher-dependent ones rebuilt for the shipped list plus `extra`. Pure. */
export function withPolicyPublishers(
  heuristics: readonly Heuristic[],
  extra: readonly Publisher[],
): Heuristic[] {
  if (extra.length === 0) return [...heuristics];
  const rebuilt = new Map(
    publisherHeuristics(mergePublishers(PUBLISHERS, extra)).map((h) => [h.definition.id, h]),
  );
  return heuristics.map((h) => rebuilt.get(h.definition.id) ?? h);
}
