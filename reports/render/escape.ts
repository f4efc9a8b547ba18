import { sanitizeForTerminal } from "./sanitize.js";

/**
 * Package text as HTML text or attribute value. Control characters are dropped and bidi
 * overrides / invisible characters shown as `<U+XXXX>` first (Trojan Source), then the five
 * HTML metacharacters are escaped, so the result is safe in element content and in quoted
 * attributes alike.
 */
export function escapeHtml(text: string, maxChars = 4000): string {
  return sanitizeForTerminal(String(text), maxChars).replace(/[&<>"'`]/g, (c) => HTML_ENTITIES[c]!);
}

const HTML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
};

/**
 * A URL that may become a link: absolute http(s) only. Anything else (javascript:, data:,
 * relative, malformed) is shown as text, never as an href.
 */
export function linkableUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== "https:" && u.protocol !== "http:") return undefined;
    if (u.username || u.password) return undefined;
    return u.href;
  } catch {
    return undefined;
  }
}

/** An http(s) URL as a link, anything else as escaped text. */
export function htmlLink(url: string, label: string = url): string {
  const href = linkableUrl(url);
  return href
    ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow">${escapeHtml(label)}</a>`
    : `<span class="url">${escapeHtml(label)}</span>`;
}

/**
 * Text for a Markdown code span: backslash escapes do not work inside one, so backticks (which
 * would close it) become quotes, and line breaks (which would end the list item) spaces.
 */
export function markdownCode(text: string, maxChars = 200): string {
  const inner = sanitizeForTerminal(String(text).replace(/\s*[\r\n]+\s*/g, " "), maxChars).replace(/`/g, "'");
  return `\`${inner || " "}\``;
}

/**
 * Package text inside Markdown (table cells and prose): one line, sanitised, and every
 * character Markdown or the HTML it may be rendered into would interpret is escaped.
 *
 * A report posted as a PR comment must not mention people or link issues on a package's say,
 * so `@name`, `@org/team` and `#123` become code spans: GitHub links neither inside code, and
 * every reader, rendered or raw, sees them as written. (Entities such as `&#64;` showed
 * literally wherever the Markdown is read as text, and GitHub matches mentions in the decoded
 * text anyway; an invisible joiner after `@` would break copy and paste.) A scoped package
 * name is therefore always a code span. An `@` after a letter or digit (an email) mentions no
 * one and stays text.
 */
export function escapeMarkdown(text: string, maxChars = 300): string {
  const plain = sanitizeForTerminal(String(text).replace(/\s*[\r\n]+\s*/g, " "), maxChars);
  // split() with a capturing group alternates text and references: odd parts are references.
  return plain
    .split(GITHUB_REFERENCE)
    .map((part, i) => (i % 2 ? `\`${part}\`` : escapeMarkdownText(part)))
    .join("");
}

/**
 * What GitHub would turn into a mention or an issue link (`@user`, `@org/team`, `#123`), taken
 * with whatever name-like text runs on after it (`@scope/pkg@1.0.0`), so no text right after
 * the code span can start a mention of its own.
 */
const GITHUB_REFERENCE = /((?:(?<![A-Za-z0-9_])@[A-Za-z0-9]|#\d)(?:[\w./@#-]*[A-Za-z0-9_])?)/;

function escapeMarkdownText(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_{}[\]|~]/g, (c) => `\\${c}`);
}
