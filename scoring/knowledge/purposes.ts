import { z } from "zod";
import type { CapabilityId, Evidence, McpTool } from "../../src/evidence/index.js";
import { CAPABILITY_IDS, installedManifest } from "../../src/evidence/index.js";
import { SEVERITIES } from "../engine/types.js";
import table from "./purposes.json" with { type: "json" };

const capability = z.enum(CAPABILITY_IDS);
// Words are matched against text reduced to lower-case letters, digits and single spaces.
const word = z.string().regex(/^[a-z0-9]+(?: [a-z0-9]+)*$/);
const purposeTable = z.object({
  $comment: z.string().optional(),
  baseline: z.array(capability),
  danger: z.partialRecord(capability, z.enum(SEVERITIES)),
  purposes: z.record(
    z.string(),
    z.strictObject({ words: z.array(word).min(1), explains: z.array(capability) }),
  ),
});

/**
 * The transparent mapping from declared purpose to expected capabilities (scoring/knowledge/purposes.json),
 * validated at load: a mistyped capability or a word that could never match fails here, not silently.
 */
export const PURPOSES = purposeTable.parse(table);

export interface DeclaredPurposes {
  /** Purpose ids with the words that matched each, for the finding's explanation. */
  matched: { id: string; words: string[] }[];
  explained: Set<CapabilityId>;
}

/**
 * What the package and all its tools say they are for: name, description, keywords, README
 * start, tool names and descriptions. For judging the package as a whole; a capability a tool
 * reaches is judged with packagePurposes and that tool's own text (toolPurposes) only.
 */
export function declaredPurposes(evidence: Evidence): DeclaredPurposes {
  const parts = packageTexts(evidence);
  if (evidence.code.status === "ok") {
    for (const t of evidence.code.data.tools) parts.push(toolText(t));
  }
  return purposesOf(parts.join(" \n "));
}

/** What the package says it is for: name, description, keywords and the README's start. */
export function packagePurposes(evidence: Evidence): DeclaredPurposes {
  return purposesOf(packageTexts(evidence).join(" \n "));
}

/**
 * What the package says it is in its own identity only: name, description and keywords. The
 * README's prose (install commands, incidental words) is left out, for judgements where a
 * passing word must not count, such as whether running a tool's input as a command is the
 * point of the package.
 */
export function statedPurposes(evidence: Evidence): DeclaredPurposes {
  const m = installedManifest(evidence);
  return purposesOf(m ? [m.name, m.description ?? "", ...m.keywords].join(" \n ") : "");
}

/** What one tool says it is for: its name, title and description. */
export function toolPurposes(tool: McpTool): DeclaredPurposes {
  return purposesOf(toolText(tool));
}

function packageTexts(evidence: Evidence): string[] {
  const m = installedManifest(evidence);
  const parts: string[] = [];
  if (m) parts.push(m.name, m.description ?? "", ...m.keywords);
  if (evidence.package.status === "ok" && evidence.package.data.readme) {
    parts.push(firstSection(evidence.package.data.readme));
  }
  return parts;
}

function toolText(t: McpTool): string {
  return [t.name, t.title ?? "", (t.description ?? "").slice(0, 500)].join(" \n ");
}

export function purposesOf(text: string): DeclaredPurposes {
  const normal = ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()} `;
  const words = new Set(normal.trim().split(" "));
  const matched: DeclaredPurposes["matched"] = [];
  const explained = new Set<CapabilityId>(PURPOSES.baseline);
  for (const [id, p] of Object.entries(PURPOSES.purposes)) {
    const hits = p.words.filter((w) => (w.includes(" ") ? normal.includes(` ${w} `) : words.has(w)));
    if (hits.length === 0) continue;
    matched.push({ id, words: hits.slice(0, 5) });
    for (const c of p.explains) explained.add(c);
  }
  return { matched, explained };
}

/** The README up to its second heading: what the author leads with. */
function firstSection(readme: string): string {
  const lines = readme.split("\n");
  const out: string[] = [];
  let headings = 0;
  for (const line of lines) {
    if (/^#{1,3}\s/.test(line) && ++headings > 2) break;
    out.push(line);
    if (out.length > 60) break;
  }
  return out.join("\n").slice(0, 3000);
}
