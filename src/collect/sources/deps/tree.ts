import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import Arborist, { type ArboristEdge, type ArboristNode } from "@npmcli/arborist";
import npa from "npm-package-arg";
import pacote from "pacote";
import { redactUrl } from "../../../../cache/http.js";
import type { DependencyNode, DependencySourceKind, DependencyTree } from "../../../evidence/deps.js";
import type { Part } from "../../../evidence/index.js";
import { EVIDENCE_VERSION } from "../../../evidence/index.js";
import { makeTempDir, removeTempDir } from "../../../temp.js";
import { TOOL } from "../../../version.js";
import { LIBRARY_CAPABILITIES } from "../../analysis/library-capabilities.js";
import type { FetchContext } from "../../context.js";
import { license as parseLicense } from "../../manifest.js";
import { errorLine } from "../../util.js";
import { dependencyCapabilities } from "./capabilities.js";
import { prefetchPackuments } from "./prefetch.js";
import { dependencySignals, platformRestricted, type SignalEdge } from "./signals.js";

export interface DependencyTreeOptions {
  /** Also resolve the target's devDependencies (their nodes are marked `dev`). */
  includeDev?: boolean;
  /**
   * Refuse the target's own `file:` dependencies too (a tarball's: relative to nothing real).
   * A folder's are resolved against the folder, as npm would from there.
   */
  refuseLocalDependencies?: boolean;
}

/**
 * A resolved tree is reused for as long as the registry lets npm reuse the packuments it was
 * built from (`cache-control: max-age=300` on the public registry): within that window a new
 * resolution would read the same cached documents and give the same tree.
 */
const TREE_TTL_MS = 300_000;
const DEPRECATION_MAX_CHARS = 500;

/**
 * The tree `npm install <spec>` would bring, resolved by arborist's buildIdealTree in a
 * private temp folder whose package.json names only the target. Nothing is installed and no
 * script runs; packuments come through the same registry, auth and cache as every npm call.
 * `spec` is what npm accepts: `name@range`, or `file:` for a local folder or tarball.
 */
export async function fetchDependencyTree(
  ctx: FetchContext,
  spec: string,
  opts: DependencyTreeOptions = {},
): Promise<Part<DependencyTree>> {
  const includeDev = opts.includeDev === true;
  const key = treeCacheKey(ctx, spec, includeDev);
  const cached = key ? await readCachedTree(ctx, key, spec) : undefined;
  if (cached) return { status: "ok", data: cached };
  let dir: string | undefined;
  try {
    // One packument cache for pacote and arborist, so nothing is fetched twice in this call.
    const npmOptions = {
      ...ctx.registry.npmOptions,
      registry: ctx.registry.url,
      ...(ctx.offline ? { offline: true } : {}),
      // --refresh: revalidate packuments too, not only our own store.
      ...(ctx.refresh ? { preferOnline: true } : {}),
      ignoreScripts: true,
      packumentCache: new Map(),
    };
    const target = await targetDependency(
      spec,
      npmOptions,
      includeDev,
      opts.refuseLocalDependencies !== true,
    );
    dir = await makeTempDir("mcp-vet-tree-");
    await writeFile(join(dir, "package.json"), JSON.stringify(target.rootManifest));
    await prefetchPackuments(rootDependencies(target.rootManifest), npmOptions);
    const arborist = new Arborist({
      ...npmOptions,
      ...onlyRegistryFetches(opts.refuseLocalDependencies === true),
      path: dir,
      audit: false,
      fund: false,
      save: false,
    });
    const root = await buildTreeRefusingOthers(arborist);
    const tree = describeTree(root, target, spec, includeDev);
    if (key) await ctx.store.put("tree", key, tree);
    return { status: "ok", data: tree };
  } catch (err) {
    return { status: "unavailable", error: oneLine(err) };
  } finally {
    if (dir) await removeTempDir(dir);
  }
}

/**
 * Only the registry is fetched while resolving: a dependency spec that is a git repository or
 * a url (anywhere in the tree), or a local path below the target (a registry package naming
 * `file:/etc/x`), is refused by arborist's own allow-* gates and shown as a node of its
 * source, never fetched, cloned or read. The target's own folder or tarball is the temp
 * root's dependency, which `root` allows.
 */
function onlyRegistryFetches(refuseLocal: boolean): Record<string, "none" | "root"> {
  const local = refuseLocal ? "none" : "root";
  return { allowGit: "none", allowRemote: "none", allowFile: local, allowDirectory: local };
}

/**
 * Arborist resolves every edge it can before it throws for the first non-optional failure, so
 * when the only failures are refusals the tree it holds is whole but for what lies below the
 * refused nodes: that tree is used, each refused node standing for its spec. Any other
 * failure (a missing version, the registry down) is thrown as before.
 */
async function buildTreeRefusingOthers(arborist: Arborist): Promise<ArboristNode> {
  try {
    return await arborist.buildIdealTree();
  } catch (err) {
    const root = arborist.idealTree;
    if (!isRefusal(err) || !root) throw err;
    for (const node of root.inventory.values()) {
      if ((node.errors ?? []).some((e) => !isRefusal(e))) throw err;
    }
    return root;
  }
}

