import type { AdvisoryFacts } from "../../../evidence/advisories.js";
import type { DependencyTree } from "../../../evidence/deps.js";
import type { Part } from "../../../evidence/index.js";
import type { FetchContext } from "../../context.js";
import { fetchAdvisories, type OsvStats } from "../osv/index.js";
import { fetchDependencyTree } from "./tree.js";

export interface DependencyEvidenceOptions {
  includeDev?: boolean;
  /** --no-deps: no tree; OSV still checks the target itself. */
  noDeps?: boolean;
  stats?: OsvStats;
  /** Told when the tree starts and ends and when OSV is asked (the CLI's progress line). */
  progress?: (
    event: { phase: "tree"; packages?: number } | { phase: "advisories"; packages: number },
  ) => void;
}

/**
 * The tree, then OSV over every node of it. Without a tree (--no-deps, or the tree failed)
 * OSV still checks the target's own name@version, and says so with `scope: "target"`.
 * `target` is the resolved name and version (from the npm fetcher or the folder's manifest).
 */
export async function fetchDependencyEvidence(
  ctx: FetchContext,
  spec: string,
  target: { name: string; version: string },
  opts: DependencyEvidenceOptions = {},
): Promise<{ dependencies: Part<DependencyTree>; advisories: Part<AdvisoryFacts> }> {
  if (!opts.noDeps) opts.progress?.({ phase: "tree" });
  const dependencies: Part<DependencyTree> = opts.noDeps
    ? { status: "skipped", reason: "--no-deps" }
    : await fetchDependencyTree(ctx, spec, { includeDev: opts.includeDev === true });
  if (dependencies.status === "ok")
    opts.progress?.({ phase: "tree", packages: dependencies.data.counts.total });
  const packages =
    dependencies.status === "ok"
      ? dependencies.data.nodes
      : [{ name: target.name, version: target.version, depth: 0, path: [target.name] }];
  const scope = dependencies.status === "ok" ? "tree" : "target";
  opts.progress?.({ phase: "advisories", packages: packages.length });
  const advisories = await fetchAdvisories(ctx, packages, {
    scope,
    ...(opts.stats ? { stats: opts.stats } : {}),
  });
  return { dependencies, advisories };
}
