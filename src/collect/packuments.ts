import cacache from "cacache";
import { LRUCache } from "lru-cache";
import npa from "npm-package-arg";
import npmFetch from "npm-registry-fetch";
import pLimit from "p-limit";
import { readCapped } from "./util.js";

/** Largest packument read. Real MCP servers' are well under 1 MB; giants exist (64 MB is room). */
export const MAX_PACKUMENT_BYTES = 64 * 1024 * 1024;
/** Packument JSON kept in memory across the targets of a run; parsed, it takes two to three times this. */
const DEFAULT_MEMORY_BYTES = 96 * 1024 * 1024;
/** Requests to the registry in flight at once, for every target of the run together. */
const NETWORK_CONCURRENCY = 16;

export interface PackumentLayerOptions {
  /** npm-registry-fetch options: registry, scoped registries, auth, agent, the cache path. */
  npmOptions: Record<string, unknown>;
  /** How long a stored packument is used without asking the registry (ms). */
  freshnessMs: number;
  /** Ask the registry for every packument once in this run (--refresh). */
  refresh: boolean;
  /** Answer from the cache only. */
  offline: boolean;
  /** Bytes of packument JSON kept in memory; default 96 MB. */
  memoryBytes?: number;
}

/**
 * A packument. The layer keeps, and the tree reads, the part of it that resolving a tree needs
 * (see TREE_FIELDS); `getFull` gives the whole document, as the registry sent it, to a target's
 * own lookup (publish times, maintainers, publishers) and keeps only that part.
 */
export interface Packument {
  name: string;
  url: string;
  /** The parsed document (for the tree: trimmed, and arborist may normalise its manifests). */
  doc: Record<string, unknown>;
  /** Size of the JSON text it was parsed from; trimmed, an estimate of what is left. */
  bytes: number;
  /** Read from the disk cache without asking the registry (it may be up to `freshnessMs` old). */
  cached: boolean;
}

/** A dependency spec npm would fetch from outside the registry: recorded, never fetched. */
export interface NonRegistryDependency {
  name: string;
  /** The spec as written (hostile text). */
  spec: string;
  kind: "git" | "http" | "file" | "unknown";
  /** Declared in optionalDependencies (npm would go on without it). */
  optional: boolean;
}

export interface PackumentStats {
  /** Asked for, by anyone (a target's own lookup, the prefetch, arborist). */
  requested: number;
  /** Joined a request for the same packument already in flight. */
  merged: number;
  /** Answered from memory. */
  memory: number;
  /** Read from the disk cache, fresh by policy, without a request. */
  disk: number;
  /** Went to the registry (including revalidations). */
  network: number;
  /** Bytes of JSON parsed. */
  bytes: number;
}

/**
 * The one packument layer of a process (of a FetchContext: an audit shares it across every
 * target). Every packument mcp-vet reads, its own lookup of a target, the prefetch and
 * arborist's resolution, comes through here:
 * - one request per packument however many ask at once (requests in flight are joined);
 * - an LRU bounded by bytes keeps them for the next target of an audit;
 * - the disk cache (the cacache store npm-registry-fetch writes, once per content) answers
 *   without a request while the stored copy is younger than the policy's freshness; after
 *   that npm-registry-fetch revalidates with the registry's validators when it sent any;
 *   --refresh asks once per run whatever the age.
 * - it keeps what resolving a tree needs of each packument (a third or less of the text);
 *   a target's own lookup gets the whole document (`getFull`).
 * Arborist and pacote read it through `packumentCache` (their Map-shaped option) as views
 * (`forArborist`) where dependencies npm would fetch from git, a url or a file are taken out
 * and recorded.
 */
export class PackumentLayer {
  readonly stats: PackumentStats = { requested: 0, merged: 0, memory: 0, disk: 0, network: 0, bytes: 0 };
  /** What arborist's views took out, by `name@version` of the manifest that declared it. */
  readonly nonRegistry = new Map<string, NonRegistryDependency[]>();
  private readonly inFlight = new Map<string, Promise<Packument>>();
  private readonly memory: LRUCache<string, Packument>;
  private readonly views = new WeakMap<Packument, Record<string, unknown>>();
  /** Urls answered by the registry in this run (so "ask again" is asked once). */
  private readonly asked = new Set<string>();
  private readonly limit = pLimit(NETWORK_CONCURRENCY);
  private readonly urls = new Map<string, string>();
  /** Set on a target's view (see `within`): its waits end at its deadline. */
  private readonly deadline?: { signal: AbortSignal; waiting: Set<(err: Error) => void> };
  private readonly targetViews = new WeakMap<AbortSignal, PackumentLayer>();

