import type { Report } from "../model.js";

/** The JSON report: the contract. Stable key order comes from buildReport. */
export function renderJson(report: Report): string {
  return jsonText(report);
}

/**
 * Characters JSON.stringify leaves raw that a reader's terminal, editor or diff will act on:
 * DEL and the C1 controls (U+0085 is a line break to some, U+009B is an 8-bit CSI), bidi
 * embeddings, overrides and isolates (Trojan Source), zero-width and other invisible
 * formatting characters, the line and paragraph separators, and the tag characters. They can
 * only occur inside strings, so escaping them as \uXXXX changes no value.
 */
const UNSAFE_IN_JSON =
  /[\u007f-\u009f\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb]|\u034f|[\ufe00-\ufe0f]|\udb40[\udc00-\udc7f]/g;

/** JSON for files and standard output: JSON.stringify, with the characters above escaped. */
export function jsonText(value: unknown, indent = 2): string {
  return `${JSON.stringify(value, null, indent).replace(UNSAFE_IN_JSON, escapeUnits)}\n`;
}

function escapeUnits(match: string): string {
  let out = "";
  for (let i = 0; i < match.length; i++) out += `\\u${match.charCodeAt(i).toString(16).padStart(4, "0")}`;
  return out;
}
