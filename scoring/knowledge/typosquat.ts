/**
 * Names that imitate a popular or official MCP server package: the confusions attackers use
 * (see the npm typosquatting literature and OpenSSF package-analysis): one typo, swapped letters,
 * look-alike characters, a separator or word-order variant, or the same name under another scope.
 * Pure: compares strings, and weighs downloads and ages that the caller supplies.
 */

export type ConfusionKind =
  | "homoglyph"
  | "separator"
  | "scope-swap"
  | "scope-dropped"
  | "affix-variant"
  | "transposition"
  | "edit-distance";

export interface ReferenceName {
  name: string;
  downloadsPerMonth?: number;
  /** When the package was first published, ISO; undefined when unknown. */
  createdAt?: string;
  /** Published by a known publisher (scoring/knowledge/publishers.json). */
  official?: boolean;
}

export interface Subject {
  name: string;
  /** First publish time, ISO. */
  createdAt?: string;
  /** When the subject is itself in the popular list. */
  downloadsPerMonth?: number;
  /** The subject is from a known publisher: it cannot squat on its own names. */
  official?: boolean;
}

export interface Confusion {
  target: ReferenceName;
  kind: ConfusionKind;
  /** 0–1: how likely a confusion meant to deceive, after weighing popularity and age. */
  score: number;
  /** Why the score is what it is, one short phrase. */
  reason: string;
}

/** How telling each kind is on its own; weighed further by downloads and age. */
const KIND_WEIGHT: Record<ConfusionKind, number> = {
  homoglyph: 0.95,
  "scope-swap": 0.85,
  separator: 0.8,
  transposition: 0.75,
  "edit-distance": 0.6,
  "scope-dropped": 0.55,
  "affix-variant": 0.35,
};

/**
 * Reusing a community package's bare name under another scope is how forks are named; it is an
 * imitation only when the target's scope is official or the new scope imitates it.
 */
const FORK_WEIGHT = 0.4;

/** Bare names made only of these say nothing about which server they are (`@x/cli`, `@y/mcp-tools`). */
const GENERIC = new Set([
  "cli",
  "tools",
  "tool",
  "plugin",
  "plugins",
  "utils",
  "client",
  "api",
  "agent",
  "agents",
  "ai",
  "hub",
  "app",
  "apps",
  "bridge",
  "proxy",
  "gateway",
  "kit",
  "toolkit",
  "dev",
  "sdk",
  "core",
]);

/** Words that say "this is an MCP server" and nothing about which one. */
const FILLER = new Set([
  "mcp",
  "server",
  "mcpserver",
  "model",
  "context",
  "protocol",
  "modelcontextprotocol",
  "js",
  "node",
]);

/** Look-alike characters folded to one skeleton (Unicode TR39 idea, reduced to what npm names can hold). */
const HOMOGLYPHS: [RegExp, string][] = [
  [/rn/g, "m"],
  [/vv/g, "w"],
  [/cl/g, "d"],
  [/[0оο]/g, "o"],
  [/[1lіι|]/g, "i"],
  [/[аα]/g, "a"],
  [/[еε]/g, "e"],
  [/[сϲ]/g, "c"],
  [/[рρ]/g, "p"],
  [/[ѕ5]/g, "s"],
  [/[у]/g, "y"],
  [/[х]/g, "x"],
];

function skeleton(s: string): string {
  let out = s.normalize("NFKC").toLowerCase();
  for (const [re, to] of HOMOGLYPHS) out = out.replace(re, to);
  return out;
}

function split(name: string): { scope?: string; bare: string } {
  const lower = name.toLowerCase();
  if (lower.startsWith("@") && lower.includes("/")) {
    const i = lower.indexOf("/");
    return { scope: lower.slice(1, i), bare: lower.slice(i + 1) };
  }
  return { bare: lower };
}

const stripSeparators = (s: string) => s.replace(/[-_.]/g, "");
const coreTokens = (bare: string) =>
  bare
    .split(/[-_.]+/)
    .filter((t) => t && !FILLER.has(t))
    .sort();