  constructor(private readonly options: PackumentLayerOptions) {
    // The layer's requests serve every target: none is cut by one target's deadline (each
    // target stops waiting at its own: `within`), and npm's timeout bounds each request.
    const { signal: _perTarget, ...npmOptions } = options.npmOptions;
    this.options = { ...options, npmOptions };
    const max = options.memoryBytes ?? DEFAULT_MEMORY_BYTES;
    this.memory = new LRUCache<string, Packument>({
      maxSize: max,
      // One giant must not push out hundreds of ordinary packuments.
      maxEntrySize: Math.floor(max / 4),
      sizeCalculation: (p) => Math.max(1, p.bytes),
    });
  }

  /**
   * The layer as one target sees it: the same packuments, requests and memory, with every wait
   * ended at `signal` (the target's deadline) while the request goes on for the other targets.
   */
  within(signal: AbortSignal | undefined): PackumentLayer {
    if (!signal) return this;
    const shared = this.deadline ? (Object.getPrototypeOf(this) as PackumentLayer) : this;
    let view = shared.targetViews.get(signal);
    if (!view) {
      const waiting = new Set<(err: Error) => void>();
      // One listener per target, however many packuments it waits for.
      signal.addEventListener(
        "abort",
        () => {
          for (const stop of waiting) stop(deadlineError());
          waiting.clear();
        },
        { once: true },
      );
      view = Object.create(shared, { deadline: { value: { signal, waiting } } }) as PackumentLayer;
      shared.targetViews.set(signal, view);
    }
    return view;
  }

  /** `p`, or a rejection once this view's target is past its deadline. */
  private bounded<T>(p: Promise<T>): Promise<T> {
    const deadline = this.deadline;
    if (!deadline) return p;
    if (deadline.signal.aborted) return Promise.reject(deadlineError());
    return new Promise<T>((resolve, reject) => {
      deadline.waiting.add(reject);
      p.then(resolve, reject).finally(() => deadline.waiting.delete(reject));
    });
  }

  /** The packument url for a name, with the registry npm would pick (scoped registries included). */
  urlOf(name: string): string {
    let url = this.urls.get(name);
    if (url === undefined) {
      // Parsing a name (npa, hosted-git-info) costs more than a lookup: once per name.
      const registry = npmFetch.pickRegistry(name, this.options.npmOptions as npmFetch.Options);
      const escaped = npa(name).escapedName ?? name;
      url = `${registry.replace(/\/+$/, "")}/${escaped}`;
      this.urls.set(name, url);
    }
    return url;
  }

  /**
   * The packument of `name` as the tree reads it (trimmed). `online`: the answer must come
   * from the registry in this run (a cached copy that cannot satisfy a spec may only be old: a
   * version published since).
   */
  get(name: string, options: { online?: boolean } = {}): Promise<Packument> {
    return this.bounded(this.byUrl(this.urlOf(name), name, options.online === true));
  }

  /**
   * The whole packument of `name`, as the registry sent it, for the caller alone (read it,
   * change it: it is not shared). What the tree needs of it is kept, so the tree of this
   * package asks for nothing more.
   */
  async getFull(name: string, options: { online?: boolean } = {}): Promise<Packument> {
    this.stats.requested++;
    const url = this.urlOf(name);
    const full = await this.bounded(this.limit(() => this.fetch(url, name, options.online === true)));
    const held = this.memory.get(url);
    if (!held || (held.cached && !full.cached)) this.memory.set(url, trimmed(full));
    return full;
  }

  /**
   * The Map-shaped cache pacote and arborist take as `packumentCache`: every full-metadata
   * packument they ask for comes from this layer, as a view safe for them to normalise.
   */
  packumentCache(): Map<string, unknown> {
    const has = (key: string) => key.startsWith("full:");
    const view = {
      has,
      get: (key: string) => {
        if (!has(key)) return undefined;
        const url = key.slice("full:".length);
        return this.bounded(this.byUrl(url, nameFromUrl(url), false)).then((p) => this.forArborist(p));
      },
      // pacote stores what it fetched itself (abbreviated documents only, since `has` said no).
      set: () => view,
      delete: () => false,
    };
    return view as unknown as Map<string, unknown>;
  }

