import { INSTALL_HOOKS, installedManifest } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";

/** Files a package ships that are not expected in its repository: build output and npm's own. */
const BUILT = [
  /^(dist|build|lib|out|esm|cjs|bundle|bundles|release|umd|types|typings)\//i,
  /\.(min\.js|map|d\.ts|d\.mts|d\.cts|tsbuildinfo)$/i,
  /^(package\.json|readme|license|licence|changelog|changes|history|notice|authors|security)(\.[a-z]+)?$/i,
  /\.node$/i,
];

/**
 * Published code that the repository does not hold cannot have been reviewed there: the
 * classic supply-chain trick is a tarball with one extra file the source never had. Build
 * output is expected to be absent; anything else absent is a finding.
 */
export default defineHeuristic(
  {
    id: "files-not-in-repository",
    category: "identity",
    title: "Published files absent from the repository",
    rationale:
      "Open source is only auditable if what is published is what is in the repository. Source files that exist only in the tarball were never reviewed where the code lives.",
    remediation:
      "Read the files that exist only in the tarball; prefer a release with provenance, which ties the tarball to a commit.",
    severity: "medium",
    needs: ["package", "github"],
  },
  (evidence) => {
    const gh = evidence.github.data;
    if (!gh.found) return { unknown: "the repository was not found" };
    if (!gh.tree) return { unknown: "the repository's file tree could not be read" };
    if (gh.tree.truncated) return { unknown: "the repository's file tree is too large to compare" };
    const where = gh.tree.directory ? `${gh.tree.directory}/` : "the repository root";
    if (gh.tree.paths.length === 0) {
      return [
        {
          title: `The repository has no files at ${where}`,
          detail: "The package's source cannot be found where package.json says it lives.",
          evidence: [{ url: gh.url }],
        },
      ];
    }
    const inRepo = new Set(gh.tree.paths);
    const absent = evidence.package.data.files
      .map((f) => f.path)
      .filter((p) => !inRepo.has(p) && !BUILT.some((re) => re.test(p)));
    if (absent.length === 0) return [];
    // A missing file that npm runs (a bin, an install script's target) matters most.
    const m = installedManifest(evidence);
    const executed = new Set<string>(Object.values(m?.bin ?? {}).map((p) => p.replace(/^\.\//, "")));
    for (const hook of INSTALL_HOOKS) {
      for (const word of (m?.scripts[hook] ?? "").split(/\s+/))
        if (/\.(c|m)?js$/.test(word)) executed.add(word.replace(/^\.\//, ""));
    }
    const runs = absent.filter((p) => executed.has(p));
    return [
      {
        severity: runs.length ? "high" : "medium",
        title: `${absent.length} published file${absent.length > 1 ? "s are" : " is"} not in the repository`,
        detail: `Not found at ${where} on ${gh.repository.defaultBranch ?? "the default branch"}${runs.length ? `; npm runs ${runs.join(", ")}` : ""}.`,
        evidence: absent.slice(0, 10).map((file) => ({ file })),
      },
    ];
  },
);
