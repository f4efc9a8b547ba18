/**
 * `mcp-vet config`: what the CLI calls. Discovery and reading do I/O; parsing, launch
 * mapping, secret detection and fixing are pure.
 */

export {
  type ConfigCandidate,
  clientForPath,
  type DiscoverOptions,
  discoverConfigFiles,
  type FoundConfigs,
  findConfigFiles,
} from "./discover.js";
export { type FixResult, fixConfig } from "./fix.js";
export { launchTarget, mapLaunch } from "./launch.js";
export {
  type ConfigFileError,
  type ConfigFileRef,
  type ConfigInput,
  clientExpandsReferences,
  decodeConfigBytes,
  encodeConfigText,
  LIMITS,
  markDuplicates,
  type ParsedConfigFile,
  parseConfigBytes,
  parseConfigText,
  referenceFor,
} from "./parse.js";
export {
  type ConfigVetTarget,
  collectConfigs,
  readConfigFile,
  readConfigForFix,
  vetTargets,
} from "./read.js";
export { detectSecrets, maskSecret, type SecretMatch, scanValue } from "./secrets.js";
