import { createReadStream } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { Unzip, UnzipInflate } from "fflate";
import pLimit from "p-limit";
import {
  AbortedError,
  type HttpRequest,
  isLastingFailure,
  OfflineMissError,
  ResponseTooLargeError,
} from "../../../../cache/http.js";
import type { AdvisoryFacts, AdvisoryMatch } from "../../../evidence/advisories.js";
import type { DependencyTree } from "../../../evidence/deps.js";
import type { Part } from "../../../evidence/index.js";
import type { FetchContext } from "../../context.js";
import type { Collected, Seed, Source } from "../../source.js";
import { DEFAULT_RETRIES, errorLine, retryTransient, sourceError } from "../../util.js";
import { fixedVersionFor, isAffected, isMalicious, severityOf } from "./match.js";
import { type OsvRecord, osvRecordSchema, querybatchResponseSchema } from "./schema.js";

/**
 * OSV advisories and malicious-package records for every package of the tree. Without a tree
 * (--no-deps, or the tree failed) the target's own name@version is still checked, and the
 * answer says so with `scope: "target"`.
 */
export const osvSource: Source<AdvisoryFacts, Seed & { dependencies: Part<DependencyTree> }> = {
  id: "osv",
  async collect(ctx, seed): Promise<Collected<AdvisoryFacts>> {
    if (!seed.version)
      return { part: { status: "unavailable", error: "the package's version could not be read" } };
    const tree = seed.dependencies;
    const packages =
      tree.status === "ok"
        ? // A dependency from outside the registry was not fetched: it has no version to ask about.
          tree.data.nodes.filter((n) => n.spec === undefined)
        : [{ name: seed.name, version: seed.version, depth: 0, path: [seed.name] }];
    seed.options.progress?.({ phase: "advisories", packages: packages.length });
    const part = await fetchAdvisories(ctx, packages, { scope: tree.status === "ok" ? "tree" : "target" });
    return { part, url: ctx.osvDb ?? ctx.osvApiUrl };
  },
};

/** A package of the tree to ask about; DependencyNode fits. */
export interface PackageRef {
  name: string;
  version: string;
  depth: number;
  path: string[];
}

/** Round trips, for the bench and tests: at most ceil(pairs/1000) batches plus one per id. */
export interface OsvStats {
  batchCalls: number;
  vulnCalls: number;
}

export interface AdvisoryOptions {
  stats?: OsvStats;
  /** Whether `packages` is a whole tree or the target alone; inferred from depths when unset. */
  scope?: "tree" | "target";
}

/** OSV's documented maximum number of queries in one querybatch request. */
const BATCH_SIZE = 1000;
/** Pages of next_page_token followed before giving up (each page is one more batch). */
const MAX_PAGES = 10;
/** Query results change as advisories are published: re-ask after an hour. */
const QUERY_TTL_SECONDS = 3600;
/** A record fetched for a given `modified` never changes; the cache key carries `modified`. */
const RECORD_TTL_SECONDS = 30 * 86_400;
const RECORD_MAX_BYTES = 4 * 1024 * 1024;
const BATCH_MAX_BYTES = 32 * 1024 * 1024;
const SUMMARY_MAX_CHARS = 300;
const DETAIL_CONCURRENCY = 8;

/**
 * Advisories for every (package, version) given: from the OSV API (querybatch, then each
 * record once), or from the offline export named by `ctx.osvDb`. Never throws: a failure of
 * the source is `unavailable` with one line saying why.
 */
export async function fetchAdvisories(
  ctx: FetchContext,
  packages: readonly PackageRef[],
  opts: AdvisoryOptions = {},
): Promise<Part<AdvisoryFacts>> {
  const pairs = distinctPairs(packages);
  const scope = opts.scope ?? (pairs.some((p) => p.depth > 0) ? "tree" : "target");
  try {
    if (ctx.osvDb) {
      const db = await loadOsvDb(ctx.osvDb);
      const advisories = pairs.flatMap((p) =>
        (db.get(p.name) ?? []).filter((r) => isAffected(r, p.name, p.version)).map((r) => toMatch(r, p)),
      );
      return {
        status: "ok",
        data: { source: "offline-db", queried: pairs.length, scope, advisories: sorted(advisories) },
      };
    }
    const stats = opts.stats ?? { batchCalls: 0, vulnCalls: 0 };
    const idsByPair = await queryBatches(ctx, pairs, stats);
    const records = await fetchRecords(ctx, idsByPair, stats);
    const advisories: AdvisoryMatch[] = [];
    pairs.forEach((p, i) => {
      for (const id of idsByPair[i]?.keys() ?? []) {
        const record = records.get(id);
        // The API matched it; withdrawn records are dropped per the schema.
        if (record && !record.withdrawn) advisories.push(toMatch(record, p));
      }
    });
    return {
      status: "ok",
      data: { source: "api", queried: pairs.length, scope, advisories: sorted(advisories) },
    };
  } catch (err) {
    return { status: "unavailable", error: oneLine(err) };
  }
}

