import type { AddressFact } from "../evidence/code.js";
import { type FileFacts, FileRecorder } from "./analysis/facts.js";
import { publicIpIn, secretPathIn, unusualHost, urlsIn } from "./analysis/patterns.js";
import { FS_MODULES, FS_READ, FS_WRITE } from "./analysis/rules.js";
import { recordEnvNames, recordImport, recordWellKnownCalls } from "./analysis/tokens.js";

/**
 * Code files larger than this are skimmed rather than parsed, unless the package is small: a
 * vendored bundle of several MB (chrome-devtools-mcp ships 12 MB of them) takes seconds to
 * parse and walk, and is third-party code whose own package would be judged on its own.
 */
export const SKIM_ABOVE_BYTES = 2 * 1024 * 1024;

/**
 * The skim: every byte of the file is read, in a few linear passes of plain patterns, for what
 * it imports and the capabilities that brings, the well-known calls (fetch, eval, Function,
 * http requests, dlopen), the filesystem calls when it imports fs, the environment variables
 * it names, the urls and hosts it contains, public IP addresses and credential paths in them.
 * What it does not do: comments are not told from code (a mention counts as a use), aliases are
 * not followed, tools, handlers and obfuscation are not looked for. The coverage lists every
 * skimmed file, so nobody mistakes it for a parse.
 */
export function skimFile(path: string, source: string): FileFacts {
  const rec = new FileRecorder(path, source, "token-scan");
  const imported = new Set<string>();
  for (const m of source.matchAll(
    /\b(?:require|import)\s*\(\s*(['"`])([^'"`\n]{1,200})\1|\bfrom\s*(['"])([^'"\n]{1,200})\3/g,
  )) {
    recordImport(rec, imported, m[2] ?? m[4]!, m.index);
  }
  recordWellKnownCalls(rec, source);
  if ([...imported].some((m) => FS_MODULES.has(m))) {
    for (const m of source.matchAll(FS_CALL)) {
      const fn = m[1]!;
      if (FS_WRITE.has(fn)) rec.capability("fs.write", m.index, fn);
      else if (FS_READ.has(fn)) rec.capability("fs.read", m.index, fn);
    }
  }
  recordEnvNames(rec, source);
  const addresses: (AddressFact | undefined)[] = [];
  for (const m of source.matchAll(/\b(?:https?|wss?|ftp):\/\/[^\s'"`<>()\\]{1,300}/g)) {
    const text = m[0];
    for (const hit of urlsIn(text)) {
      rec.host(hit.host);
      if (unusualHost(hit))
        addresses.push(rec.address(m.index, "unusual-host", `${hit.host}${hit.path.slice(0, 60)}`));
    }
    const ip = publicIpIn(text);
    if (ip) addresses.push(rec.address(m.index, "ip", ip));
  }
  for (const m of source.matchAll(/(['"`])((?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?)\1/g)) {
    const ip = publicIpIn(m[2]!);
    if (ip) addresses.push(rec.address(m.index, "ip", ip));
  }
  // No flow is followed in a skim: as in the token scan, an address in a file that uses the
  // network is taken to reach it.
  if (rec.has("net.outbound")) for (const a of addresses) if (a) a.reachesNetwork = true;
  for (const m of source.matchAll(SECRET_HINT)) {
    const start = Math.max(0, m.index - 60);
    const text = source.slice(start, m.index + m[0].length + 60);
    for (const literal of text.match(/(['"`])[^'"`\n]{1,200}\1/g) ?? []) {
      const what = secretPathIn(literal.slice(1, -1));
      if (what) {
        rec.capability("secrets.paths", m.index, what);
        break;
      }
    }
  }
  if (/\bprocess\.argv\b/.test(source)) {
    rec.facts.positionalArgs = true;
    rec.facts.parsesArgs = true;
  }
  return rec.finish();
}

const FS_CALL = new RegExp(
  `\\b(${[...new Set([...FS_WRITE, ...FS_READ])]
    .filter((n) => n.length > 3)
    .sort((a, b) => b.length - a.length)
    .join("|")})(?:Sync)?\\s*\\(`,
  "g",
);

/** Words every credential path of patterns.ts contains one of: the literals around them are checked. */
const SECRET_HINT =
  /\.ssh\b|id_(?:rsa|dsa|ecdsa|ed25519)|authorized_keys|known_hosts|\.aws\b|\.npmrc|\.pypirc|\.netrc|\.git-credentials|\.env\b|\.gnupg|\.kube|\.docker|gcloud|\.azure|application_default_credentials|Chrome|Chromium|Brave|firefox|Firefox|Login Data|User Data|Local State|key4\.db|logins\.json|cookies\.sqlite|claude_desktop_config|mcp\.json|windsurf|\.claude\.json|cline_mcp_settings|Keychains|keychain|generic-password|internet-password|secret-tool|wallet\.dat|electrum|exodus|MetaMask|nkbihfbeogaeaoehlefnkodbefgpgknn/g;
