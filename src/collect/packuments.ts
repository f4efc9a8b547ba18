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

/** A packument as the registry sent it: never changed in place (see `forArborist`, `copyOnRead`). */
export interface Packument {
  name: string;
  url: string;
  /** The parsed document. Read it; never write to it. */
  doc: Record<string, unknown>;
  /** Size of the JSON text. */
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
 * Arborist and pacote read it through `packumentCache` (their Map-shaped option), and get
 * copy-on-read views (`forArborist`): pacote normalises manifests in place, and dependencies
 * npm would fetch from git, a url or a file are taken out of what arborist sees and recorded.
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

  constructor(private readonly options: PackumentLayerOptions) {
    const max = options.memoryBytes ?? DEFAULT_MEMORY_BYTES;
    this.memory = new LRUCache<string, Packument>({
      maxSize: max,
      // One giant must not push out hundreds of ordinary packuments.
      maxEntrySize: Math.floor(max / 4),
      sizeCalculation: (p) => Math.max(1, p.bytes),
    });
  }

  /** The packument url for a name, with the registry npm would pick (scoped registries included). */
  urlOf(name: string): string {
    const registry = npmFetch.pickRegistry(name, this.options.npmOptions as npmFetch.Options);
    const escaped = npa(name).escapedName ?? name;
    return `${registry.replace(/\/+$/, "")}/${escaped}`;
  }

  /**
   * The packument of `name`. `online`: the answer must come from the registry in this run (a
   * cached copy that cannot satisfy a spec may only be old: a version published since).
   */
  get(name: string, options: { online?: boolean } = {}): Promise<Packument> {
    return this.byUrl(this.urlOf(name), name, options.online === true);
  }

  /** Takes a packument the caller already holds for `name`, so nobody asks for it again. */
  seed(packument: Packument): void {
    if (!this.memory.has(packument.url)) this.memory.set(packument.url, packument);
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
        return this.byUrl(url, nameFromUrl(url), false).then((p) => this.forArborist(p));
      },
      // pacote stores what it fetched itself (abbreviated documents only, since `has` said no).
      set: () => view,
      delete: () => false,
    };
    return view as unknown as Map<string, unknown>;
  }

  /**
   * What arborist and pacote see of a packument: each version copied on first read (pacote
   * normalises manifests in place; the layer's documents stay as the registry sent them), and
   * without dependencies npm would fetch from outside the registry, recorded in `nonRegistry`.
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
              let copy = copies.get(key);
              if (!copy) {
                const { manifest, removed } = registryOnlyManifest(value);
                copy = manifest;
                copies.set(key, copy);
                record(`${p.name}@${key}`, removed);
              }
              return copy;
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
    const p = this.limit(() => this.fetch(url, name, online)).finally(() => this.inFlight.delete(url));
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
 * A packument whose versions are copied as they are read: npm-pick-manifest normalises the
 * manifest it picks in place (`bin`), and the layer's documents are shared by every target.
 */
export function copyOnRead(doc: Record<string, unknown>): Record<string, unknown> {
  const versions = doc.versions;
  if (!isObject(versions)) return { ...doc };
  const copies = new Map<string, unknown>();
  return {
    ...doc,
    versions: new Proxy(versions, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (typeof key !== "string" || !isObject(value)) return value;
        if (!copies.has(key)) copies.set(key, { ...value });
        return copies.get(key);
      },
    }),
  };
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
 * The packument layer of a run: one per context (an audit's targets share theirs), made on
 * first use. Keyed by the registry config, which copies of a context share.
 */
export function packumentsOf(ctx: {
  registry: { url: string; npmOptions: Record<string, unknown> };
  offline: boolean;
  refresh: boolean;
  registryFreshnessMs?: number;
}): PackumentLayer {
  let layer = layers.get(ctx.registry);
  if (!layer) {
    layer = new PackumentLayer({
      npmOptions: { ...ctx.registry.npmOptions, registry: ctx.registry.url },
      freshnessMs: ctx.registryFreshnessMs ?? DEFAULT_REGISTRY_FRESHNESS_MS,
      refresh: ctx.refresh,
      offline: ctx.offline,
    });
    layers.set(ctx.registry, layer);
  }
  return layer;
}
