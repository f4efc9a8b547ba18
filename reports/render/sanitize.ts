/**
 * Package text (descriptions, READMEs, tool descriptions, scripts) is hostile. Before it
 * reaches a terminal: escape sequences and control characters are removed, bidirectional
 * overrides (Trojan Source) and invisible characters are shown as `<U+XXXX>`, and the
 * length is capped.
 */

// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other ESC sequences, and 8-bit CSI.
const ESCAPES =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[PX^_][^\u001b]*(?:\u001b\\)?|\u001b[@-Z\\-_]?|\u009b[0-?]*[ -/]*[@-~]/g;
// C0 and C1 controls except tab and newline; DEL.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Bidi embeddings/overrides/isolates, zero-width and other invisible formatting characters.
const INVISIBLE =
  /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u180e]|\u034f|[\u{e0000}-\u{e007f}]/gu;

export function sanitizeForTerminal(text: string, maxChars = 500): string {
  const clean = text
    .replace(ESCAPES, "")
    .replace(CONTROLS, "")
    .replace(INVISIBLE, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}>`);
  return clean.length > maxChars ? `${clean.slice(0, maxChars)}…` : clean;
}

/** One line: newlines folded, then sanitised. */
export function sanitizeLine(text: string, maxChars = 200): string {
  return sanitizeForTerminal(text.replace(/\s*[\r\n]+\s*/g, " ⏎ "), maxChars);
}
