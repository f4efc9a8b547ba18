/**
 * Text read as prose, sentence by sentence: what a README, a description or a tool's text says
 * is judged per sentence, so a word in one sentence never pairs with a word in another, and a
 * path's dots (`~/.cursor/mcp.json`) do not end a sentence.
 */

/** Link text is kept between these (private-use) marks; the link's target is dropped. */
export const LINK_OPEN = "\uE000";
export const LINK_CLOSE = "\uE001";

/** A README is read up to here: what matters is near the top. */
const MAX_TEXT_CHARS = 200_000;

/**
 * The sentences of a description or README, Markdown read as prose: images and HTML dropped,
 * a link reduced to its marked text, emphasis and code marks removed. A heading, list item,
 * quote or table row is a sentence of its own; lines of a paragraph are joined.
 */
export function markdownSentences(text: string): string[] {
  const cleaned = text
    .slice(0, MAX_TEXT_CHARS)
    .replace(/[\uE000\uE001]/g, "")
    .replace(/!\[[^\]\n]*\]\([^)\n]*\)/g, " ")
    .replace(/\[([^\]\n]*)\]\([^)\n]*\)/g, `${LINK_OPEN}$1${LINK_CLOSE}`)
    .replace(/\[([^\]\n]*)\]\[[^\]\n]*\]/g, `${LINK_OPEN}$1${LINK_CLOSE}`)
    .replace(/<[^>\n]*>/g, " ")
    .replace(/\b(?:https?|ftp):\/\/[^\s)]+/g, " ")
    .replace(/[*`]+|(?<![\w])_+|_+(?![\w])/g, "");
  const blocks: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length) blocks.push(current.join(" "));
    current = [];
  };
  for (const line of cleaned.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed) {
      flush();
      continue;
    }
    if (/^(?:[-*+>#|]|\d+[.)])/.test(trimmed)) {
      flush();
      blocks.push(trimmed.replace(/^(?:[-*+>#|\s]|\d+[.)])+/, ""));
      continue;
    }
    current.push(trimmed);
  }
  flush();
  return blocks.flatMap((b) =>
    b
      .split(/(?<=[.!?])\s+(?=[^a-z\s])/)
      .map((s) => s.replace(/\s+/g, " ").trim())
      .filter(Boolean),
  );
}

/**
 * The sentences of a tool's description or schema text, as written: each line, split after a
 * full stop, question or exclamation mark that ends a word (not the dots inside a path or
 * `e.g.`'s first).
 */
export function plainSentences(text: string): string[] {
  return text
    .slice(0, MAX_TEXT_CHARS)
    .split(/\r?\n/)
    .flatMap((line) => line.split(/(?<=[a-z0-9)"'`\]][.!?])\s+(?=\S)/i))
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter(Boolean);
}

/** A negation close before `at`: "do not include", "never send", "without passing", "no need to". */
export function negatedBefore(text: string, at: number): boolean {
  return /(?:\b(?:not|never|no|nor|avoid|avoiding|without|don['’]t|doesn['’]t|mustn['’]t|shouldn['’]t|won['’]t|cannot)\b|n['’]t\b)(?:\s+[\w'’-]+){0,3}\s*$/i.test(
    text.slice(Math.max(0, at - 60), at),
  );
}
