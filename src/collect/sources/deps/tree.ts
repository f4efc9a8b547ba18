import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { ArboristEdge, ArboristNode } from "@npmcli/arborist";
import npa from "npm-package-arg";
import { redactUrl } from "../../../../cache/http.js";
import type {
  DependencyNode,
  DependencySourceKind,
  DependencyTree,
  TreePartial,
} from "../../../evidence/deps.js";
import type { Part } from "../../../evidence/index.js";
import { EVIDENCE_VERSION, INSTALL_HOOKS } from "../../../evidence/index.js";
import { makeTempDir, removeTempDir } from "../../../temp.js";
import { TOOL } from "../../../version.js";
import { LIBRARY_CAPABILITIES } from "../../analysis/library-capabilities.js";
import type { FetchContext } from "../../context.js";
import { license as parseLicense } from "../../manifest.js";
import {
  DEFAULT_REGISTRY_FRESHNESS_MS,
  type NonRegistryDependency,
  nonRegistryKind,
  type PackumentLayer,
  packumentsOf,
} from "../../packuments.js";
import { errorLine } from "../../util.js";
import { dependencyCapabilities } from "./capabilities.js";
import { type TreeBudget, type WalkEdge, type WalkNode, walkRegistryTree } from "./prefetch.js";
import { dependencySignals, platformRestricted, type SignalEdge } from "./signals.js";

export interface DependencyTreeOptions {
  /** Also resolve the target's devDependencies (their nodes are marked `dev`). */
  includeDev?: boolean;
  /** How much tree to resolve; default TREE_BUDGET. */
  budget?: TreeBudget;
  /**
   * The folder only stands for a tarball's package.json: its relative `file:` dependencies
   * lead nowhere real, so they are reported, not linked.
   */
  refuseLocalDependencies?: boolean;
}

/**
 * How much tree mcp-vet resolves. A server that brings more is judged on what was resolved,
 * and the tree says it is partial (never a pass): a 3,000-package tree took 70 s and 1.9 GB.
 */
export const TREE_BUDGET: TreeBudget = { packages: 1500, bytes: 384 * 1024 * 1024 };
const DEPRECATION_MAX_CHARS = 500;
const SPEC_MAX_CHARS = 300;

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
    const layer = packumentsOf(ctx);
    const npmOptions = {
      ...ctx.registry.npmOptions,
      registry: ctx.registry.url,
      ...(ctx.offline ? { offline: true } : {}),
      ignoreScripts: true,
      // Every packument from the run's one layer: joined, kept and revalidated by policy.
      packumentCache: layer.packumentCache(),
      // Only registry specs are resolved: git, url and file specs are reported, never fetched
      // (the layer takes them out of what arborist sees; this stops any that slip through).
      allowGit: "none",
      allowRemote: "none",
      allowFile: "none",
    };
    const target = await targetDependency(spec, npmOptions, includeDev, layer, opts.refuseLocalDependencies);
    const walk = await walkRegistryTree(
      layer,
      target.rootIsTarget ? [target.name] : [],
      rootEdges(target.rootManifest),
      opts.budget ?? TREE_BUDGET,
    );
    let tree: DependencyTree;
    if (walk.stopped) {
      // Past the budget arborist would take minutes and gigabytes: the walk's picks stand.
      tree = describeWalk(walk.nodes, target, spec, includeDev, {
        reason: walk.stopped.reason,
        resolved: walk.nodes.length,
        unresolved: walk.stopped.unresolved,
        examples: walk.stopped.examples,
      });
    } else {
      dir = await makeTempDir("mcp-vet-tree-");
      await writeFile(join(dir, "package.json"), JSON.stringify(target.rootManifest));
      const root = await idealTree(layer, { ...npmOptions, path: dir });
      tree = describeTree(root, target, spec, includeDev, layer);
    }
    if (key) await ctx.store.put("tree", key, tree);
    return { status: "ok", data: tree };
  } catch (err) {
    return { status: "unavailable", error: oneLine(err) };
  } finally {
    if (dir) await removeTempDir(dir);
  }
}

/**
 * Arborist's ideal tree. A version it cannot find in a packument read from the cache may be
 * newer than the copy: that packument is asked of the registry and the tree built again, once.
 */
