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
/** `?api_key=…&token=…`: query parameters that carry credentials. */
const URL_QUERY =
  /[?&](?:api[_-]?key|apikey|key|token|access[_-]?token|auth|secret|client[_-]?secret|password|pwd|sig|signature)=([^&#\s]+)/gi;
/** `Bearer …`, `Basic …`, `token …` in an Authorization-style value. */
const AUTH_SCHEME = /(?:\b(?:Bearer|Basic)|^token)\s+([A-Za-z0-9._~+/=-]{12,})/gi;

// `${VAR:-default}` is Claude Code's form with a fallback.
const REFERENCE =
  /\$\{(?:env|input):[^}]*\}|\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}|\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%/g;

/** Names under which any non-placeholder value is a password. */
const PASSWORD_NAME = /(?:^|[^A-Z])(?:PASSWORD|PASSWD|PASSPHRASE|PWD|PASS)(?:$|[^A-Z])/;
/** Names under which a random-looking value is a key. */
const KEY_NAME =
  /(?:^|_)(?:KEYS?|TOKENS?|SECRETS?|CREDENTIALS?|AUTH|AUTHORIZATION|PRIVATE|SESSION|COOKIE|SIGNATURE|PAT)(?:_|$)|(?:KEY|TOKEN|SECRET)$/;
// PWD/OLDPWD are the shell's working folders, not passwords.
const NOT_SECRET_NAME =
  /^(OLD)?PWD$|PUBLIC|_PATH$|_FILE$|_URL$|_URI$|_HOST$|_ID$|_NAME$|_TYPE$|_DIR$|_MODE$|_HEADER$/;

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
  for (const m of v.matchAll(AUTH_SCHEME)) {
    const secret = m[1]!;
    if (isPlaceholder(secret)) continue;
    const start = m.index + m[0].length - secret.length;
    add({ kind: "bearer-token", start, end: start + secret.length });
  }
  if (found.length === 0 && name) for (const m of byName(v, name)) found.push(m);
  return found.sort((a, b) => a.start - b.start);
}

function byName(v: string, name: string): SecretMatch[] {
  const n = name.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  if (NOT_SECRET_NAME.test(n)) return [];
  // `--api-key=v` or `API_KEY=v`: judge the value, not the flag.
  const assign = v.match(/^-{0,2}([A-Za-z0-9_.-]+)=/);
  if (assign && assign[1]!.toUpperCase().replace(/[^A-Z0-9]+/g, "_") === n) {
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
  if (KEY_NAME.test(n) && looksRandom(trimmed)) return [{ kind: "high-entropy", ...whole }];
  return [];
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
