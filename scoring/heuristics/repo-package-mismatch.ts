import { installedManifest } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import { foundRepository } from "./shared/github.js";

export default defineHeuristic(
  {
    id: "repo-package-mismatch",
    category: "identity",
    title: "Repository does not hold this package",
    rationale:
      'Anyone can point package.json at a popular repository to borrow its stars and reputation ("starjacking"). If the repository has no package.json with this package\'s name where the package says it lives, the link proves nothing about who wrote the code.',
    remediation:
      "Treat the repository's reputation as not applying to this package: review the published files themselves, or use the package the repository really publishes.",
    severity: "high",
    needs: ["github"],
  },
  (evidence) => {
    const facts = foundRepository(evidence);
    if ("unknown" in facts) return facts;
    const pkg = facts.packageJson;
    if (!pkg) return { unknown: "the repository's package.json could not be read" };
    const name = installedManifest(evidence)?.name ?? evidence.target.name;
    const where = [{ file: pkg.path, url: `${facts.repository.htmlUrl}/blob/HEAD/${pkg.path}` }];
    if (!pkg.found) {
      if (!facts.directory) {
        return [
          {
            title: "No package.json at the repository root",
            detail: `${facts.repository.fullName} has no package.json at its root, and the package names no \`repository.directory\`: it may live in an unnamed sub-folder, or the repository holds other code.`,
            evidence: where,
            severity: "medium" as const,
          },
        ];
      }
      return [
        {
          title: `No package.json at ${pkg.path}`,
          detail: `The package says it lives in ${facts.directory}/ of ${facts.repository.fullName}, but there is no package.json there.`,
          evidence: where,
        },
      ];
    }
    if (pkg.name === name) return [];
    if (!facts.directory && pkg.workspaces) {
      return [
        {
          title: "Cannot confirm the package in a monorepo",
          detail: `The repository root is a workspace root named "${pkg.name ?? ""}", and the package names no \`repository.directory\` to show where "${name}" lives.`,
          evidence: where,
          severity: "low" as const,
          remediation: "Ask the maintainer to add `repository.directory` to package.json, then vet again.",
        },
      ];
    }
    return [
      {
        title:
          pkg.name === undefined
            ? `package.json at ${pkg.path} has no name`
            : `package.json at ${pkg.path} is "${pkg.name}"`,
        detail: `The package is "${name}", but the repository's package.json at ${pkg.path} ${pkg.name === undefined ? "declares no name" : `is named "${pkg.name}"`}.`,
        evidence: [{ ...where[0], snippet: `"name": ${JSON.stringify(pkg.name ?? null)}` }],
      },
    ];
  },
);
