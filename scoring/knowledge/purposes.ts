import { z } from "zod";
import type { CapabilityId, Evidence } from "../../src/evidence/index.js";
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

/** What the package says it is for: name, description, keywords, README start, tool names and descriptions. */
export function declaredPurposes(evidence: Evidence): DeclaredPurposes {
  const m = installedManifest(evidence);
  const parts: string[] = [];
  if (m) parts.push(m.name, m.description ?? "", ...m.keywords);
  if (evidence.package.status === "ok" && evidence.package.data.readme) {
    parts.push(firstSection(evidence.package.data.readme));
  }
  if (evidence.code.status === "ok") {
    for (const t of evidence.code.data.tools) parts.push(t.name, (t.description ?? "").slice(0, 500));
  }
  return purposesOf(parts.join(" \n "));
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
