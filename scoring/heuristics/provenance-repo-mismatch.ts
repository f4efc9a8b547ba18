import { installedManifest } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";

const same = (a: string | undefined, b: string | undefined) =>
  !!a && !!b && a.toLowerCase() === b.toLowerCase();

export default defineHeuristic(
  {
    id: "provenance-repo-mismatch",
    category: "identity",
    title: "Built from a repository other than the one it names",
    rationale:
      "The `repository` field is what users read and audit; provenance says where the tarball was really built. When they differ, the code you reviewed is not the code you install: the usual shape of a fork publishing under a trusted name.",
    remediation:
      "Review the repository the provenance names, not the one in package.json, or ask the maintainer why they differ.",
    severity: "high",
    needs: ["npm", "provenance"],
  },
  (evidence) => {
    const p = evidence.provenance.data;
    const m = installedManifest(evidence);
    if (!p || !m) return { unknown: "no provenance facts" };
    const repo = m.repository;
    return p.items.flatMap((a) => {
      const s = a.slsa;
      if (!s?.sourceOwner || !s.sourceRepo || !repo?.owner || !repo.repo) return [];
      if (same(s.sourceOwner, repo.owner) && same(s.sourceRepo, repo.repo)) return [];
      return [
        {
          title: `Built from ${s.sourceOwner}/${s.sourceRepo}, not ${repo.owner}/${repo.repo}`,
          detail: `package.json names ${repo.url ?? repo.raw}, but the signed provenance says the tarball was built from ${s.sourceRepository}${s.commit ? ` at ${s.commit.slice(0, 12)}` : ""}.`,
          evidence: [
            { file: "package.json", snippet: `"repository": ${JSON.stringify(repo.raw)}` },
            { url: s.sourceRepository ?? p.attestationsUrl },
          ],
          // Same owner, another repo (a monorepo split, a rename) is less alarming than another owner.
          ...(same(s.sourceOwner, repo.owner) ? { severity: "medium" as const } : {}),
        },
      ];
    });
  },
);
