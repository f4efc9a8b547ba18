import capabilityUnexplained from "./heuristics/capability-unexplained.js";
import decodeToCode from "./heuristics/decode-to-code.js";
import detachedProcess from "./heuristics/detached-process.js";
import dynamicCode from "./heuristics/dynamic-code.js";
import envExfiltration from "./heuristics/env-exfiltration.js";
import hardcodedIp from "./heuristics/hardcoded-ip.js";
import installScripts from "./heuristics/install-scripts.js";
import installTimeCapabilities from "./heuristics/install-time-capabilities.js";
import nativeCode from "./heuristics/native-code.js";
import obfuscatedCode from "./heuristics/obfuscated-code.js";
import secretsPathAccess from "./heuristics/secrets-path-access.js";
import toolAnnotationContradiction from "./heuristics/tool-annotation-contradiction.js";
import toolDescriptionLength from "./heuristics/tool-description-length.js";
import toolHiddenInstructions from "./heuristics/tool-hidden-instructions.js";
import toolInvisibleUnicode from "./heuristics/tool-invisible-unicode.js";
import toolSecretRequest from "./heuristics/tool-secret-request.js";
import toolShadowing from "./heuristics/tool-shadowing.js";
import type { Heuristic } from "./types.js";

/** Every heuristic mcp-vet runs, in report order. Adding one: its file, its test, one line here. */
export const HEURISTICS: readonly Heuristic[] = [
  installScripts,
  installTimeCapabilities,
  capabilityUnexplained,
  secretsPathAccess,
  obfuscatedCode,
  decodeToCode,
  hardcodedIp,
  envExfiltration,
  detachedProcess,
  dynamicCode,
  nativeCode,
  toolHiddenInstructions,
  toolSecretRequest,
  toolShadowing,
  toolInvisibleUnicode,
  toolDescriptionLength,
  toolAnnotationContradiction,
];
