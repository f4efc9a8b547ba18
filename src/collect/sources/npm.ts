import pickManifest from "npm-pick-manifest";
import semver from "semver";
import { z } from "zod";
import { redactUrl } from "../../../cache/http.js";
import type { Manifest, NpmFacts, Part, VersionSummary } from "../../evidence/index.js";
import { INSTALL_HOOKS } from "../../evidence/index.js";
import type { FetchContext } from "../context.js";
import { toManifest } from "../manifest.js";
import { packumentsOf } from "../packuments.js";
import { errorLine, isoDate, sourceError } from "../util.js";

export type PackumentResult =
  | {
      status: "ok";
      part: Part<NpmFacts>;
      url: string;
      cached: boolean;
      notes: string[];
      /** The selected version's predecessor (see previousVersion), for comparing releases. */
      previous?: Manifest;
    }
  /** The package, or a version matching the request, does not exist: a usage error (exit 2). */
  | { status: "not-found"; message: string }
  | { status: "unavailable"; error: string; url: string };

// Only the shape we read; everything inside `versions` is validated per field by toManifest.
const packumentSchema = z.object({
  name: z.string(),
  "dist-tags": z.record(z.string(), z.string()).catch({}),
  versions: z.record(z.string(), z.unknown()),
  time: z.record(z.string(), z.string()).catch({}),
  maintainers: z.array(z.unknown()).optional().catch(undefined),
});

/**
 * Fetches the full packument (times, scripts, deprecations need full metadata, not the
 * abbreviated "corgi" document) through npm-registry-fetch, which applies the user's
 * registry, scoped registries, auth and the cache, then picks the version like npm does.
 */
export async function fetchPackument(
  ctx: FetchContext,
  name: string,
  requested: string,
): Promise<PackumentResult> {
  const layer = packumentsOf(ctx);
  // Shown in reports and messages: an npmrc registry may carry user:token@ in its URL.
  const url = redactUrl(layer.urlOf(name));
  const registry = url.slice(0, url.lastIndexOf("/") + 1);
  let raw: Record<string, unknown> = {};
  let cached = false;
  // A copy read from the cache may predate the version asked for: then the registry is asked.
  for (const online of [false, true]) {
    try {
      const p = await layer.getFull(name, { online });
      raw = p.doc;
      cached = p.cached;
    } catch (err) {
      const e = err as { statusCode?: number; code?: string };
      if (e.statusCode === 404 || e.code === "E404") {
        return { status: "not-found", message: `package ${name} was not found in ${registry}` };
      }
      if (err instanceof SyntaxError)
        return { status: "unavailable", error: `the registry's answer for ${name} is not valid JSON`, url };
      return { status: "unavailable", error: sourceError(err, ctx.offline), url };
    }
    if (!cached || ctx.offline || pickable(raw, requested)) break;
  }

  const parsed = packumentSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      status: "unavailable",
      error: `the registry's packument for ${name} has no usable versions`,
      url,
    };
  }
  const packument = parsed.data;

  let picked: { version?: unknown };
  try {
    picked = pickManifest<{ version?: unknown }>(raw, requested, { defaultTag: "latest" });
  } catch (err) {
    const available = Object.keys(packument.versions).length;
    return {
      status: "not-found",
      message: `no version of ${name} matches "${requested}" (${available} version${available === 1 ? "" : "s"} in ${registry})${firstLine(err)}`,
    };
  }
  const notes: string[] = [];
  const manifest = toManifest(picked, notes, `registry manifest of ${name}@${String(picked.version)}`);
  if (!manifest)
    return { status: "unavailable", error: `the registry's manifest for ${name} is not an object`, url };

  const facts: NpmFacts = {
    name: packument.name,
    registry,
    distTags: packument["dist-tags"],
    versions: versionSummaries(packument.versions, packument.time),
    createdAt: isoDate(packument.time.created),
    modifiedAt: isoDate(packument.time.modified),
    maintainers:
      packument.maintainers === undefined
        ? undefined
        : (toManifest({ name, maintainers: packument.maintainers }, [], "")?.maintainers ?? []),
    manifest,
  };
  const before = previousVersion(facts.versions, manifest.version);
  const previous = before
    ? toManifest(packument.versions[before], [], `registry manifest of ${name}@${before}`)
    : undefined;
  return {
    status: "ok",
    part: { status: "ok", data: facts },
    url,
    cached,
    notes,
    ...(previous ? { previous } : {}),
  };
}

function versionSummaries(versions: Record<string, unknown>, time: Record<string, string>): VersionSummary[] {
  const out: VersionSummary[] = [];
  for (const [version, doc] of Object.entries(versions)) {
    const d = (typeof doc === "object" && doc !== null ? doc : {}) as Record<string, unknown>;
    const scripts = (typeof d.scripts === "object" && d.scripts !== null ? d.scripts : {}) as Record<
      string,
      unknown
    >;
    const user = d._npmUser as { name?: unknown } | undefined;
    out.push({
      version,
      publishedAt: isoDate(time[version]),
      deprecated: typeof d.deprecated === "string" && d.deprecated.length > 0 ? true : undefined,
      publisher: typeof user?.name === "string" ? user.name.slice(0, 200) : undefined,
      hasInstallScripts: INSTALL_HOOKS.some((h) => typeof scripts[h] === "string") || d.gypfile === true,
    });
  }
  // Oldest first; versions without a time keep registry order at the end.
  return out.sort((a, b) => (a.publishedAt ?? "~").localeCompare(b.publishedAt ?? "~"));
}

/**
 * The release `version` follows: the highest version below it by semver, a stable one for a
 * stable release (a prerelease may follow a prerelease). Not the one published last before it
 * by date: maintainers re-publish or back-port old lines (2.1.49 published after 2.1.63), and a
 * release compared with another line's gains whatever that line never had.
 */
export function previousVersion(versions: readonly VersionSummary[], version: string): string | undefined {
  const current = semver.valid(version);
  if (!current) return undefined;
  const stable = semver.prerelease(current) === null;
  let best: string | undefined;
  for (const v of versions) {
    const candidate = semver.valid(v.version);
    if (!candidate || !semver.lt(candidate, current)) continue;
    if (stable && semver.prerelease(candidate) !== null) continue;
    if (!best || semver.gt(candidate, best)) best = candidate;
  }
  // The registry's key, which semver.valid may have cleaned (a leading "v", build metadata).
  return best === undefined ? undefined : versions.find((v) => semver.valid(v.version) === best)?.version;
}

/** Some version of the packument satisfies `requested`. */
function pickable(raw: Record<string, unknown>, requested: string): boolean {
  try {
    return Boolean(pickManifest(raw, requested, { defaultTag: "latest" }));
  } catch {
    return false;
  }
}

function firstLine(err: unknown): string {
  const e = err as { code?: string };
  return e.code === "ETARGET" || e.code === "ENOVERSIONS" ? "" : `: ${errorLine(err)}`;
}