/** One entry per name@version, keeping the shortest path that brings it in. */
function distinctPairs(packages: readonly PackageRef[]): PackageRef[] {
  const byKey = new Map<string, PackageRef>();
  for (const p of packages) {
    const key = `${p.name}@${p.version}`;
    const seen = byKey.get(key);
    if (!seen || p.depth < seen.depth) byKey.set(key, p);
  }
  return [...byKey.values()];
}

/** For each pair (same order), the ids the API named and their `modified`. */
async function queryBatches(
  ctx: FetchContext,
  pairs: PackageRef[],
  stats: OsvStats,
): Promise<Map<string, string | undefined>[]> {
  const out = pairs.map(() => new Map<string, string | undefined>());
  const url = `${ctx.osvApiUrl.replace(/\/+$/, "")}/v1/querybatch`;
  let pending = pairs.map((_, i) => ({ index: i, pageToken: undefined as string | undefined }));
  for (let page = 0; pending.length > 0; page++) {
    if (page >= MAX_PAGES) throw new Error(`OSV kept paging after ${MAX_PAGES} rounds`);
    const next: typeof pending = [];
    for (let start = 0; start < pending.length; start += BATCH_SIZE) {
      const chunk = pending.slice(start, start + BATCH_SIZE);
      const queries = chunk.map(({ index, pageToken }) => ({
        package: { name: pairs[index]!.name, ecosystem: "npm" },
        version: pairs[index]!.version,
        ...(pageToken ? { page_token: pageToken } : {}),
      }));
      stats.batchCalls++;
      const answer = await validJson(
        ctx,
        url,
        { method: "POST", body: { queries }, ttlSeconds: QUERY_TTL_SECONDS, maxBytes: BATCH_MAX_BYTES },
        (data) => {
          const parsed = querybatchResponseSchema.safeParse(data);
          return parsed.success && parsed.data.results.length === chunk.length ? parsed.data : undefined;
        },
        "querybatch",
      );
      answer.results.forEach((result, j) => {
        const { index } = chunk[j]!;
        for (const v of result.vulns) out[index]!.set(v.id, v.modified);
        if (result.next_page_token) next.push({ index, pageToken: result.next_page_token });
      });
    }
    pending = next;
  }
  return out;
}

/** Each distinct id once, cached under its `modified` so a changed record is refetched. */
async function fetchRecords(
  ctx: FetchContext,
  idsByPair: Map<string, string | undefined>[],
  stats: OsvStats,
): Promise<Map<string, OsvRecord>> {
  const modifiedById = new Map<string, string | undefined>();
  for (const ids of idsByPair) for (const [id, modified] of ids) modifiedById.set(id, modified);
  const base = ctx.osvApiUrl.replace(/\/+$/, "");
  const limit = pLimit(DETAIL_CONCURRENCY);
  const records = new Map<string, OsvRecord>();
  await Promise.all(
    [...modifiedById].map(([id, modified]) =>
      limit(async () => {
        stats.vulnCalls++;
        const record = await validJson(
          ctx,
          `${base}/v1/vulns/${encodeURIComponent(id)}`,
          {
            cacheKey: `mcp-vet:osv:vuln:${id}:${modified ?? "unknown"}`,
            ttlSeconds: modified ? RECORD_TTL_SECONDS : QUERY_TTL_SECONDS,
            maxBytes: RECORD_MAX_BYTES,
          },
          (data) => {
            const parsed = osvRecordSchema.safeParse(data);
            return parsed.success && parsed.data.id === id ? parsed.data : undefined;
          },
          `record ${id}`,
        );
        records.set(id, record);
      }),
    ),
  );
  return records;
}

/**
 * A 200 answer that passes `validate`. The HTTP store keeps any 2xx body, so a stored answer
 * that fails validation (a bad day at the server) is asked for once more over the network
 * rather than served again for the whole TTL.
 */