function isRefusal(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("EALLOW");
}

/** Registry specs only: a local folder or tarball can change at any moment. */
function treeCacheKey(ctx: FetchContext, spec: string, includeDev: boolean): string | undefined {
  try {
    const type = npa(spec).type;
    if (type === "file" || type === "directory" || type === "git" || type === "remote") return undefined;
  } catch {
    return undefined;
  }
  // The tree carries analysis output (capability signals and summary): keyed like the analysis cache.
  return `${TOOL.version}:${EVIDENCE_VERSION}:${redactUrl(ctx.registry.url)}:${spec}:${includeDev ? "dev" : "prod"}`;
}

/** A stored tree young enough (any age with --offline; never with --refresh). */
async function readCachedTree(
  ctx: FetchContext,
  key: string,
  spec: string,
): Promise<DependencyTree | undefined> {
  if (ctx.refresh) return undefined;
  const tree = await ctx.store.get<DependencyTree>("tree", key, ctx.offline ? undefined : TREE_TTL_MS);
  // Our own earlier output, but still a file on disk: check its shape before trusting it.
  return tree &&
    Array.isArray(tree.nodes) &&
    Array.isArray(tree.capabilities) &&
    typeof tree.counts?.total === "number" &&
    tree.spec === spec
    ? tree
    : undefined;
}

interface TargetDependency {
  name: string;
  /**
   * The temp project's package.json. A registry package or tarball is its only dependency
   * (plus, with includeDev, its devDependencies). A folder's dependencies are copied in
   * instead, so the temp root stands for the folder: npm links a `file:` folder without
   * resolving its dependencies, which would hide the whole tree.
   */
  rootManifest: Record<string, unknown>;
  /** Set when the temp root stands for the target (folders). */
  rootIsTarget?: { version: string; resolved: string };
}

async function targetDependency(
  spec: string,
  npmOptions: Record<string, unknown>,
  includeDev: boolean,
  anchorLocal: boolean,
): Promise<TargetDependency> {
  const parsed = npa(spec);
  const local = parsed.type === "file" || parsed.type === "directory";
  // A folder or tarball names itself in its package.json; pacote reads it without running scripts.
  const needsManifest = !parsed.name || local || includeDev;
  const mani = needsManifest ? await pacote.manifest(spec, { ...npmOptions, fullMetadata: true }) : undefined;
  const name = parsed.name ?? mani?.name;
  if (!name) throw new Error(`cannot tell the package name of ${spec}`);
  const base = { name: "mcp-vet-dependency-tree", version: "0.0.0", private: true };
  const devDependencies = includeDev ? stringRecord(mani?.devDependencies) : {};
  if (parsed.type === "directory" && mani) {
    const folder = anchorLocal ? parsed.fetchSpec : null;
    return {
      name,
      rootManifest: {
        ...base,
        dependencies: anchored(stringRecord(mani.dependencies), folder),
        optionalDependencies: anchored(stringRecord(mani.optionalDependencies), folder),
        peerDependencies: anchored(stringRecord(mani.peerDependencies), folder),
        devDependencies: anchored(devDependencies, folder),
      },
      rootIsTarget: { version: mani.version, resolved: `file:${parsed.fetchSpec}` },
    };
  }
  const value = local ? `file:${parsed.fetchSpec}` : parsed.rawSpec || "latest";
  return { name, rootManifest: { ...base, dependencies: { [name]: value }, devDependencies } };
}

interface Visit {
  node: ArboristNode;
  path: string[];
  source: DependencySourceKind;
  dev: boolean;
  /** The spec its dependent wrote (what a refused node stands for). */
  spec?: string;
}

/** Breadth-first from the target: production edges first, then (with includeDev) its dev edges. */
function describeTree(
  root: ArboristNode,
  target: TargetDependency,
  spec: string,
  includeDev: boolean,
): DependencyTree {
  const start = startOf(root, target);
  const seen = new Map<ArboristNode, Visit>();
  const queue: Visit[] = [start];
  const walk = () => {
    while (queue.length > 0) {
      const visit = queue.shift()!;
      if (seen.has(visit.node)) continue;
      seen.set(visit.node, visit);
      for (const edge of visit.node.edgesOut.values()) {
        if (!edge.to || edge.type === "dev" || seen.has(real(edge.to))) continue;
        queue.push({
          node: real(edge.to),
          path: [...visit.path, packageName(edge.to)],
          source: sourceKind(edge),
          dev: visit.dev,
          spec: edge.spec,
        });
      }
    }
  };
  walk();
  if (includeDev) {
    // The target's dev deps hang off the temp root, which holds them on its behalf.
    for (const edge of root.edgesOut.values()) {
      if (edge.type !== "dev" || !edge.to || seen.has(real(edge.to))) continue;
      queue.push({
        node: real(edge.to),
        path: [...start.path, packageName(edge.to)],
        source: sourceKind(edge),
        dev: true,
        spec: edge.spec,
      });
    }
    walk();
  }
  const nodes = [...seen.values()].map(toNode);
  if (target.rootIsTarget && nodes[0]) {
    Object.assign(nodes[0], {
      version: target.rootIsTarget.version,
      resolved: target.rootIsTarget.resolved,
      source: "file",
    });
  }
  nodes.sort(
    (a, b) => a.depth - b.depth || a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
  );
  const deps = nodes.filter((n) => n.depth > 0);
  return {
    spec,
    includeDev,
    nodes,
    counts: {
      total: deps.length,
      direct: deps.filter((n) => n.depth === 1).length,
      maxDepth: nodes.reduce((max, n) => Math.max(max, n.depth), 0),
    },
    capabilities: dependencyCapabilities(nodes),
  };
}