/** Optimal string alignment distance (Levenshtein plus adjacent transposition), capped. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].map((c, i) => (c === b[i] ? -1 : i)).filter((i) => i >= 0);
  return (
    diff.length === 2 &&
    diff[1] === diff[0]! + 1 &&
    a[diff[0]!] === b[diff[1]!] &&
    a[diff[1]!] === b[diff[0]!]
  );
}

/** The kind of confusion between two different names, or undefined when they are not confusable. */
export function confusionKind(subjectName: string, targetName: string): ConfusionKind | undefined {
  const s = split(subjectName);
  const t = split(targetName);
  const full = (x: { scope?: string; bare: string }) => (x.scope ? `@${x.scope}/${x.bare}` : x.bare);
  const sf = full(s);
  const tf = full(t);
  if (sf === tf) return undefined;
  // Siblings in one scope are the scope owner's own business: only its owners can publish there.
  if (s.scope && s.scope === t.scope) return undefined;

  if (skeleton(sf) === skeleton(tf)) return "homoglyph";
  if (stripSeparators(sf) === stripSeparators(tf)) return "separator";

  const tCore = coreTokens(t.bare);
  const sCore = coreTokens(s.bare);
  const sameCore = tCore.length > 0 && tCore.join(" ") === sCore.join(" ");
  const distinctive = tCore.some((w) => !GENERIC.has(w));
  if (t.scope && s.scope && s.bare === t.bare && distinctive) return "scope-swap";
  if (
    t.scope &&
    !s.scope &&
    sameCore &&
    (s.bare === t.bare || stripSeparators(s.bare) === stripSeparators(t.bare))
  )
    return "scope-dropped";

  const short = Math.min(sf.length, tf.length);
  if (short >= 5) {
    if (isTransposition(sf, tf)) return "transposition";
    const limit = short >= 16 ? 2 : 1;
    // Compare like with like: whole names, or bare names when both sit in no scope.
    if (editDistance(sf, tf, limit) <= limit) return "edit-distance";
  }
  // `@stripe-official/mcp` next to `@stripe/mcp`: the bare name may be generic; the scope imitates.
  if (t.scope && s.scope && s.bare === t.bare && scopeImitates(s.scope, t.scope)) return "scope-swap";
  if (sameCore && distinctive && s.bare !== t.bare) return "affix-variant";
  return undefined;
}

function scopeImitates(s: string, t: string): boolean {
  if (t.length < 3) return false;
  const parts = s.split(/[-_.]/);
  return parts.includes(t) || stripSeparators(s).startsWith(t) || editDistance(s, t, 1) <= 1;
}

/** Below this the likeness is weaker than the signs of an honest package (its age, its own popularity). */
export const MIN_SCORE = 0.3;

const DAY_MS = 86_400_000;
const ageDays = (iso: string | undefined, now: string) => {
  if (!iso) return undefined;
  const d = (Date.parse(now) - Date.parse(iso)) / DAY_MS;
  return Number.isFinite(d) ? d : undefined;
};

/**
 * Reference names this subject could be confused with, most suspicious first. `now` is the
 * run's clock. Weighing, so a real package near another is not shouted at:
 * - a subject that is itself official, or at least a tenth as popular as the target, is a
 *   neighbour, not an imitation;
 * - a subject older than its target cannot have been named after it;
 * - a young subject next to a much more popular target scores highest.
 */
export function findConfusions(
  subject: Subject,
  reference: readonly ReferenceName[],
  now: string,
): Confusion[] {
  if (subject.official) return [];
  const out: Confusion[] = [];
  for (const target of reference) {
    const kind = confusionKind(subject.name, target.name);
    if (!kind) continue;
    const judged = weigh(subject, target, kind, now);
    if (judged && judged.score >= MIN_SCORE) out.push({ target, kind, ...judged });
  }
  return out.sort(
    (a, b) => b.score - a.score || (b.target.downloadsPerMonth ?? 0) - (a.target.downloadsPerMonth ?? 0),
  );
}

function weigh(
  subject: Subject,
  target: ReferenceName,
  kind: ConfusionKind,
  now: string,
): { score: number; reason: string } | undefined {
  const td = target.downloadsPerMonth ?? 0;
  const sd = subject.downloadsPerMonth ?? 0;
  if (sd > 0 && td > 0 && sd >= td / 10) return undefined;
  const sAge = ageDays(subject.createdAt, now);
  const tAge = ageDays(target.createdAt, now);
  if (sAge !== undefined && tAge !== undefined && sAge > tAge) return undefined;

  let score = KIND_WEIGHT[kind];
  const sScope = split(subject.name).scope;
  const tScope = split(target.name).scope;
  const imitates = !!sScope && !!tScope && scopeImitates(sScope, tScope);
  if (!target.official && !imitates && (kind === "scope-swap" || kind === "scope-dropped"))
    score = FORK_WEIGHT;
  const reasons: string[] = [];
  if (target.official) {
    score += 0.1;
    reasons.push("target is official");
  }
  if (td >= 100_000) {
    score += 0.05;
    reasons.push("target is very popular");
  }
  if (sAge === undefined) reasons.push("age unknown");
  else if (sAge < 90) {
    score += 0.1;
    reasons.push("name is new");
  } else if (sAge > 730) {
    score -= 0.3;
    reasons.push("name has existed for years");
  }
  return { score: Math.max(0, Math.min(1, Number(score.toFixed(2)))), reason: reasons.join(", ") || kind };
}