  /**
   * What arborist and pacote see of a packument: its versions as they are, except those with
   * dependencies npm would fetch from outside the registry, which they see as a copy without
   * them (recorded in `nonRegistry`). pacote normalises the manifests it picks in place, as npm
   * does with its own cache: the layer's trimmed documents are the tree's alone.
   */
  forArborist(p: Packument): Record<string, unknown> {
    let view = this.views.get(p);
    if (view) return view;
    const versions = p.doc.versions;
    const copies = new Map<string, unknown>();
    const record = (key: string, deps: NonRegistryDependency[]) => {
      if (deps.length && !this.nonRegistry.has(key)) this.nonRegistry.set(key, deps);
    };
    const proxied =
      versions && typeof versions === "object"
        ? new Proxy(versions as Record<string, unknown>, {
            get(target, key, receiver) {
              const value = Reflect.get(target, key, receiver);
              if (typeof key !== "string" || !isObject(value)) return value;
              let seen = copies.get(key);
              if (seen === undefined) {
                const { manifest, removed } = registryOnlyManifest(value);
                seen = removed.length ? manifest : value;
                copies.set(key, seen);
                record(`${p.name}@${key}`, removed);
              }
              return seen;
            },
          })
        : versions;
    view = { ...p.doc, versions: proxied };
    this.views.set(p, view);
    return view;
  }

  private byUrl(url: string, name: string, online: boolean): Promise<Packument> {
    this.stats.requested++;
    const pending = this.inFlight.get(url);
    if (pending) {
      this.stats.merged++;
      return online ? pending.then((p) => (p.cached ? this.byUrl(url, name, true) : p)) : pending;
    }
    const held = this.memory.get(url);
    if (held && !(online && held.cached && !this.asked.has(url))) {
      this.stats.memory++;
      return Promise.resolve(held);
    }
    const p = this.limit(() => this.fetch(url, name, online))
      .then(trimmed)
      .finally(() => this.inFlight.delete(url));
    this.inFlight.set(url, p);
    return p.then((packument) => {
      this.memory.set(url, packument);
      return packument;
    });
  }

  private async fetch(url: string, name: string, online: boolean): Promise<Packument> {
    const { npmOptions, offline } = this.options;
    const refresh = (this.options.refresh || online) && !this.asked.has(url);
    const fresh = !offline && !refresh && (await this.storedFresh(url));
    const res = await npmFetch(url, {
      ...npmOptions,
      spec: name,
      headers: { accept: "application/json" },
      // A packument is not checked against an integrity (npm does not either).
      integrity: undefined,
      offline,
      preferOffline: fresh,
      preferOnline: refresh,
    } as npmFetch.Options);
    // make-fetch-happen writes these in lower case.
    const status = res.headers.get("x-local-cache-status") ?? "";
    const cached = /^(hit|stale)$/i.test(status);
    const body = await readCapped(res.body as NodeJS.ReadableStream, MAX_PACKUMENT_BYTES, "packument");
    if (cached) this.stats.disk++;
    else {
      this.stats.network++;
      this.asked.add(url);
    }
    this.stats.bytes += body.length;
    const doc = JSON.parse(body.toString("utf8")) as unknown;
    if (!isObject(doc)) throw new Error(`the registry's answer for ${name} is not a JSON object`);
    return { name, url, doc, bytes: body.length, cached };
  }

  /** The stored copy of `url` is younger than the freshness the policy allows. */
  private async storedFresh(url: string): Promise<boolean> {
    const cachePath = this.options.npmOptions.cache;
    if (typeof cachePath !== "string" || this.options.freshnessMs <= 0) return false;
    try {
      const info = await cacache.get.info(cachePath, `make-fetch-happen:request-cache:${new URL(url).href}`);
      const stored = (info?.metadata as { time?: number } | undefined)?.time ?? info?.time;
      return typeof stored === "number" && Date.now() - stored < this.options.freshnessMs;
    } catch {
      return false;
    }
  }
}

/**
 * What resolving a tree reads of each version: what arborist and pacote pick, place and check
 * by (dependencies of every kind, engines, platforms, deprecation, dist, bin, bundles,
 * shrinkwraps), and what the tree's nodes report (scripts, native-build marks, license). The
 * rest (descriptions, readmes, maintainers, repository, keywords) is most of a full packument.
 */
const TREE_FIELDS = [
  "name",
  "version",
  "_id",
  "dependencies",
  "optionalDependencies",
  "peerDependencies",
  "peerDependenciesMeta",
  "bundleDependencies",
  "bundledDependencies",
  "acceptDependencies",
  "_hasShrinkwrap",
  "bin",
  "engines",
  "os",
  "cpu",
  "libc",
  "license",
  "licenses",
  "deprecated",
  "scripts",
  "hasInstallScript",
  "gypfile",
  "binary",
  "dist",
] as const;