function startOf(root: ArboristNode, target: TargetDependency): Visit {
  if (target.rootIsTarget) return { node: root, path: [target.name], source: "file", dev: false };
  const edge = root.edgesOut.get(target.name);
  if (!edge?.to) throw new Error(`arborist did not resolve ${target.name}`);
  return { node: real(edge.to), path: [packageName(edge.to)], source: sourceKind(edge), dev: false };
}

function toNode({ node, path, source, dev, spec }: Visit): DependencyNode {
  const pkg = node.package;
  // Refused (onlyRegistryFetches): nothing was read, so the spec is all there is to say.
  const refused = (node.errors ?? []).length > 0;
  const resolved = node.resolved ?? (refused ? spec : undefined);
  const deprecated = typeof pkg.deprecated === "string" && pkg.deprecated ? pkg.deprecated : undefined;
  // The manifest reader's own license parsing, legacy `licenses` arrays included.
  const license = parseLicense(pkg.license ?? pkg.licenses).raw;
  return {
    name: path[path.length - 1]!,
    version: node.version,
    depth: path.length - 1,
    path,
    hasInstallScript: node.hasInstallScript,
    signals: dependencySignals(pkg, signalEdges(node), NATIVE_HELPERS),
    ...(deprecated ? { deprecated: deprecated.slice(0, DEPRECATION_MAX_CHARS) } : {}),
    ...(license ? { license } : {}),
    source,
    ...(resolved ? { resolved: resolved.startsWith("file:") ? resolved : redactUrl(resolved) } : {}),
    ...(refused ? { refused: true } : {}),
    dev,
    optional: node.optional,
  };
}

const NATIVE_HELPERS: ReadonlySet<string> = new Set(LIBRARY_CAPABILITIES.nativeHelpers);

/** Its runtime edges (what installing it brings), with whether each target is a platform build. */
function signalEdges(node: ArboristNode): SignalEdge[] {
  return [...node.edgesOut.values()]
    .filter((e) => e.type === "prod" || e.type === "optional")
    .map((e) => ({
      name: e.name,
      optional: e.type === "optional",
      platform: e.to ? platformRestricted(real(e.to).package) : false,
    }));
}

function real(node: ArboristNode): ArboristNode {
  return node.isLink ? node.target : node;
}

function packageName(node: ArboristNode): string {
  return real(node).packageName || node.name;
}

/** Where npm would fetch it from, by the kind of spec that asked for it (npm-package-arg types). */
function sourceKind(edge: ArboristEdge): DependencySourceKind {
  if (edge.to?.isLink) return "file";
  let type: string;
  try {
    type = npa.resolve(edge.name, edge.spec).type;
  } catch {
    return "unknown";
  }
  switch (type) {
    case "range":
    case "version":
    case "tag":
    case "alias":
      return "registry";
    case "git":
      return "git";
    case "remote":
      return "http";
    case "file":
    case "directory":
      return "file";
    default:
      return "unknown";
  }
}

function rootDependencies(manifest: Record<string, unknown>): Record<string, string> {
  const { dependencies, optionalDependencies, peerDependencies, devDependencies } = manifest;
  return [dependencies, optionalDependencies, peerDependencies, devDependencies].reduce<
    Record<string, string>
  >((all, deps) => Object.assign(all, stringRecord(deps)), {});
}

/**
 * A folder's relative `file:` dependencies, made absolute against the folder: the temp root
 * that stands for it lives elsewhere, and npm resolves them from the folder.
 */
function anchored(deps: Record<string, string>, folder: string | null): Record<string, string> {
  if (!folder) return deps;
  const out: Record<string, string> = {};
  for (const [name, range] of Object.entries(deps)) {
    let spec: npa.Result | undefined;
    try {
      spec = npa.resolve(name, range, folder);
    } catch {
      // Left as written: arborist meets it and says why.
    }
    out[name] =
      (spec?.type === "file" || spec?.type === "directory") && spec.fetchSpec
        ? `file:${spec.fetchSpec}`
        : range;
  }
  return out;
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object") return {};
  return Object.fromEntries(
    Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
}

/** One line, no stack, urls redacted: arborist's messages can carry registry urls. */
function oneLine(err: unknown): string {
  return `dependency tree: ${errorLine(err)}`;
}
