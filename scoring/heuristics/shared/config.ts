import type { ConfigEntryEvidence, ConfigValueFact, SecretKind } from "../../../src/evidence/index.js";
import type { Location } from "../../engine/types.js";

/**
 * Shared reading of the `config` evidence part for the config-* heuristics. Pure.
 */

/** Every value the entry passes, in file order where it matters for reports. */
export function valueFacts(entry: ConfigEntryEvidence): ConfigValueFact[] {
  return [
    ...(entry.url ? [entry.url] : []),
    ...entry.headers,
    ...entry.env,
    ...entry.args,
    ...(entry.cwd ? [entry.cwd] : []),
    ...entry.settings,
    ...(entry.extra ?? []),
  ];
}

export function describeFact(f: ConfigValueFact): string {
  if (f.where === "env" || f.where === "headers" || f.where === "settings") return `${f.where}.${f.key}`;
  if (f.where === "args") return `args[${f.index}]`;
  if (f.where === "key") return f.key ?? "a name";
  if (f.where === "other") return f.key ?? "a field";
  return f.where;
}

/** A location pointing at a value (or the entry), with a short masked snippet. */
export function at(entry: ConfigEntryEvidence, f?: ConfigValueFact, snippet?: string): Location {
  const text = snippet ?? (f ? `${describeFact(f)}: ${f.masked}` : `"${entry.name}"`);
  return {
    file: entry.file,
    ...((f?.line ?? entry.line) !== undefined ? { line: f?.line ?? entry.line } : {}),
    snippet: text.length > 300 ? `${text.slice(0, 300)}…` : text,
  };
}

/** `"name" (client, file)` for details. */
export function entryLabel(entry: ConfigEntryEvidence): string {
  return `"${entry.name}" in ${entry.client} config ${entry.file}${entry.project ? ` (project ${entry.project})` : ""}`;
}

const LOOPBACK = /^(localhost|.*\.localhost|127(?:\.\d{1,3}){3}|\[?::1\]?|0\.0\.0\.0)$/i;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host);
}

/** The url's host, or undefined when it does not parse. */
export function urlHost(url: string): { protocol: string; host: string } | undefined {
  try {
    const u = new URL(url);
    return { protocol: u.protocol, host: u.hostname };
  } catch {
    return undefined;
  }
}

/** The entry as JSON, values masked; with `rewrite`, secrets replaced by env references. */
export function entrySnippet(entry: ConfigEntryEvidence, rewrite: boolean): string {
  const v = (f: ConfigValueFact) => (rewrite && f.secret ? f.secret.replacement : f.masked);
  const obj: Record<string, unknown> = {};
  if (entry.command !== undefined) obj.command = entry.command;
  if (entry.args.length) obj.args = entry.args.map(v);
  if (entry.env.length) obj.env = Object.fromEntries(entry.env.map((f) => [f.key, v(f)]));
  if (entry.url) obj.url = v(entry.url);
  if (entry.headers.length) obj.headers = Object.fromEntries(entry.headers.map((f) => [f.key, v(f)]));
  if (entry.settings.some((f) => f.secret)) {
    obj.settings = Object.fromEntries(entry.settings.filter((f) => f.secret).map((f) => [f.key, v(f)]));
  }
  const text = JSON.stringify({ [entry.name]: obj }, null, 2);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

const SECRET_LABELS: Record<SecretKind, string> = {
  "github-token": "a GitHub token",
  "openai-key": "an OpenAI key",
  "anthropic-key": "an Anthropic key",
  "slack-token": "a Slack token",
  "aws-access-key": "an AWS access key",
  "stripe-live-key": "a Stripe live key",
  "npm-token": "an npm token",
  "google-api-key": "a Google API key",
  jwt: "a JWT",
  "private-key": "a private key",
  "connection-string-password": "a database password",
  "url-credentials": "credentials in a url",
  "bearer-token": "a bearer token",
  password: "a password",
  "high-entropy": "a key-like random value",
  "sendgrid-key": "a SendGrid key",
  "webhook-url": "a webhook url (the url is the credential)",
  "telegram-bot-token": "a Telegram bot token",
  "url-path-secret": "a key in a url's path",
  "connection-string-secret": "a key in a connection string",
  cookie: "a cookie",
  "named-secret": "a value under a credential's name",
};

/** `a GitHub token` for a fact's first detected kind. */
export function secretLabel(f: ConfigValueFact): string {
  const kind = f.secret?.kinds[0];
  return kind ? SECRET_LABELS[kind] : "a credential";
}