async function validJson<T>(
  ctx: FetchContext,
  url: string,
  req: HttpRequest,
  validate: (data: unknown) => T | undefined,
  what: string,
): Promise<T> {
  for (const again of [false, true]) {
    const res = await requestOsv(ctx, url, again ? { ...req, ttlSeconds: 0 } : req, what);
    if (res.status !== 200) throw new OsvError(`OSV answered HTTP ${res.status} (${what})`);
    let data: unknown;
    let json = true;
    try {
      data = JSON.parse(res.body.toString("utf8"));
    } catch {
      json = false;
    }
    const valid = json ? validate(data) : undefined;
    if (valid !== undefined) return valid;
    if (!res.fromCache || again) {
      throw new OsvError(
        `OSV gave an invalid answer (${what}): ${json ? "not the expected shape" : "a body that is not JSON"}`,
      );
    }
  }
  throw new OsvError(`OSV gave an invalid answer (${what})`);
}

/** A failure already worded for the report: "OSV unreachable: …", "OSV answered HTTP 500 (…)". */
class OsvError extends Error {}

/**
 * One request, retried like GitHub's (octokit's retry plugin) on a 5xx answer or a network
 * error: `ctx.retries` times (default 2), after 250 ms then 1 s. A 4xx is an answer, not a
 * hiccup, and is not retried; neither is a cache miss under --offline or an oversized body.
 */
async function requestOsv(ctx: FetchContext, url: string, req: HttpRequest, what: string) {
  try {
    return await retryTransient(() => ctx.http.request(url, req), {
      retries: ctx.offline ? 0 : (ctx.retries ?? DEFAULT_RETRIES),
      isTransient: (outcome) =>
        "value" in outcome
          ? outcome.value.status >= 500
          : !(
              outcome.error instanceof OfflineMissError ||
              outcome.error instanceof ResponseTooLargeError ||
              // Past the deadline a retry fails the same way, at once.
              outcome.error instanceof AbortedError ||
              // DNS, an untrusted certificate, a proxy's 407: a second later it is the same.
              isLastingFailure(outcome.error)
            ),
      onRetry: (outcome, delayMs) =>
        ctx.log.debug(
          `osv: ${what}: ${"value" in outcome ? `HTTP ${outcome.value.status}` : errorLine(outcome.error)}; retrying in ${delayMs} ms`,
        ),
    });
  } catch (err) {
    if (err instanceof ResponseTooLargeError)
      throw new OsvError(`OSV gave an invalid answer (${what}): too large`);
    if (err instanceof OfflineMissError) throw new OsvError(`OSV: ${sourceError(err, true)}`);
    throw new OsvError(`OSV unreachable: ${sourceError(err, ctx.offline)}`);
  }
}

function toMatch(record: OsvRecord, p: PackageRef): AdvisoryMatch {
  const severity = severityOf(record, p.name);
  const summary = (record.summary ?? record.details?.split("\n")[0])?.slice(0, SUMMARY_MAX_CHARS);
  return {
    id: record.id,
    aliases: record.aliases,
    package: p.name,
    version: p.version,
    ...(summary ? { summary } : {}),
    severity: severity.severity,
    ...(severity.source ? { severitySource: severity.source } : {}),
    ...(severity.score !== undefined ? { score: severity.score } : {}),
    ...optional("fixed", fixedVersionFor(record, p.name, p.version)),
    inTarget: p.depth === 0,
    direct: p.depth === 1,
    path: p.path,
    malicious: isMalicious(record),
    ...optional("modified", record.modified),
    url: `https://osv.dev/vulnerability/${encodeURIComponent(record.id)}`,
  };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

function sorted(list: AdvisoryMatch[]): AdvisoryMatch[] {
  return list.sort(
    (a, b) => a.path.length - b.path.length || a.package.localeCompare(b.package) || a.id.localeCompare(b.id),
  );
}

// ---- offline export (--osv-db) ----

/** npm package name -> records that name it. */
export type OsvDb = Map<string, OsvRecord[]>;

/** Caps for reading an export: OSV's npm all.zip holds a few hundred thousand small records. */
const DB_MAX_ENTRIES = 1_000_000;
const DB_MAX_ENTRY_BYTES = 4 * 1024 * 1024;
const DB_MAX_TOTAL_BYTES = 4 * 1024 * 1024 * 1024;

const loaded = new Map<string, Promise<OsvDb>>();

/**
 * Reads an OSV export once per process (an audit vets many targets against it): a folder of
 * OSV JSON files (searched recursively) or a zip of them such as OSV's `npm/all.zip`, read as
 * a stream with per-entry and total caps. Malformed records are skipped.
 */
export function loadOsvDb(path: string): Promise<OsvDb> {
  let db = loaded.get(path);
  if (!db) {
    db = readOsvDb(path);
    loaded.set(path, db);
    db.catch(() => loaded.delete(path));
  }
  return db;
}

async function readOsvDb(path: string): Promise<OsvDb> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new Error(`--osv-db ${path} does not exist`);
  const db: OsvDb = new Map();
  let valid = 0;
  const add = (text: string) => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return;
    }
    const parsed = osvRecordSchema.safeParse(json);
    if (!parsed.success) return;
    valid++;
    const names = new Set(
      parsed.data.affected.filter((a) => a.package?.ecosystem === "npm").map((a) => a.package!.name),
    );
    for (const name of names) {
      const list = db.get(name);
      if (list) list.push(parsed.data);
      else db.set(name, [parsed.data]);
    }
  };
  if (info.isDirectory()) await readFolder(path, add);
  else await readZip(path, add);
  // An export with no readable record is a broken download, not a clean bill of health.
  if (valid === 0) throw new Error(`--osv-db ${path} holds no readable OSV records`);
  return db;
}

