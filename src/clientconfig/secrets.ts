import type { SecretKind } from "../evidence/config.js";

/**
 * A pure detector for credentials written into config values. It answers where a secret sits
 * in a value and what it looks like, so callers can store the value masked: a raw secret
 * never leaves this module in anything it returns except the offsets.
 */

export interface SecretMatch {
  kind: SecretKind;
  start: number;
  end: number;
}

/** Values longer than this are scanned only up to it (hostile files). */
const MAX_SCAN = 64 * 1024;

interface FormatRule {
  kind: SecretKind;
  re: RegExp;
  /** The public prefix the mask keeps, so a reader can tell what kind of key it was. */
  prefix: RegExp;
  /** Which capture group is the secret (0 = whole match). */
  group?: number;
}

// Known formats first: they win over the generic rules when spans overlap.
// Formats: GitHub https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/,
// Slack, AWS, Stripe, npm and Google as their docs describe their key prefixes.
const FORMATS: FormatRule[] = [
  { kind: "github-token", re: /\bgh[pousr]_[A-Za-z0-9]{30,}/g, prefix: /^gh[pousr]_/ },
  { kind: "github-token", re: /\bgithub_pat_[A-Za-z0-9_]{22,}/g, prefix: /^github_pat_/ },
  { kind: "anthropic-key", re: /\bsk-ant-[A-Za-z0-9_-]{20,}/g, prefix: /^sk-ant-(?:[a-z]+\d*-)?/ },
  {
    kind: "openai-key",
    re: /\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g,
    prefix: /^sk-(?:proj-|svcacct-|admin-)?/,
  },
  { kind: "slack-token", re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, prefix: /^xox[abposr]-/ },
  { kind: "slack-token", re: /\bxapp-[A-Za-z0-9-]{10,}/g, prefix: /^xapp-/ },
  { kind: "aws-access-key", re: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, prefix: /^(?:AKIA|ASIA)/ },
  { kind: "stripe-live-key", re: /\b[sr]k_live_[A-Za-z0-9]{16,}/g, prefix: /^[sr]k_live_/ },
  { kind: "npm-token", re: /\bnpm_[A-Za-z0-9]{36}\b/g, prefix: /^npm_/ },
  { kind: "google-api-key", re: /\bAIza[0-9A-Za-z_-]{35}/g, prefix: /^AIza/ },
  {
    kind: "jwt",
    re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
    prefix: /^eyJ/,
  },
  {
    kind: "private-key",
    re: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
    prefix: /^-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  },
  // SendGrid: SG.<id>.<secret>.
  { kind: "sendgrid-key", re: /\bSG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}/g, prefix: /^SG\./ },
  // Webhook urls are the credential themselves: whoever has one can post as the app.
  {
    kind: "webhook-url",
    re: /(?<=hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9_/-]{16,}/gi,
    prefix: /^$/,
  },
  {
    kind: "webhook-url",
    re: /(?<=discord(?:app)?\.com\/api\/webhooks\/)\d+\/[A-Za-z0-9_-]{20,}/gi,
    prefix: /^$/,
  },
  { kind: "webhook-url", re: /(?<=webhook\.office\.com\/webhookb2\/)[^\s?#]{20,}/gi, prefix: /^$/ },
  // Telegram bot tokens: <bot id>:<35 characters>, alone or in api.telegram.org/bot<token>/.
  {
    kind: "telegram-bot-token",
    re: /(?:(?<=\bbot)|(?<![A-Za-z0-9]))\d{6,12}:[A-Za-z0-9_-]{30,}/g,
    prefix: /^$/,
  },
];

const DB_SCHEMES = new Set([
  "postgres",
  "postgresql",
  "mysql",
  "mariadb",
  "mongodb",
  "mongodb+srv",
  "redis",
  "rediss",
  "amqp",
  "amqps",
  "mssql",
  "sqlserver",
  "jdbc:postgresql",
  "jdbc:mysql",
  "clickhouse",
  "cockroachdb",
  "neo4j",
  "neo4j+s",
  "bolt",
  "couchbase",
  "oracle",
]);

/** `scheme://user:password@host`: the password is the secret. */
// Bounded scheme and userinfo lengths keep this linear on long hostile values.
const URL_USERINFO = /\b([a-z][a-z0-9+.:-]{0,30}):\/\/([^\s:@/?#]{0,256}):([^\s@/?#]{1,1024})@/gi;
/** `?api_key=…&token=…` (or after `#`): query parameters whose name says they carry a credential. */
const URL_QUERY =
  /[?&#](?:[A-Za-z0-9_.-]{0,40}?(?:key|token|secret|passw(?:or)?d|pwd|auth|sig(?:nature)?|credential|session|code))=([^&#\s]+)/gi;
/** A url's path segments, for the long random ones that are keys (Zapier-style MCP urls). */
const URL_PATH = /\bhttps?:\/\/([^\s/?#@]+)(\/[^\s?#]*)/gi;
/** Hosts whose long path segments are content addresses, not keys. */
const PUBLIC_PATH_HOSTS =
  /(?:^|\.)(?:github\.com|githubusercontent\.com|gitlab\.com|npmjs\.(?:org|com)|unpkg\.com|jsdelivr\.net|pypi\.org|docker\.io|ghcr\.io)$/i;
/** `AccountKey=…;` `Password=…;`: the secret parts of Azure, ADO and SQL connection strings. */
const CONNECTION_PAIR =
  /(?:^|;)\s*(AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd|AccessKey|ClientSecret|Secret|ApiKey|Token|SasToken)\s*=\s*([^;]+)/gi;
/** `Cookie: a=b; c=d` written into a value (a header given as an argument). */
const COOKIE_HEADER = /\b(?:Set-)?Cookie\s*:\s*(\S[^\r\n]*)/gi;
/** `X-Api-Key: value`: a header written into one value (curl-style `-H` arguments). */
const HEADER_LINE = /^\s*([A-Za-z0-9][A-Za-z0-9_-]{0,63})\s*:\s*(\S.*)$/s;
/** `Bearer …`, `Basic …`, `token …` in an Authorization-style value. */
const AUTH_SCHEME = /(?:\b(?:Bearer|Basic)|^token)\s+([A-Za-z0-9._~+/=-]{12,})/gi;

// `${VAR:-default}` is Claude Code's form with a fallback.
const REFERENCE =
  /\$\{(?:env|input):[^}]*\}|\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}|\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%/g;

/** Names under which any non-placeholder value is a password. */
const PASSWORD_NAME = /(?:^|[^A-Z])(?:PASSWORD|PASSWD|PASSPHRASE|PWD|PASS|PW)(?:$|[^A-Z])/;
/**
 * Names that say their value is a credential, whatever it looks like: `API_KEY=abc123` and
 * `--api-key letmein` are as secret as a random key. Masked by meaning, not by shape.
 */
const SECRET_NAME =
  /(?:^|_)(?:API_?KEY|ACCESS_?KEY|SECRET(?:_?KEY)?|PRIVATE_?KEY|ACCOUNT_?KEY|MASTER_?KEY|AUTH_?KEY|APP_?KEY|CLIENT_?SECRET|SIGNING_?KEY|ENCRYPTION_?KEY|SERVICE_?KEY|SUBSCRIPTION_?KEY|LICENSE_?KEY|ADMIN_?KEY|SAS|TOKEN|ACCESS_?TOKEN|AUTH_?TOKEN|REFRESH_?TOKEN|BEARER|CREDENTIALS?|COOKIE|PAT|AUTHORIZATION|SESSION_?ID|SESSION_?KEY)(?:_|$)|(?:TOKEN|SECRET|APIKEY)$/;
/** Names under which a random-looking value is a key (the word alone is too common to mask everything). */
const KEY_NAME = /(?:^|_)(?:KEYS?|TOKENS?|SECRETS?|AUTH|PRIVATE|SESSION|SIGNATURE)(?:_|$)|KEY$/;
// PWD/OLDPWD are the shell's working folders, not passwords.
const NOT_SECRET_NAME =
  /^(OLD)?PWD$|PUBLIC|_PATH$|_FILE$|_URL$|_URI$|_HOST$|_ID$|_NAME$|_TYPE$|_DIR$|_MODE$|_HEADER$|_LIMIT$|^MAX_|_MAX$|_COUNT$|_SIZE$|_TIMEOUT$|_TTL$|_EXPIR|_LENGTH$|_ENDPOINT$|_PORT$|_REGION$|_ENABLED$|_FORMAT$|_VERSION$|_PREFIX$|_HEADER_NAME$/;

const PLACEHOLDER =
  /^(?:<[^>]*>|\[[^\]]*\]|\{[^}]*\}|your[\s_-].*|.*[_-]here|x{3,}|\*+|\.{3}|…|changeme|change[_-]me|replace[_-]?me|placeholder|example|dummy|test|todo|tbd|null|none|undefined|true|false|\d{1,6})$/i;

/** References the value contains: `${env:X}`, `${input:x}`, `${X}`, `$X`, `%X%`. */
export function findReferences(value: string): string[] {
  return [...value.slice(0, MAX_SCAN).matchAll(REFERENCE)].map((m) => m[0]).slice(0, 20);
}

export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v === "") return true;
  if (PLACEHOLDER.test(v)) return true;
  if (/\byour[_-]|YOUR_|<[A-Za-z_ -]+>/.test(v)) return true;
  // Wholly a reference: `${env:TOKEN}`, `$TOKEN`.
  return v.replace(REFERENCE, "").trim() === "";
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

function looksRandom(v: string): boolean {
  if (v.length < 16 || /\s/.test(v)) return false;
  if (/^[~/.]|^[A-Za-z]:[\\/]|^https?:\/\//i.test(v)) return false;
  if (/^\d+$/.test(v)) return false;
  // Mixed classes and entropy: hex keys score about 3.7+, base64 keys 4.5+, words and paths lower.
  const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((r) => r.test(v)).length;
  return classes >= 2 && entropy(v) >= 3.3;
}

function overlaps(a: SecretMatch, list: SecretMatch[]): boolean {
  return list.some((b) => a.start < b.end && b.start < a.end);
}

/**
 * Where credentials sit in `value`. `name` is the env var, header or flag the value is given
 * under (it makes generic values count: `DB_PASSWORD=hunter22`, `API_KEY=9f8e…`).
 */
export function detectSecrets(value: string, name?: string): SecretMatch[] {
  const v = value.slice(0, MAX_SCAN);
  const found: SecretMatch[] = [];
  const add = (m: SecretMatch) => {
    if (m.end > m.start && !overlaps(m, found)) found.push(m);
  };
  for (const rule of FORMATS) {
    for (const m of v.matchAll(rule.re)) add({ kind: rule.kind, start: m.index, end: m.index + m[0].length });
  }
  for (const m of v.matchAll(URL_USERINFO)) {
    const password = m[3]!;
    if (isPlaceholder(password)) continue;
    const start = m.index + m[0].length - 1 - password.length;
    const scheme = m[1]!.toLowerCase();
    add({
      kind: DB_SCHEMES.has(scheme) ? "connection-string-password" : "url-credentials",
      start,
      end: start + password.length,
    });
  }
  for (const m of v.matchAll(URL_QUERY)) {
    const secret = m[1]!;
    if (secret.length < 8 || isPlaceholder(secret)) continue;
    const start = m.index + m[0].length - secret.length;
    add({ kind: "url-credentials", start, end: start + secret.length });
  }
  for (const m of v.matchAll(URL_PATH)) {
    const host = m[1]!.replace(/:\d+$/, "");
    if (PUBLIC_PATH_HOSTS.test(host)) continue;
    let at = m.index + m[0].length - m[2]!.length;
    for (const segment of m[2]!.split("/")) {
      if (isKeySegment(segment)) add({ kind: "url-path-secret", start: at, end: at + segment.length });
      at += segment.length + 1;
    }
  }
  for (const m of v.matchAll(CONNECTION_PAIR)) {
    const secret = m[2]!.trim();
    if (secret.length < 4 || isPlaceholder(secret)) continue;
    const start = m.index + m[0].indexOf(secret, m[0].indexOf("=") + 1);
    const kind = /^(?:Password|Pwd)$/i.test(m[1]!)
      ? "connection-string-password"
      : "connection-string-secret";
    add({ kind, start, end: start + secret.length });
  }
  for (const m of v.matchAll(COOKIE_HEADER)) {
    const secret = m[1]!.trimEnd();
    if (isPlaceholder(secret)) continue;
    const start = m.index + m[0].length - m[1]!.length;
    add({ kind: "cookie", start, end: start + secret.length });
  }
  for (const m of v.matchAll(AUTH_SCHEME)) {
    const secret = m[1]!;
    if (isPlaceholder(secret)) continue;
    const start = m.index + m[0].length - secret.length;
    add({ kind: "bearer-token", start, end: start + secret.length });
  }
  if (found.length === 0 && name) for (const m of byName(v, name)) found.push(m);
  if (found.length === 0) {
    // `-H "X-Api-Key: letmein"`: the header's name says what its value is.
    const header = HEADER_LINE.exec(v);
    if (header && !/^https?$/i.test(header[1]!)) {
      const offset = v.length - header[2]!.length;
      for (const m of byName(header[2]!, header[1]!))
        found.push({ ...m, start: m.start + offset, end: m.end + offset });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * A url path segment that is a key: long, random-looking, not a word, a version or a plain
 * hex digest (commit ids, content hashes). `mcp.zapier.com/api/mcp/s/<key>/mcp`.
 */
function isKeySegment(segment: string): boolean {
  if (segment.length < 20 || segment.length > 512) return false;
  if (/^[0-9a-f]{40}$|^[0-9a-f]{64}$/i.test(segment)) return false;
  // A UUID in an MCP url path is, more often than not, the account's key.
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment)) return true;
  if (/^[a-z]+(?:[-_.][a-z]+)*$/i.test(segment)) return false;
  return looksRandom(segment);
}

/** A name as SNAKE_CASE: `apiKey`, `api-key` and `API_KEY` are the same name. */
function normalName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

function byName(v: string, name: string): SecretMatch[] {
  const n = normalName(name);
  if (NOT_SECRET_NAME.test(n)) return [];
  // `--api-key=v` or `API_KEY=v`: judge the value, not the flag.
  const assign = v.match(/^-{0,2}([A-Za-z0-9_.-]+)=/);
  if (assign && normalName(assign[1]!) === n) {
    return byName(v.slice(assign[0].length), name).map((m) => ({
      ...m,
      start: m.start + assign[0].length,
      end: m.end + assign[0].length,
    }));
  }
  const trimmed = v.trim();
  if (isPlaceholder(trimmed)) return [];
  const start = v.indexOf(trimmed);
  const whole = { start, end: start + trimmed.length };
  if (PASSWORD_NAME.test(n) && trimmed.length >= 4) return [{ kind: "password", ...whole }];
  if ((KEY_NAME.test(n) || SECRET_NAME.test(n)) && looksRandom(trimmed))
    return [{ kind: "high-entropy", ...whole }];
  if (SECRET_NAME.test(n) && namedSecretValue(trimmed)) return [{ kind: "named-secret", ...whole }];
  return [];
}

/** What a credential-named value must not be to count: a switch, a count, a path or a url. */
function namedSecretValue(v: string): boolean {
  // `Bearer ${env:TOKEN}`: what is left once references and the scheme word are gone.
  const rest = v
    .replace(REFERENCE, "")
    .replace(/^(?:Bearer|Basic|token)\s*/i, "")
    .trim();
  if (rest.length < 4 || isPlaceholder(rest)) return false;
  if (/^(?:true|false|yes|no|on|off|enabled?|disabled?|none|null|auto|required|optional)$/i.test(v))
    return false;
  if (/^\d{1,9}$/.test(v)) return false;
  return !/^(?:[~/.]|[A-Za-z]:[\\/]|https?:\/\/)/i.test(v);
}

/** The mask for one secret: its public prefix, if its kind has one, then `****`. */
export function maskSecret(raw: string, kind: SecretKind): string {
  const rule = FORMATS.find((f) => f.kind === kind && f.prefix.test(raw));
  const prefix = rule ? (raw.match(rule.prefix)?.[0] ?? "") : "";
  return `${prefix}****`;
}

/** `value` with each match replaced by `replace(match)` (default: its mask). */
export function replaceSecrets(
  value: string,
  matches: readonly SecretMatch[],
  replace: (m: SecretMatch, raw: string) => string = (m, raw) => maskSecret(raw, m.kind),
): string {
  let out = "";
  let at = 0;
  for (const m of matches) {
    out += value.slice(at, m.start) + replace(m, value.slice(m.start, m.end));
    at = m.end;
  }
  return out + value.slice(at);
}

export interface ScannedValue {
  /** Safe to store and print. */
  masked: string;
  kinds: SecretKind[];
  matches: SecretMatch[];
}

/** Detect and mask in one step; `masked` is capped at `cap` characters. */
export function scanValue(value: string, name?: string, cap = 2048): ScannedValue {
  const matches = detectSecrets(value, name);
  const masked = replaceSecrets(value, matches);
  return {
    masked: masked.length > cap ? `${masked.slice(0, cap)}…` : masked,
    kinds: [...new Set(matches.map((m) => m.kind))],
    matches,
  };
}
