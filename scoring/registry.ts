import busFactor from "./heuristics/bus-factor.js";
import commitCadence from "./heuristics/commit-cadence.js";
import installScripts from "./heuristics/install-scripts.js";
import noSecurityPolicy from "./heuristics/no-security-policy.js";
import ownerPersonalAccount from "./heuristics/owner-personal-account.js";
import repoArchived from "./heuristics/repo-archived.js";
import repoFork from "./heuristics/repo-fork.js";
import repoInactive from "./heuristics/repo-inactive.js";
import repoNotFound from "./heuristics/repo-not-found.js";
import repoPackageMismatch from "./heuristics/repo-package-mismatch.js";
import repoYoung from "./heuristics/repo-young.js";
import type { Heuristic } from "./types.js";

/** Every heuristic mcp-vet runs, in report order. Adding one: its file, its test, one line here. */
export const HEURISTICS: readonly Heuristic[] = [
  installScripts,
  repoNotFound,
  repoArchived,
  repoInactive,
  commitCadence,
  busFactor,
  repoYoung,
  repoFork,
  repoPackageMismatch,
  noSecurityPolicy,
  ownerPersonalAccount,
];