async function readFolder(root: string, add: (text: string) => void): Promise<void> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && e.name.endsWith(".json"));
  if (files.length > DB_MAX_ENTRIES)
    throw new Error(`--osv-db folder holds more than ${DB_MAX_ENTRIES} files`);
  for (const f of files) {
    // parentPath is Node 20.12+; `path` is its older name.
    const file = join(f.parentPath ?? (f as { path?: string }).path ?? root, f.name);
    if ((await stat(file)).size > DB_MAX_ENTRY_BYTES) continue;
    add(await readFile(file, "utf8"));
  }
}

function readZip(path: string, add: (text: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let entries = 0;
    let total = 0;
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      stream.destroy();
      reject(err);
    };
    const unzip = new Unzip((file) => {
      if (!file.name.endsWith(".json") || (file.originalSize ?? 0) > DB_MAX_ENTRY_BYTES) return;
      if (++entries > DB_MAX_ENTRIES)
        return fail(new Error(`--osv-db zip holds more than ${DB_MAX_ENTRIES} records`));
      const chunks: Uint8Array[] = [];
      let size = 0;
      file.ondata = (err, chunk, final) => {
        if (failed) return;
        if (err) return fail(new Error(`--osv-db zip entry ${file.name} is corrupt`));
        size += chunk.length;
        total += chunk.length;
        if (total > DB_MAX_TOTAL_BYTES) return fail(new Error("--osv-db zip expands beyond its size cap"));
        if (size > DB_MAX_ENTRY_BYTES) {
          file.terminate();
          return;
        }
        chunks.push(chunk);
        if (final) add(Buffer.concat(chunks).toString("utf8"));
      };
      file.start();
    });
    unzip.register(UnzipInflate);
    const stream = createReadStream(path);
    let sawZip = false;
    stream.on("data", (chunk) => {
      const buf = chunk as Buffer;
      // A zip starts with a local file header (PK\3\4); anything else is not an export.
      if (!sawZip) {
        if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50)
          return fail(new Error(`--osv-db ${path} is not a zip or folder`));
        sawZip = true;
      }
      try {
        unzip.push(buf);
      } catch {
        fail(new Error(`--osv-db ${path} is not a readable zip`));
      }
    });
    stream.on("end", () => {
      if (failed) return;
      try {
        unzip.push(new Uint8Array(0), true);
      } catch {
        return fail(new Error(`--osv-db ${path} is not a readable zip`));
      }
      if (!sawZip) return fail(new Error(`--osv-db ${path} is empty`));
      resolve();
    });
    stream.on("error", () => fail(new Error(`--osv-db ${path} cannot be read`)));
  });
}

/** One line, no stack, urls redacted; it names the reason: unreachable, an HTTP status, an invalid answer. */
function oneLine(err: unknown): string {
  const line = errorLine(err);
  return /^(OSV|--osv-db)/.test(line) ? line : `OSV: ${line}`;
}