async function idealTree(layer: PackumentLayer, options: Record<string, unknown>): Promise<ArboristNode> {
  const { default: Arborist } = await import("@npmcli/arborist");
  const build = () => new Arborist({ ...options, audit: false, fund: false, save: false }).buildIdealTree();
  try {
    return await build();
  } catch (err) {
    const e = err as { code?: unknown; name?: unknown };
    if (e.code !== "ETARGET" || typeof e.name !== "string") throw err;
    const fresh = await layer.get(e.name, { online: true }).catch(() => undefined);
    if (!fresh || fresh.cached) throw err;
    return build();
  }
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

/**
 * A stored tree young enough (any age with --offline; never with --refresh): as long as the
 * policy lets the packuments it was built from be reused, a new resolution would read the same
 * documents and give the same tree.
 */
async function readCachedTree(
  ctx: FetchContext,
  key: string,
  spec: string,
): Promise<DependencyTree | undefined> {
  if (ctx.refresh) return undefined;
  const maxAge = ctx.offline ? undefined : (ctx.registryFreshnessMs ?? DEFAULT_REGISTRY_FRESHNESS_MS);
  if (maxAge === 0) return undefined;
  const tree = await ctx.store.get<DependencyTree>("tree", key, maxAge);
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
   * The temp project's package.json. A registry package is its only dependency (plus, with
   * includeDev, its devDependencies). A folder's or tarball's dependencies are copied in
   * instead, so the temp root stands for the target: npm links a `file:` folder without
   * resolving its dependencies, which would hide the whole tree, and a tarball's own
   * dependencies are then checked here like any manifest's (registry specs only).
   */
  rootManifest: Record<string, unknown>;
  /** Set when the temp root stands for the target (folders and tarballs). */
  rootIsTarget?: { version: string; resolved: string };
  /** The target's own dependencies (and devDependencies) not from the registry: not fetched. */
  rootNonRegistry: NonRegistryDependency[];
}

async function targetDependency(
  spec: string,
  npmOptions: Record<string, unknown>,
  includeDev: boolean,
  layer: PackumentLayer,
  refuseLocal = false,
): Promise<TargetDependency> {
  const parsed = npa(spec);
  const base = { name: "mcp-vet-dependency-tree", version: "0.0.0", private: true };
  const rootNonRegistry: NonRegistryDependency[] = [];
  if (parsed.type !== "file" && parsed.type !== "directory") {
    const name = parsed.name;
    if (!name) throw new Error(`cannot tell the package name of ${spec}`);
    const wanted = parsed.rawSpec || "latest";
    const devDependencies = includeDev
      ? registrySpecs(
          stringRecord((await registryManifest(layer, name, wanted)).devDependencies),
          rootNonRegistry,
        )
      : {};
    return {
      name,
      rootManifest: { ...base, dependencies: { [name]: wanted }, devDependencies },
      rootNonRegistry,
    };
  }
  // A folder or tarball names itself in its package.json; pacote reads it without running scripts.
  const { default: pacote } = await import("pacote");
  const mani = await pacote.manifest(spec, { ...npmOptions, fullMetadata: true });
  if (!mani.name) throw new Error(`cannot tell the package name of ${spec}`);
  // A folder's relative `file:` folders are the user's own code, beside it: linked from there.
  const folder = parsed.type === "directory" && !refuseLocal ? parsed.fetchSpec : undefined;
  const deps = (value: unknown, optional = false) =>
    registrySpecs(stringRecord(value), rootNonRegistry, optional, folder ?? undefined);
  return {
    name: mani.name,
    rootManifest: {
      ...base,
      dependencies: deps(mani.dependencies),
      optionalDependencies: deps(mani.optionalDependencies, true),
      peerDependencies: deps(mani.peerDependencies),
      devDependencies: includeDev ? deps(mani.devDependencies) : {},
    },
    rootIsTarget: { version: mani.version, resolved: `file:${parsed.fetchSpec}` },
    rootNonRegistry,
  };
}

/** The manifest npm would pick for `name@wanted`, from the layer. */
async function registryManifest(
  layer: PackumentLayer,
  name: string,
  wanted: string,
): Promise<Record<string, unknown>> {
  const { default: pickManifest } = await import("npm-pick-manifest");
  // devDependencies are not among what the layer keeps for trees: the whole document.
  const p = await layer.getFull(name);
  return pickManifest<Record<string, unknown>>(p.doc, wanted, { defaultTag: "latest" });
}

