/** Text patterns applied to string literals (never to comments, when the file parsed). */

/** Credential locations: reading these is `secrets.paths`. Each entry names what it is. */
export const SECRET_PATHS: readonly { what: string; re: RegExp }[] = [
  {
    what: "SSH keys",
    re: /(?:^|[\\/~])\.ssh(?:[\\/]|$)|\bid_(?:rsa|dsa|ecdsa|ed25519)\b|\bauthorized_keys\b|\bknown_hosts\b/,
  },
  { what: "AWS credentials", re: /\.aws[\\/](?:credentials|config)|^\.aws$/ },
  { what: "npm token file", re: /(?:^|[\\/~])\.npmrc$/ },
  { what: "pypi / netrc credentials", re: /(?:^|[\\/~])\.(?:pypirc|netrc|git-credentials)$/ },
  { what: "dotenv file", re: /(?:^|[\\/])\.env(?:\.local|\.production)?$/ },
  { what: "GnuPG keyring", re: /(?:^|[\\/~])\.gnupg(?:[\\/]|$)/ },
  { what: "Kubernetes / Docker credentials", re: /\.kube[\\/]config|\.docker[\\/]config\.json/ },
  {
    what: "cloud CLI credentials",
    re: /\.config[\\/]gcloud|\.azure[\\/]|application_default_credentials\.json/,
  },
  {
    what: "browser profile data",
    re: /Google[\\/]Chrome[\\/](?:User Data|Default|Profile)|google-chrome[\\/](?:Default|Profile)|Chromium[\\/](?:User Data|Default)|BraveSoftware[\\/]Brave-Browser[\\/]User Data|\.mozilla[\\/]firefox|Firefox[\\/]Profiles|\bLogin Data\b|[\\/]Local State$|\bkey4\.db\b|\blogins\.json\b|\bcookies\.sqlite\b/,
  },
  {
    what: "MCP client configuration",
    re: /claude_desktop_config\.json|\.cursor[\\/]mcp\.json|\.vscode[\\/]mcp\.json|\.codeium[\\/]windsurf|\.claude\.json|cline_mcp_settings\.json/,
  },
  {
    what: "keychain",
    re: /Library[\\/]Keychains|login\.keychain|find-generic-password|find-internet-password|\bsecret-tool\b/,
  },
  {
    what: "crypto wallet",
    re: /\bwallet\.dat\b|\.electrum[\\/]|Exodus[\\/]exodus\.wallet|\bMetaMask\b|nkbihfbeogaeaoehlefnkodbefgpgknn/,
  },
];

/** All of them at once: one test per literal, the table only for the few that match. */
const ANY_SECRET_PATH = new RegExp(SECRET_PATHS.map((p) => `(?:${p.re.source})`).join("|"));

export function secretPathIn(text: string): string | undefined {
  if (text.length > 512 || !ANY_SECRET_PATH.test(text)) return undefined;
  for (const p of SECRET_PATHS) if (p.re.test(text)) return p.what;
  return undefined;
}