/** A packument with only TREE_FIELDS of each version, and its size estimated from a sample. */
function trimmed(p: Packument): Packument {
  const versions = p.doc.versions;
  if (!isObject(versions)) return p;
  const out: Record<string, unknown> = {};
  let sampleFull = 0;
  let sampleKept = 0;
  let n = 0;
  for (const [v, m] of Object.entries(versions)) {
    if (!isObject(m)) continue;
    const kept: Record<string, unknown> = {};
    for (const f of TREE_FIELDS) if (m[f] !== undefined) kept[f] = m[f];
    out[v] = kept;
    // A few versions tell how much of the text is left, without serialising it all.
    if (n++ < 4) {
      sampleFull += JSON.stringify(m).length;
      sampleKept += JSON.stringify(kept).length;
    }
  }
  const ratio = sampleFull > 0 ? Math.min(1, sampleKept / sampleFull) : 1;
  const doc = { name: p.doc.name, "dist-tags": p.doc["dist-tags"], versions: out };
  return { ...p, doc, bytes: Math.ceil(p.bytes * ratio) };
}

function deadlineError(): Error {
  return Object.assign(new Error("cut at the deadline"), { name: "AbortError", code: "ABORT_ERR" });
}

/** A name from a packument url (`…/@scope%2fname`, `…/name`). */
function nameFromUrl(url: string): string {
  const last = url.slice(url.lastIndexOf("/") + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

const DEPENDENCY_FIELDS = ["dependencies", "optionalDependencies", "peerDependencies"] as const;

/**
 * A manifest copy arborist may normalise, with only registry dependency specs left in it: a
 * git, url or file spec is what npm would clone or download and extract, so it is reported,
 * never fetched.
 */
export function registryOnlyManifest(manifest: Record<string, unknown>): {
  manifest: Record<string, unknown>;
  removed: NonRegistryDependency[];
} {
  const copy: Record<string, unknown> = { ...manifest };
  const removed: NonRegistryDependency[] = [];
  const peerMeta = isObject(manifest.peerDependenciesMeta) ? manifest.peerDependenciesMeta : {};
  for (const field of DEPENDENCY_FIELDS) {
    const deps = manifest[field];
    if (!isObject(deps)) continue;
    const kept: Record<string, unknown> = {};
    for (const [dep, spec] of Object.entries(deps)) {
      const kind = typeof spec === "string" ? nonRegistryKind(dep, spec) : undefined;
      if (!kind) {
        kept[dep] = spec;
        continue;
      }
      // npm does not install an optional peer of its own accord: nothing would be fetched.
      const optionalPeer =
        field === "peerDependencies" && isObject(peerMeta[dep]) && peerMeta[dep].optional === true;
      if (!optionalPeer && !removed.some((r) => r.name === dep))
        removed.push({ name: dep, spec: String(spec), kind, optional: field === "optionalDependencies" });
    }
    copy[field] = kept;
  }
  // pacote deletes invalid scripts in place: the copy gets its own object.
  if (isObject(manifest.scripts)) copy.scripts = { ...manifest.scripts };
  return { manifest: copy, removed };
}

/** undefined for a registry spec (range, version, tag, npm: alias); else where npm would fetch from. */
export function nonRegistryKind(name: string, spec: string): NonRegistryDependency["kind"] | undefined {
  // Ranges, versions and tags (almost every spec) have no `:` or `/`, no leading `.` and no
  // tarball suffix: they are the registry's, without parsing (npa for each dependency of each
  // version read is slow).
  if (!/[:/\\]|^\.|\.(?:tgz|tar|tar\.gz)$/i.test(spec)) return undefined;
  let parsed: npa.Result;
  try {
    parsed = npa.resolve(name, spec);
  } catch {
    return "unknown";
  }
  if (parsed.registry) return undefined;
  switch (parsed.type) {
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

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Default of the policy's `freshness.registryHours`: a day. */
export const DEFAULT_REGISTRY_FRESHNESS_MS = 24 * 3600 * 1000;

const layers = new WeakMap<object, PackumentLayer>();

/**
 * The packument layer of a run, as the context's target sees it (see `within`): one per
 * context made by createContext (an audit's targets, each with a copy of it, share theirs),
 * made on first use. A context made by hand is keyed by its registry config.
 */
export function packumentsOf(ctx: {
  registry: { url: string; npmOptions: Record<string, unknown> };
  offline: boolean;
  refresh: boolean;
  registryFreshnessMs?: number;
  signal?: AbortSignal;
  packuments?: { layer?: PackumentLayer };
}): PackumentLayer {
  let layer = ctx.packuments?.layer ?? layers.get(ctx.registry);
  if (!layer) {
    layer = new PackumentLayer({
      npmOptions: { ...ctx.registry.npmOptions, registry: ctx.registry.url },
      freshnessMs: ctx.registryFreshnessMs ?? DEFAULT_REGISTRY_FRESHNESS_MS,
      refresh: ctx.refresh,
      offline: ctx.offline,
    });
    if (ctx.packuments) ctx.packuments.layer = layer;
    else layers.set(ctx.registry, layer);
  }
  return layer.within(ctx.signal);
}
