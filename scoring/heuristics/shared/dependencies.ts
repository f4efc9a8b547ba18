import type { AdvisoryMatch, AdvisorySeverity } from "../../../src/evidence/advisories.js";
import type { Location, Severity } from "../../engine/types.js";

/** Wording shared by the advisory and dependency heuristics (not a heuristic: not in the registry). */

/** An advisory without a stated severity counts as medium: known, but not graded. */
export function findingSeverity(s: AdvisorySeverity): Severity {
  return s === "unknown" ? "medium" : s;
}

export function advisoryLocation(a: AdvisoryMatch): Location {
  const aliases = a.aliases.length ? ` (${a.aliases.join(", ")})` : "";
  return {
    snippet: `${a.id}${aliases}: ${a.package}@${a.version}${a.summary ? ` — ${a.summary}` : ""}`,
    ...(a.url ? { url: a.url } : {}),
  };
}

export function pathText(path: readonly string[]): string {
  return path.join(" > ");
}

/** `a@1, b@2, … and 3 more`: the first five packages of a list, by name and version. */
export function packageList(packages: readonly { name: string; version: string }[]): string {
  const shown = packages.slice(0, 5).map((p) => `${p.name}@${p.version}`);
  return packages.length > 5 ? `${shown.join(", ")} and ${packages.length - 5} more` : shown.join(", ");
}