const IPV4 = /^(?:(?:https?|wss?|tcp|ftp):\/\/)?((?:\d{1,3}\.){3}\d{1,3})(?::\d{1,5})?(?:[/?#].*)?$/;

/** A public IPv4 address written in a literal (alone or as a URL host), else undefined. */
export function publicIpIn(text: string): string | undefined {
  if (text.length > 256 || text.length < 7) return undefined;
  const c = text.charCodeAt(0);
  if (!(c >= 48 && c <= 57) && !text.includes("://")) return undefined;
  const m = IPV4.exec(text.trim());
  if (!m) return undefined;
  const ip = m[1]!;
  const o = ip.split(".").map(Number);
  if (o.some((n) => n > 255)) return undefined;
  const [a, b] = [o[0]!, o[1]!];
  if (a === 0 || a === 127 || a === 10 || a >= 224) return undefined;
  if (a === 192 && b === 168) return undefined;
  if (a === 172 && b >= 16 && b <= 31) return undefined;
  if (a === 100 && b >= 64 && b <= 127) return undefined;
  // Link-local (the cloud metadata address is judged as a host, see UNUSUAL_HOSTS) and the
  // documentation ranges of RFC 5737, which fill examples and tests.
  if (a === 169 && b === 254 && ip !== "169.254.169.254") return undefined;
  if (ip.startsWith("192.0.2.") || ip.startsWith("198.51.100.") || ip.startsWith("203.0.113."))
    return undefined;
  // A bare four-part number with small parts is more likely a version than an address.
  if (!text.includes("://") && !text.includes(":") && o.every((n) => n < 10)) return undefined;
  return ip;
}

/** Hosts that legitimate servers rarely call but exfiltration often does. */
export const UNUSUAL_HOSTS: readonly RegExp[] = [
  /(?:^|\.)pastebin\.com$/,
  /(?:^|\.)paste\.ee$/,
  /(?:^|\.)ngrok(?:-free)?\.(?:io|app|dev)$/,
  /(?:^|\.)webhook\.site$/,
  /(?:^|\.)requestbin\.(?:com|net)$/,
  /(?:^|\.)pipedream\.net$/,
  /(?:^|\.)(?:interact\.sh|oast\.(?:fun|live|me|pro|site|online))$/,
  /(?:^|\.)burpcollaborator\.net$/,
  /(?:^|\.)transfer\.sh$/,
  /(?:^|\.)hookbin\.com$/,
  /(?:^|\.)beeceptor\.com$/,
  /(?:^|\.)dnslog\.cn$/,
  /\.onion$/,
  /^api\.telegram\.org$/,
  /^(?:discord|discordapp)\.com$/, // webhooks; the path decides, see unusualHost
  /(?:^|\.)trycloudflare\.com$/,
  /(?:^|\.)serveo\.net$/,
  /(?:^|\.)localtunnel\.me$/,
  /^169\.254\.169\.254$/,
];

const URL_IN_TEXT = /\b(?:https?|wss?):\/\/([a-z0-9.-]+|\[[0-9a-f:]+\])(?::\d+)?(\/[^\s'"`]*)?/gi;

export interface UrlHit {
  host: string;
  path: string;
}

export function urlsIn(text: string): UrlHit[] {
  if (!text.includes("://") || text.length > 4096) return [];
  const out: UrlHit[] = [];
  for (const m of text.matchAll(URL_IN_TEXT)) out.push({ host: m[1]!.toLowerCase(), path: m[2] ?? "" });
  return out;
}

export function unusualHost(hit: UrlHit): boolean {
  if (/^(?:discord|discordapp)\.com$/.test(hit.host)) return hit.path.startsWith("/api/webhooks");
  return UNUSUAL_HOSTS.some((re) => re.test(hit.host));
}

/** Text that reads as JavaScript or a shell command rather than data. */
export const CODE_LIKE =
  /\brequire\s*\(|child_process|\beval\s*\(|\bnew Function\b|\bfunction\s*\(|=>\s*\{|\bprocess\.env\b|\bexecSync\b|\bimport\s*\(|\bcurl\s+-|\bwget\s+http|\/bin\/(?:ba)?sh\b|powershell\b/;

export const URL_LIKE = /^(?:https?|wss?|ftp):\/\/\S+|^(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?$/;

/** Mostly printable text (decoded data that is binary is not a finding). */
export function printable(text: string): boolean {
  if (text.length === 0) return false;
  let ok = 0;
  const n = Math.min(text.length, 2000);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 32 && c < 127) || c === 9 || c === 10 || c === 13) ok++;
  }
  return ok / n > 0.95;
}

const OBFUSCATOR_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=";

/**
 * One string of javascript-obfuscator's base64 string table: base64 with a lower-case-first
 * alphabet, then percent-decoded as UTF-8 (what its runtime decoder does).
 */
export function decodeObfuscatorString(text: string): string | undefined {
  if (text.length > 4096) return undefined;
  let bits = 0;
  let value = 0;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = OBFUSCATOR_ALPHABET.indexOf(text[i]!);
    if (c === -1 || c === 64) break;
    value = (value << 6) | c;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((value >> bits) & 0xff);
    }
  }
  try {
    return decodeURIComponent(
      Array.from(out, (ch) => `%${ch.charCodeAt(0).toString(16).padStart(2, "0")}`).join(""),
    );
  } catch {
    return out;
  }
}

/** Classifies decoded text: a URL, code, or nothing of interest. */
export function decodedKind(text: string): "decode-to-url" | "decode-to-code" | undefined {
  if (!printable(text)) return undefined;
  if (URL_LIKE.test(text.trim())) return "decode-to-url";
  if (CODE_LIKE.test(text)) return "decode-to-code";
  return undefined;
}

/** Invisible, bidirectional-override and tag characters, and terminal escapes. */
export const HIDDEN_CHARS =
  /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|[\u{E0000}-\u{E007F}]|\u001b\[/gu;

export function countHidden(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(HIDDEN_CHARS)) n++;
  return n;
}
