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
import installScripts from "./heuristics/install-scripts.js";
import type { Heuristic } from "./types.js";

/** Every heuristic mcp-vet runs, in report order. Adding one: its file, its test, one line here. */
export const HEURISTICS: readonly Heuristic[] = [
  installScripts,
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
];