/**
 * Registry specs as they are; with `folder`, a relative `file:` folder made absolute against
 * it (not against the temp folder the tree is resolved in); every other spec recorded in `out`.
 */
function registrySpecs(
  deps: Record<string, string>,
  out: NonRegistryDependency[],
  optional = false,
  folder?: string,
): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, spec] of Object.entries(deps)) {
    const kind = nonRegistryKind(name, spec);
    if (!kind) kept[name] = spec;
    else if (kind === "file" && folder && localFolder(name, spec, folder))
      kept[name] = `file:${localFolder(name, spec, folder)}`;
    else if (!out.some((d) => d.name === name)) out.push({ name, spec, kind, optional });
  }
  return kept;
}

function localFolder(name: string, spec: string, folder: string): string | undefined {
  try {
    const r = npa.resolve(name, spec, folder);
    return r.type === "directory" && r.fetchSpec ? resolve(folder, r.fetchSpec) : undefined;
  } catch {
    return undefined;
  }
}

interface Visit {
  node: ArboristNode;
  path: string[];
  source: DependencySourceKind;
  dev: boolean;
}

/** Breadth-first from the target: production edges first, then (with includeDev) its dev edges. */
function describeTree(
  root: ArboristNode,
  target: TargetDependency,
  spec: string,
  includeDev: boolean,
  layer: PackumentLayer,
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
      });
    }
    walk();
  }
  const visits = [...seen.values()];
  const nodes = visits.map(toNode);
  if (target.rootIsTarget && nodes[0]) {
    Object.assign(nodes[0], {
      version: target.rootIsTarget.version,
      resolved: target.rootIsTarget.resolved,
      source: "file",
    });
  }
  // What each package asked for outside the registry, as the layer's views took it out.
  const outside: NonRegistryNodeSource[] = visits.map((v) => ({
    path: v.path,
    dev: v.dev,
    deps:
      v === start && target.rootIsTarget
        ? []
        : (layer.nonRegistry.get(`${packageName(v.node)}@${v.node.version}`) ?? []),
  }));
  outside.push({ path: start.path, dev: !target.rootIsTarget && includeDev, deps: target.rootNonRegistry });
  return finish([...nodes, ...nonRegistryNodes(outside)], spec, includeDev);
}

/**
 * The tree from the walk's own picks, when the budget stopped it: what npm would most likely
 * install of what was resolved, marked partial.
 */
function describeWalk(
  walked: readonly WalkNode[],
  target: TargetDependency,
  spec: string,
  includeDev: boolean,
  partial: TreePartial,
): DependencyTree {
  const byName = new Map<string, WalkNode>();
  for (const w of walked) if (!byName.has(w.name)) byName.set(w.name, w);
  const nodes = walked.map((w) => manifestNode(w, byName));
  const outside: NonRegistryNodeSource[] = walked.map((w) => ({
    path: w.path,
    dev: w.dev,
    deps: w.nonRegistry,
  }));
  if (target.rootIsTarget) {
    nodes.unshift({
      name: target.name,
      version: target.rootIsTarget.version,
      depth: 0,
      path: [target.name],
      source: "file",
      resolved: target.rootIsTarget.resolved,
      dev: false,
      optional: false,
    });
  }
  const start = target.rootIsTarget ? [target.name] : (walked[0]?.path ?? [target.name]);
  outside.push({ path: start, dev: !target.rootIsTarget && includeDev, deps: target.rootNonRegistry });
  return finish([...nodes, ...nonRegistryNodes(outside)], spec, includeDev, partial);
}

function manifestNode(w: WalkNode, byName: ReadonlyMap<string, WalkNode>): DependencyNode {
  const pkg = w.manifest;
  const scripts = (typeof pkg.scripts === "object" && pkg.scripts !== null ? pkg.scripts : {}) as Record<
    string,
    unknown
  >;
  const edges: SignalEdge[] = [
    ...Object.keys(stringRecord(pkg.dependencies)).map((name) => ({ name, optional: false })),
    ...Object.keys(stringRecord(pkg.optionalDependencies)).map((name) => ({ name, optional: true })),
  ].map((e) => {
    const child = byName.get(e.name);
    return { ...e, platform: child ? platformRestricted(child.manifest) : false };
  });
  const dist = (typeof pkg.dist === "object" && pkg.dist !== null ? pkg.dist : {}) as { tarball?: unknown };
  return {
    ...common(pkg, w.path, w.dev, edges),
    version: w.version,
    hasInstallScript:
      pkg.hasInstallScript === true ||
      pkg.gypfile === true ||
      INSTALL_HOOKS.some((h) => typeof scripts[h] === "string"),
    source: "registry",
    ...(typeof dist.tarball === "string" ? { resolved: redactUrl(dist.tarball) } : {}),
    optional: w.optional,
  };
}

