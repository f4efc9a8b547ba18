import { installedManifest } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";

export default defineHeuristic(
  {
    id: "repository-missing",
    category: "identity",
    title: "No source repository",
    rationale:
      "Without a linked repository nobody can compare the published code with its source, review its history or report issues: the code is unauditable.",
    remediation:
      "Prefer a server with public source, or ask the maintainer to add `repository` to package.json.",
    severity: "high",
    needs: ["package"],
  },
  (evidence) => {
    const m = installedManifest(evidence);
    if (!m) return { unknown: "no package.json" };
    if (!m.repository && m.linkedRepository?.url) {
      // The source is public and named, only not where npm, provenance and mcp-vet's GitHub
      // checks read it: the code is auditable, the metadata incomplete.
      const field = m.linkedRepository.raw === m.homepage ? "homepage" : "bugs";
      return [
        {
          severity: "low",
          title: `Repository named only by \`${field}\``,
          detail: `There is no \`repository\` field; \`${field}\` points into ${m.linkedRepository.url}, so the source is public but is not checked against the package.`,
          evidence: [
            { file: "package.json", snippet: `"${field}": ${JSON.stringify(m.linkedRepository.raw)}` },
          ],
        },
      ];
    }
    if (!m.repository) {
      return [
        {
          title: "package.json names no repository",
          detail: "There is no `repository` field.",
          evidence: [{ file: "package.json" }],
        },
      ];
    }
    if (!m.repository.url) {
      return [
        {
          severity: "medium",
          title: "Repository field cannot be resolved",
          detail: `The repository "${m.repository.raw}" is not a url or a known git host shorthand.`,
          evidence: [{ file: "package.json", snippet: m.repository.raw }],
        },
      ];
    }
    return [];
  },
);
