import pickManifest from "npm-pick-manifest";
import {
  type NonRegistryDependency,
  nonRegistryKind,
  type Packument,
  type PackumentLayer,
} from "../../packuments.js";

/** What one dependency edge asks for. */
export interface WalkEdge {
  name: string;
  spec: string;
  dev: boolean;
  optional: boolean;
}

/** One package the walk picked, at its shortest distance from the target. */
export interface WalkNode {
  name: string;
  version: string;
  /** The picked manifest (a copy: read it freely). */
  manifest: Record<string, unknown>;
  /** From the target (first) down to this package. */
  path: string[];
  dev: boolean;
  optional: boolean;
  /** Its dependencies npm would fetch from outside the registry: recorded, not followed. */
  nonRegistry: NonRegistryDependency[];
}

export interface TreeBudget {
  /** Distinct packages (name@version) the tree may hold. */
  packages: number;
  /** Bytes of packument JSON the tree may read. */
  bytes: number;
}

export interface WalkResult {
  nodes: WalkNode[];
  /** Set when the budget stopped the walk: what was left, the edges not followed. */
  stopped?: { reason: string; unresolved: number; examples: string[] };
}

/**
 * Walks the likely tree breadth-first, a level at a time, from the layer's packuments with the
 * versions picked locally (npm-pick-manifest, as pacote picks), so the packuments arborist will
 * ask for are in memory when it does: arborist resolves one node at a time and would otherwise
 * wait one round trip per package. It follows dependencies, optional dependencies and peers
 * npm installs by default (not optional peers, which npm leaves to whoever needs them), never
 * a git, url or file spec (those are recorded), and stops at the budget.
 * Best effort for arborist: a failure is left for arborist to meet and report, and a package
 * picked here that arborist does not pick costs one packument. When the budget stops it, the
 * walk's own picks are the (partial) tree.
 */
export async function walkRegistryTree(
  layer: PackumentLayer,
  /** The path the roots hang from: [] when the first root is the target itself. */
  from: string[],
  roots: readonly WalkEdge[],
  budget: TreeBudget,
): Promise<WalkResult> {
  const picked = new Map<string, WalkNode>();
  const asked = new Set<string>();
  const names = new Set<string>();
  const bytesOf = new Set<string>();
  let bytes = 0;
  let level: { edge: WalkEdge; path: string[] }[] = roots.map((edge) => ({ edge, path: from }));
  const left: string[] = [];
  let unresolved = 0;
  let reason: string | undefined;
  while (level.length > 0) {
    const next: typeof level = [];
    const todo = level.filter(({ edge }) => {
      const key = `${edge.name}@${edge.spec}`;
      if (asked.has(key)) return false;
      asked.add(key);
      return true;
    });
    await Promise.all(
      todo.map(async ({ edge, path }) => {
        if (!names.has(edge.name)) {
          if (reason === undefined && names.size >= budget.packages)
            reason = `more than ${budget.packages} packages`;
          if (reason === undefined && bytes >= budget.bytes)
            reason = `more than ${Math.round(budget.bytes / 1024 / 1024)} MB of registry metadata`;
          if (reason !== undefined) {
            unresolved++;
            if (left.length < 50) left.push(`${edge.name}@${edge.spec}`);
            return;
          }
          names.add(edge.name);
          bytesOf.add(edge.name);
        }
        const manifest = await pick(layer, edge, (p) => {
          // Each packument counts once, however many ranges of it the tree asks for.
          if (bytesOf.delete(edge.name)) bytes += p.bytes;
        });
        if (!manifest) return;
        const version = String(manifest.version);
        const key = `${edge.name}@${version}`;
        if (picked.has(key)) return;
        const nodePath = [...path, edge.name];
        const { edges, nonRegistry } = dependencyEdges(manifest, edge);
        picked.set(key, {
          name: edge.name,
          version,
          manifest,
          path: nodePath,
          dev: edge.dev,
          optional: edge.optional,
          nonRegistry,
        });
        for (const e of edges) next.push({ edge: e, path: nodePath });
      }),
    );
    level = next;
  }
  const nodes = [...picked.values()];
  return reason === undefined ? { nodes } : { nodes, stopped: { reason, unresolved, examples: left } };
}

/** The version npm would most likely pick; undefined when there is none (arborist will say why). */
async function pick(
  layer: PackumentLayer,
  edge: WalkEdge,
  read: (p: Packument) => void,
): Promise<Record<string, unknown> | undefined> {
  // A copy read from the cache may predate the version asked for: then the registry is asked.
  for (const online of [false, true]) {
    let p: Packument;
    try {
      p = await layer.get(edge.name, { online });
    } catch {
      return undefined;
    }
    if (!online) read(p);
    try {
      const m = pickManifest<Record<string, unknown>>(p.doc, edge.spec, { defaultTag: "latest" });
      if (m) return m;
    } catch {
      // ETARGET and the like
    }
    if (!p.cached) return undefined;
  }
  return undefined;
}

/** What installing `manifest` asks for, registry specs only; the rest recorded. */
function dependencyEdges(
  manifest: Record<string, unknown>,
  from: WalkEdge,
): { edges: WalkEdge[]; nonRegistry: NonRegistryDependency[] } {
  const edges: WalkEdge[] = [];
  const nonRegistry: NonRegistryDependency[] = [];
  const meta = record(manifest.peerDependenciesMeta);
  const add = (deps: unknown, optional: boolean, isPeer: boolean) => {
    for (const [name, spec] of Object.entries(record(deps))) {
      if (typeof spec !== "string") continue;
      const optionalPeer = isPeer && record(meta[name]).optional === true;
      if (optionalPeer) continue;
      const kind = nonRegistryKind(name, spec);
      if (kind) {
        if (!nonRegistry.some((d) => d.name === name)) nonRegistry.push({ name, spec, kind, optional });
        continue;
      }
      edges.push({ name, spec, dev: from.dev, optional: from.optional || optional });
    }
  };
  add(manifest.dependencies, false, false);
  add(manifest.optionalDependencies, true, false);
  add(manifest.peerDependencies, false, true);
  return { edges, nonRegistry };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
