/**
 * Reading "official" the way a person reads a README: sentence by sentence, as a claim only when
 * the sentence says this package is the official one. Link text ("[Official Docs](…)"), a
 * reference to something else that is official ("built on the official SDK", "the official docs
 * page", "Gemini CLI is Google's official assistant") and a negation ("not officially supported")
 * are not claims. Brands are read from what the sentence says, never from where its links point.
 */

import { LINK_CLOSE, LINK_OPEN, markdownSentences } from "./prose.js";

/** What a claim quotes, and the text (link targets removed) its brand is read from. */
export interface OfficialClaim {
  where: "name" | "description" | "README";
  quote: string;
  text: string;
}

const QUOTE_CHARS = 160;

const OFFICIAL = /(?<![a-z])official(ly)?(?![a-z])/gi;

/** A negation earlier in the sentence: "not an official", "is not officially supported", "isn't". */
const NEGATION = /(?:\b(?:not|never|no|nor|neither|without)\b|n['’]t\b)/i;

/**
 * "official" right after a verb or preposition that points at something else: "built on the
 * official SDK", "uses the official API", "see the official docs", "for the official Todoist API".
 */
const REFERENCE_BEFORE =
  /\b(?:use|uses|used|using|see|visit|visiting|check|consult|read|follow|following|per|via|from|in|into|on|onto|at|with|of|through|like|than|install|installing|download|downloading|wrap|wraps|wrapping|around|over|call|calls|calling|connect|connects|connecting|for|against|about|replace|replaces|prefer|consider|and|or|unlike|alongside|besides|including|includes|include|request|requests|recommend|recommends|(?:switch|switching|move|moving|migrate|migrating|go|refer|link|links|point|points|according|compared|similar|identical|equivalent) to)\s+(?:the\s+|an?\s+|their\s+|its\s+|our\s+|your\s+|[\w-]+['’]s\s+)?$/i;

/** What the package itself is called when it says it is official. */
const SELF_HEADS = new Set([
  "server",
  "servers",
  "mcp",
  "package",
  "integration",
  "implementation",
  "plugin",
  "extension",
  "connector",
  "adapter",
  "bridge",
  "version",
  "release",
  "build",
  "distribution",
  "port",
  "module",
  "toolkit",
  "toolset",
  "tool",
  "tools",
  "project",
]);

/** Things other than this package that are called official. */
const REFERENCE_HEADS = new Set([
  "doc",
  "docs",
  "documentation",
  "page",
  "pages",
  "site",
  "website",
  "guide",
  "guides",
  "example",
  "examples",
  "sample",
  "samples",
  "sdk",
  "sdks",
  "api",
  "apis",
  "client",
  "clients",
  "app",
  "apps",
  "application",
  "cli",
  "registry",
  "blog",
  "announcement",
  "instructions",
  "tutorial",
  "tutorials",
  "spec",
  "specification",
  "list",
  "store",
  "marketplace",
  "image",
  "images",
  "container",
  "binary",
  "binaries",
  "channel",
  "discord",
  "forum",
  "account",
  "portal",
  "dashboard",
  "console",
  "library",
  "libraries",
  "endpoint",
  "endpoints",
  "language",
  "languages",
  "source",
  "sources",
  "website",
  "announcements",
  "notes",
  "support",
  "assistant",
]);

/** Words that end the noun phrase "official" starts. */
const PHRASE_END = new Set([
  "for",
  "of",
  "from",
  "by",
  "in",
  "on",
  "to",
  "with",
  "that",
  "which",
  "who",
  "and",
  "or",
  "as",
  "at",
  "via",
  "is",
  "are",
  "was",
  "it",
  "you",
  "we",
  "lets",
  "allows",
  "enables",
  "provides",
  "maintained",
  "supported",
  "developed",
  "provided",
  "powered",
  "published",
  "released",
  "created",
  "written",
  "built",
  "made",
  "here",
  "instead",
]);

/** Name words too common to say the sentence is about this package. */
const GENERIC = new Set([
  "mcp",
  "server",
  "servers",
  "the",
  "model",
  "context",
  "protocol",
  "js",
  "node",
  "api",
  "official",
  "tool",
  "tools",
  "ai",
  "app",
  "cli",
  "dev",
  "io",
  "com",
  "npm",
  "oss",
  "hq",
  "labs",
]);

/** How a sentence talks about the package itself. */
const SELF_SUBJECT =
  /^(?:this|it|we|our|these|here|the\s+(?:package|server|project|repo|repository|module|plugin|extension|integration|connector|tool|toolkit|library)|this\s+\w+)\b/i;

/** Where the package calls itself official, with a short quote around the word. */
export function officialClaims(
  name: string,
  description: string | undefined,
  readme: string | undefined,
): OfficialClaim[] {
  const out: OfficialClaim[] = [];
  if (
    name
      .toLowerCase()
      .split(/[^a-z]+/)
      .includes("official")
  )
    out.push({ where: "name", quote: name, text: name });
  const self = nameTokens(name);
  for (const [where, text] of [
    ["description", description],
    ["README", readme],
  ] as const) {
    if (!text) continue;
    for (const sentence of markdownSentences(text)) {
      const at = claimIndex(sentence, self);
      if (at === undefined) continue;
      const plain = sentence.replace(/[\uE000\uE001]/g, "");
      const start = Math.max(0, at - 60);
      out.push({ where, quote: plain.slice(start, start + QUOTE_CHARS).trim(), text: plain });
      break;
    }
  }
  return out;
}

/** The words of a package name that can stand for it in a sentence ("dbhub", "dynatrace"). */
export function nameTokens(name: string): Set<string> {
  const lower = name.toLowerCase();
  const words = lower.split(/[^a-z0-9]+/).filter((w) => w.length >= 3 && !GENERIC.has(w));
  const bare = lower.replace(/^@[^/]+\//, "").replace(/[^a-z0-9]+/g, "");
  return new Set([...words, ...(bare.length >= 3 ? [bare] : [])]);
}

/** Where "official" claims this package in the sentence, or undefined when it does not. */
function claimIndex(sentence: string, self: ReadonlySet<string>): number | undefined {
  if (/\?\s*$/.test(sentence)) return undefined;
  for (const m of sentence.matchAll(OFFICIAL)) {
    const before = sentence.slice(0, m.index);
    const after = sentence.slice(m.index + m[0].length);
    // Inside a link's text: a label ("[Official Docs]"), not a sentence about the package.
    if (count(before, LINK_OPEN) > count(before, LINK_CLOSE)) continue;
    // In parentheses: an apposition to what precedes ("gopls (Official Go language server)").
    if (count(before, "(") > count(before, ")")) continue;
    if (NEGATION.test(before)) continue;
    if (REFERENCE_BEFORE.test(before)) continue;
    const subject = subjectOf(before);
    if (subject !== undefined && !isSelf(subject, self)) continue;
    const head = headOf(after, m[1] !== undefined);
    if (head?.link) continue;
    if (head && REFERENCE_HEADS.has(head.word)) continue;
    if (head && SELF_HEADS.has(head.word)) return m.index;
    // "officially supported by X", or an unusual noun: a claim when the sentence is about
    // the package (its subject, or a title or description that starts with the claim).
    if (subject !== undefined || /^(?:the|an?)?\s*$/i.test(before)) return m.index;
  }
  return undefined;
}

function count(text: string, ch: string): number {
  return text.split(ch).length - 1;
}

/** The subject of "X is …" before the claim; undefined when the sentence has no copula before it. */
function subjectOf(before: string): string | undefined {
  const copulas = [...before.matchAll(/\b(?:is|are|was|remains|becomes|serves as|acts as)\b/gi)];
  const last = copulas.at(-1);
  return last === undefined ? undefined : before.slice(0, last.index).trim();
}

function isSelf(subject: string, self: ReadonlySet<string>): boolean {
  const plain = subject.replace(/[\uE000\uE001]/g, "").trim();
  if (SELF_SUBJECT.test(plain)) return true;
  const words = plain.toLowerCase().split(/[^a-z0-9]+/);
  return words.some((w) => self.has(w)) || self.has(words.join(""));
}

/** The last word of the noun phrase after "official" (a link's text counts as one word). */
function headOf(after: string, adverb: boolean): { word: string; link: boolean } | undefined {
  const token = new RegExp(
    `^\\s*(?:${LINK_OPEN}([^${LINK_CLOSE}]*)${LINK_CLOSE}|\\(([^)]*)\\)|([A-Za-z0-9][\\w'’-]*))`,
  );
  let rest = after;
  let head: { word: string; link: boolean } | undefined;
  for (let i = 0; i < 12; i++) {
    const m = token.exec(rest);
    if (!m) break;
    rest = rest.slice(m[0].length);
    if (m[2] !== undefined) continue; // "(MCP)"
    if (m[1] !== undefined) {
      head = { word: m[1].toLowerCase(), link: true };
      continue;
    }
    const word = m[3]!.toLowerCase().replace(/['’]s$/, "");
    // "officially supported server": the participle modifies, the noun after it is the head.
    if (adverb && head === undefined && /ed$/.test(word) && i === 0) continue;
    if (PHRASE_END.has(word)) break;
    head = { word, link: false };
  }
  return head;
}
