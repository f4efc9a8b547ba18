import { defineHeuristic } from "../engine/heuristic.js";
import type { Heuristic, Severity } from "../engine/types.js";
import popular from "../knowledge/popular-servers.json" with { type: "json" };
import { PUBLISHERS, type Publisher, publisherOfPackage } from "../knowledge/publishers.js";
import { type Confusion, findConfusions, type ReferenceName } from "../knowledge/typosquat.js";

export interface PopularFile {
  snapshot: string;
  servers: { name: string; downloadsPerMonth: number }[];
}

/** Popular servers plus every package a known publisher names, marked official. */
export function referenceNames(
  publishers: readonly Publisher[],
  list: PopularFile = popular,
): ReferenceName[] {
  const out = new Map<string, ReferenceName>();
  for (const s of list.servers) {
    out.set(s.name, {
      name: s.name,
      downloadsPerMonth: s.downloadsPerMonth,
      official: !!publisherOfPackage(s.name, publishers),
    });
  }
  for (const p of publishers)
    for (const n of p.npmPackages ?? []) if (!out.has(n)) out.set(n, { name: n, official: true });
  return [...out.values()];
}

const severityOf = (score: number): Severity => (score >= 0.85 ? "high" : score >= 0.6 ? "medium" : "low");

const KIND_TEXT: Record<Confusion["kind"], string> = {
  homoglyph: "differs only by look-alike characters",
  separator: "differs only by hyphens, underscores or dots",
  "scope-swap": "is the same name under another scope",
  "scope-dropped": "is the same name without the owner's scope",
  "affix-variant": "is the same name with `mcp`/`server` moved or added",
  transposition: "differs by two swapped letters",
  "edit-distance": "differs by one or two characters",
};

export function create(
  publishers: readonly Publisher[] = PUBLISHERS,
  list: PopularFile = popular,
): Heuristic {
  const reference = referenceNames(publishers, list);
  const downloads = new Map(list.servers.map((s) => [s.name, s.downloadsPerMonth]));
  return defineHeuristic(
    {
      id: "typosquat",
      category: "identity",
      title: "Name imitates a popular or official MCP server",
      rationale:
        "Typosquats and look-alike names catch users who mistype or copy a name from a post; the package then runs with the credentials meant for the real server. Likeness is weighed against the package's own age and popularity, so an established neighbour is not shouted at.",
      remediation:
        "Check that this is the package you meant; compare the name letter by letter with the one the vendor or the MCP registry gives, and install that one.",
      severity: "medium",
      needs: ["npm"],
    },
    (evidence) => {
      const npm = evidence.npm.data;
      const subject = {
        name: npm.name,
        createdAt: npm.createdAt,
        downloadsPerMonth: downloads.get(npm.name),
        official: !!publisherOfPackage(npm.name, publishers),
      };
      const found = findConfusions(subject, reference, evidence.collectedAt);
      const best = found[0];
      if (!best) return [];
      const others = found.slice(1, 3).map((c) => c.target.name);
      const t = best.target;
      return [
        {
          title: `Name looks like ${t.name}`,
          detail: `${npm.name} ${KIND_TEXT[best.kind]} from ${t.official ? "official " : ""}${t.name}${t.downloadsPerMonth ? ` (${t.downloadsPerMonth.toLocaleString("en-US")} downloads a month, snapshot ${list.snapshot})` : ""}; ${best.reason}.${others.length ? ` Also close to ${others.join(", ")}.` : ""}`,
          evidence: [
            { file: "package.json", snippet: `"name": ${JSON.stringify(npm.name)}` },
            { url: `https://www.npmjs.com/package/${t.name}` },
          ],
          severity: severityOf(best.score),
        },
      ];
    },
  );
}

export default create();
