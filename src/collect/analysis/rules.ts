import type { CapabilityId } from "../../evidence/code.js";
import { LIBRARY_CAPABILITIES } from "./library-capabilities.js";

/**
 * What a module, or a function of a module, lets code do. Kept as tables so that a reviewer
 * can see (and extend) exactly what counts as each capability.
 */

/** Modules that are the filesystem; classified read or write by the function called. */
export const FS_MODULES: ReadonlySet<string> = new Set([
  "fs",
  "fs-extra",
  "graceful-fs",
  "mz/fs",
  "original-fs",
]);

/**
 * OS keyring libraries: what an entry is (the server's own token, another program's password)
 * depends on the service named at the call, so the call is the fact (flows.ts), not the import.
 */
export const KEYRING_MODULES: ReadonlySet<string> = new Set(["keytar", "@napi-rs/keyring"]);

/** Libraries whose calls return what a server sent (their sends are network sinks). */
export const HTTP_CLIENTS: ReadonlySet<string> = new Set([
  "axios",
  "node-fetch",
  "undici",
  "got",
  "ky",
  "superagent",
  "request",
  "needle",
  "phin",
  "cross-fetch",
  "isomorphic-fetch",
  "make-fetch-happen",
  "minipass-fetch",
]);
/** Libraries whose objects are connections: writes to them are sends. */
export const SOCKET_LIBS: ReadonlySet<string> = new Set(["ws", "isomorphic-ws", "socket.io-client"]);

/** Keys of an e-mail message's recipients (nodemailer, SES, SendGrid, Postmark and the like). */
export const RECIPIENT_KEYS: ReadonlySet<string> = new Set([
  "to",
  "cc",
  "bcc",
  "To",
  "Cc",
  "Bcc",
  "ToAddresses",
  "CcAddresses",
  "BccAddresses",
  "recipients",
  "personalizations",
]);

/**
 * Importing any of these is the capability, whatever is called on them: Node's own modules
 * here, and the libraries of library-capabilities.json (the same table says which
 * dependencies bring a capability into the tree), so both views name the same libraries.
 * Filesystem libraries are left to FS_MODULES, which tells reads from writes by the call.
 */
export const MODULE_CAPABILITY: ReadonlyMap<string, readonly CapabilityId[]> = new Map([
  ["child_process", ["process.exec"]],
  ["vm", ["code.dynamic"]],
  ...LIBRARY_CAPABILITIES.nativeHelpers.map((name): [string, CapabilityId[]] => [name, ["native"]]),
  ...LIBRARY_CAPABILITIES.libraries.flatMap((group) =>
    group.packages
      .filter((name) => !FS_MODULES.has(name) && !KEYRING_MODULES.has(name))
      .map((name): [string, CapabilityId[]] => [name, group.capabilities]),
  ),
]);

/** Modules whose capability depends on the function used (a server is not outbound network). */
export const MEMBER_CAPABILITY: ReadonlyMap<string, ReadonlyMap<string, CapabilityId>> = new Map([
  ["http", memberMap("net.outbound", ["request", "get", "Agent", "ClientRequest"])],
  ["https", memberMap("net.outbound", ["request", "get", "Agent"])],
  ["http2", memberMap("net.outbound", ["connect"])],
  ["net", memberMap("net.outbound", ["connect", "createConnection", "Socket"])],
  ["tls", memberMap("net.outbound", ["connect", "TLSSocket"])],
  ["dgram", memberMap("net.outbound", ["createSocket"])],
  [
    "dns",
    // `promises`: `import { promises as dns } from "dns"; dns.resolve4(…)` reads as dns.promises.resolve4.
    memberMap("net.outbound", [
      "lookup",
      "resolve",
      "resolve4",
      "resolve6",
      "resolveTxt",
      "resolveAny",
      "promises",
    ]),
  ],
  ["process", memberMap("native", ["dlopen"])],
  ["module", memberMap("native", ["_load"])],
]);

function memberMap(id: CapabilityId, names: string[]): ReadonlyMap<string, CapabilityId> {
  return new Map(names.map((n) => [n, id]));
}

export const FS_WRITE: ReadonlySet<string> = new Set([
  "writeFile",
  "appendFile",
  "mkdir",
  "mkdirp",
  "mkdirs",
  "ensureDir",
  "ensureFile",
  "outputFile",
  "outputJson",
  "writeJson",
  "rm",
  "rmdir",
  "remove",
  "emptyDir",
  "unlink",
  "rename",
  "move",
  "copyFile",
  "copy",
  "cp",
  "symlink",
  "link",
  "chmod",
  "chown",
  "lchown",
  "truncate",
  "ftruncate",
  "createWriteStream",
  "utimes",
  "lutimes",
  "mkdtemp",
  "write",
  "writev",
  "fchmod",
  "fchown",
]);

export const FS_READ: ReadonlySet<string> = new Set([
  "readFile",
  "readdir",
  "read",
  "readv",
  "createReadStream",
  "stat",
  "lstat",
  "fstat",
  "statfs",
  "access",
  "exists",
  "opendir",
  "realpath",
  "readlink",
  "watch",
  "watchFile",
  "open",
  "readJson",
  "pathExists",
  "glob",
]);

/** Globals that are outbound network by themselves. */
export const NET_GLOBALS: ReadonlySet<string> = new Set([
  "fetch",
  "WebSocket",
  "XMLHttpRequest",
  "EventSource",
  "navigator.sendBeacon",
]);

/** Globals the resolver knows; other free identifiers resolve to nothing. */
export const KNOWN_GLOBALS: ReadonlySet<string> = new Set([
  "process",
  "require",
  "module",
  "eval",
  "Function",
  "fetch",
  "WebSocket",
  "XMLHttpRequest",
  "EventSource",
  "navigator",
  "Buffer",
  "atob",
  "btoa",
  "JSON",
  "String",
  "URLSearchParams",
  "setTimeout",
  "setInterval",
  "globalThis",
  "global",
  "window",
  "self",
]);

/** Names bundlers and TypeScript give to require and its interop wrappers. */
export const REQUIRE_NAMES: ReadonlySet<string> = new Set([
  "require",
  "__require",
  "__non_webpack_require__",
]);
export const INTEROP_WRAPPER =
  /^(?:__importStar|__importDefault|_interopRequireDefault|_interopRequireWildcard|__toESM|__toCommonJS|_interop_require_default|_interop_require_wildcard|tslib_\d*\.__importStar)$/;

/** Environment variable names that hold credentials. */
export const CREDENTIAL_NAME =
  /(?:^|_)(?:TOKEN|KEY|SECRET|PASSWORD|PASSWD|PASS|PWD|CREDENTIALS?|AUTH|PRIVATE|SESSION|COOKIE|APIKEY|ACCESS_KEY)(?:_|$)|API_?KEY|TOKEN$|SECRET/i;

/**
 * Normalises an import specifier to the module that decides the capability:
 * `node:fs/promises` -> `fs`, `axios/lib/x` -> `axios`, `@scope/pkg/x` -> `@scope/pkg`.
 */
export function moduleName(spec: string): string {
  let s = spec.startsWith("node:") ? spec.slice(5) : spec;
  if (s === "mz/fs") return s;
  if (s.startsWith("@")) {
    const parts = s.split("/");
    return parts.slice(0, 2).join("/");
  }
  const slash = s.indexOf("/");
  if (slash > 0) s = s.slice(0, slash);
  return s;
}
