import type { CodeLocation } from "../../src/evidence/index.js";
import type { FindingDraft, Severity } from "../engine/types.js";
import { loc } from "../heuristics/shared/code.js";

/**
 * One finding per group of facts (a kind in a file, a sink): a bundle with twenty addresses
 * in it is one finding with twenty quotes, not twenty findings.
 */
export function groupedFindings<T extends { where: CodeLocation }>(
  facts: readonly T[],
  key: (fact: T) => string | undefined,
  draft: (group: T[]) => { title: string; severity: Severity; detail?: string; blocking?: boolean },
): FindingDraft[] {
  const groups = new Map<string, T[]>();
  for (const f of facts) {
    const k = key(f);
    if (k === undefined) continue;
    const list = groups.get(k);
    if (list) list.push(f);
    else groups.set(k, [f]);
  }
  return [...groups.values()].map((group) => {
    const d = draft(group);
    const first = group[0]!;
    const out: FindingDraft = {
      severity: d.severity,
      title: group.length > 1 ? `${d.title} (${group.length} in ${first.where.file})` : d.title,
      detail: d.detail ?? "",
      evidence: group.slice(0, 10).map((f) => loc(f.where)),
    };
    if (d.blocking !== undefined) out.blocking = d.blocking;
    return out;
  });
}

/** `a`, `a and b`, `a, b and 3 more`, for tool names in a title. */
export function nameList(names: readonly string[], max = 3): string {
  const shown = names.slice(0, max).map((n) => `\`${n.replace(/`/g, "'").slice(0, 60)}\``);
  if (names.length > max) return `${shown.join(", ")} and ${names.length - max} more`;
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
}