/** Packages some node asked for from outside the registry: under that node, never fetched. */
interface NonRegistryNodeSource {
  path: string[];
  dev: boolean;
  deps: readonly NonRegistryDependency[];
}

const SOURCE_OF: Record<NonRegistryDependency["kind"], DependencySourceKind> = {
  git: "git",
  http: "http",
  file: "file",
  unknown: "unknown",
};

function nonRegistryNodes(sources: readonly NonRegistryNodeSource[]): DependencyNode[] {
  const out = new Map<string, DependencyNode>();
  for (const { path, dev, deps } of sources) {
    for (const d of deps) {
      const key = `${d.name}\u0000${d.spec}`;
      const seen = out.get(key);
      if (seen && seen.depth <= path.length) continue;
      const spec = d.spec.slice(0, SPEC_MAX_CHARS);
      out.set(key, {
        name: d.name,
        version: "",
        depth: path.length,
        path: [...path, d.name],
        source: SOURCE_OF[d.kind],
        spec,
        resolved: withoutCredentials(spec),
        refused: true,
        dev,
        optional: d.optional,
      });
    }
  }
  return [...out.values()];
}

/** A spec that may be a url with user:token@ in it, printable. */
function withoutCredentials(spec: string): string {
  return spec.replace(/\/\/[^/@\s]*@/, "//").replace(/\?.*$/, "");
}

function finish(
  all: DependencyNode[],
  spec: string,
  includeDev: boolean,
  partial?: TreePartial,
): DependencyTree {
  const nodes = [...all].sort(
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
    ...(partial ? { partial } : {}),
  };
}

function startOf(root: ArboristNode, target: TargetDependency): Visit {
  if (target.rootIsTarget) return { node: root, path: [target.name], source: "file", dev: false };
  const edge = root.edgesOut.get(target.name);
  if (!edge?.to) throw new Error(`arborist did not resolve ${target.name}`);
  return { node: real(edge.to), path: [packageName(edge.to)], source: sourceKind(edge), dev: false };
}

function toNode({ node, path, source, dev }: Visit): DependencyNode {
  return {
    ...common(node.package, path, dev, signalEdges(node)),
    version: node.version,
    hasInstallScript: node.hasInstallScript,
    source,
    ...(node.resolved
      ? { resolved: node.resolved.startsWith("file:") ? node.resolved : redactUrl(node.resolved) }
      : {}),
    optional: node.optional,
  };
}

/** What a node says of itself from its manifest, however it was resolved. */
function common(
  pkg: Record<string, unknown>,
  path: string[],
  dev: boolean,
  edges: SignalEdge[],
): Pick<DependencyNode, "name" | "depth" | "path" | "signals" | "deprecated" | "license" | "dev"> {
  const deprecated = typeof pkg.deprecated === "string" && pkg.deprecated ? pkg.deprecated : undefined;
  // The manifest reader's own license parsing, legacy `licenses` arrays included.
  const license = parseLicense(pkg.license ?? pkg.licenses).raw;
  return {
    name: path[path.length - 1]!,
    depth: path.length - 1,
    path,
    signals: dependencySignals(pkg, edges, NATIVE_HELPERS),
    ...(deprecated ? { deprecated: deprecated.slice(0, DEPRECATION_MAX_CHARS) } : {}),
    ...(license ? { license } : {}),
    dev,
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

/** The temp root's edges, as the walk follows them. */
function rootEdges(manifest: Record<string, unknown>): WalkEdge[] {
  const edges = (deps: unknown, dev: boolean, optional: boolean): WalkEdge[] =>
    Object.entries(stringRecord(deps)).map(([name, spec]) => ({ name, spec, dev, optional }));
  return [
    ...edges(manifest.dependencies, false, false),
    ...edges(manifest.optionalDependencies, false, true),
    ...edges(manifest.peerDependencies, false, false),
    ...edges(manifest.devDependencies, true, false),
  ].filter((e) => !e.spec.startsWith("file:"));
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
