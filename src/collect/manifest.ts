import normalizeBin from "npm-normalize-package-bin";
import spdxParse from "spdx-expression-parse";
import { z } from "zod";
import type { DistInfo, LicenseInfo, Manifest, Person } from "../evidence/index.js";
import { parseRepository, repositoryFromLink } from "./sources/github/repository.js";

/**
 * Turns a package.json (from the registry or a tarball) into our Manifest. The input is
 * hostile: each field is validated on its own, so one malformed field becomes "unknown" plus
 * a note, and the rest of the manifest still counts.
 */
export function toManifest(raw: unknown, notes: string[], where: string): Manifest | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    notes.push(`${where}: not a JSON object`);
    return undefined;
  }
  const pkg = raw as Record<string, unknown>;
  const field = <T>(name: string, schema: z.ZodType<T>, fallback: T): T => {
    if (pkg[name] === undefined) return fallback;
    const r = schema.safeParse(pkg[name]);
    if (r.success) return r.data;
    notes.push(`${where}: field "${name}" is malformed and was ignored`);
    return fallback;
  };
  const record = (key: string) => stringRecord(pkg[key], key, notes, where);
  const name = field("name", z.string().max(214), "");
  const version = field("version", z.string().max(256), "");
  if (!name) notes.push(`${where}: no package name`);
  const repository = parseRepository(pkg.repository);
  const homepage = cap(field("homepage", z.string(), undefined), 500);
  const bugs = bugsUrl(pkg.bugs);

  return {
    name,
    version,
    description: cap(field("description", z.string(), undefined), 2000),
    keywords: field("keywords", z.array(z.string().max(100)).max(100), []),
    license: license(pkg.license ?? pkg.licenses),
    repository,
    homepage,
    bugs,
    linkedRepository: repository ? undefined : (repositoryFromLink(homepage) ?? repositoryFromLink(bugs)),
    bin: binMap(typeof pkg.bin === "string" ? capValue(pkg.bin) : record("bin").entries, name),
    scripts: record("scripts").entries,
    engines: record("engines").entries,
    dependencies: record("dependencies").entries,
    optionalDependencies: record("optionalDependencies").entries,
    peerDependencies: record("peerDependencies").entries,
    devDependencyCount: record("devDependencies").count,
    mcpName: cap(field("mcpName", z.string(), undefined), 300),
    deprecated: deprecation(pkg.deprecated),
    gypfile: field("gypfile", z.boolean(), undefined),
    publisher: person(pkg._npmUser),
    maintainers: Array.isArray(pkg.maintainers) ? pkg.maintainers.map(person).filter(isDefined) : undefined,
    dist: dist(pkg.dist, notes, where),
  };
}

/** Caps on a name → string map (scripts, dependencies, bin, engines): attacker-written, it ends up in reports. */
export const RECORD_LIMITS = { entries: 1000, keyChars: 300, valueChars: 10_000 } as const;

/** Entries kept first whatever their place in the object: what npm runs at install. */
const KEPT_FIRST = ["preinstall", "install", "postinstall", "prepare", "preprepare", "postprepare"];

/**
 * A name → string map read entry by entry, as npm reads it (@npmcli/package-json's normalize
 * drops each `scripts` entry that is not a string and keeps the rest; normalize-package-data
 * does the same for dependencies): one bad entry must never hide its siblings, or a
 * `postinstall` beside a number, or beside a 20 kB script, would vanish from the evidence
 * while npm still runs it. Over-long values are kept, cut, with a note.
 */
function stringRecord(
  raw: unknown,
  key: string,
  notes: string[],
  where: string,
): { entries: Record<string, string>; count: number } {
  const entries: Record<string, string> = {};
  if (raw === undefined) return { entries, count: 0 };
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    notes.push(`${where}: field "${key}" is malformed and was ignored`);
    return { entries, count: 0 };
  }
  const obj = raw as Record<string, unknown>;
  const names = Object.keys(obj);
  const ordered = [
    ...KEPT_FIRST.filter((n) => Object.hasOwn(obj, n)),
    ...names.filter((n) => !KEPT_FIRST.includes(n)),
  ];
  let dropped = 0;
  let cut = 0;
  let kept = 0;
  for (const name of ordered) {
    const value = obj[name];
    // "__proto__" as an own key (JSON.parse makes one) would set the prototype, not an entry.
    if (typeof value !== "string" || name === "__proto__" || name.length > RECORD_LIMITS.keyChars) {
      dropped++;
      continue;
    }
    if (kept >= RECORD_LIMITS.entries) continue;
    kept++;
    if (value.length > RECORD_LIMITS.valueChars) cut++;
    entries[name] = capValue(value);
  }
  const plural = (n: number) => (n === 1 ? "entry" : "entries");
  if (dropped) notes.push(`${where}: ${dropped} ${plural(dropped)} of "${key}" malformed and ignored`);
  if (cut)
    notes.push(
      `${where}: ${cut} ${plural(cut)} of "${key}" longer than ${RECORD_LIMITS.valueChars} characters, cut`,
    );
  const count = names.length - dropped;
  if (count > RECORD_LIMITS.entries)
    notes.push(`${where}: "${key}" has ${count} entries; the first ${RECORD_LIMITS.entries} kept`);
  return { entries, count };
}

function capValue(value: string): string {
  return value.length > RECORD_LIMITS.valueChars ? `${value.slice(0, RECORD_LIMITS.valueChars)}…` : value;
}

function cap(s: string | undefined, n: number): string | undefined {
  return s === undefined ? undefined : s.length > n ? `${s.slice(0, n)}…` : s;
}

function isDefined<T>(x: T | undefined): x is T {
  return x !== undefined;
}

/** `bugs` is a url, or `{ url, email }`; only the url can name a repository. */
function bugsUrl(raw: unknown): string | undefined {
  const url = typeof raw === "object" && raw !== null ? (raw as { url?: unknown }).url : raw;
  return typeof url === "string" && url.trim() ? cap(url.trim(), 500) : undefined;
}

function deprecation(raw: unknown): string | undefined {
  // npm marks un-deprecation with an empty string or false.
  if (typeof raw === "string" && raw.length > 0) return cap(raw, 1000);
  if (raw === true) return "deprecated";
  return undefined;
}

/**
 * The commands npm links, as npm reads them (npm-normalize-package-bin: `./build/x.js` is
 * `build/x.js`, a string bin is named after the package). The registry's copy reaches us already
 * normalised by npm-pick-manifest and a tarball's package.json raw; both are normalised here so
 * that they compare like with like and differ only when npm would install differently.
 */
function binMap(raw: string | Record<string, string> | undefined, name: string): Record<string, string> {
  if (raw === undefined) return {};
  // A copy: normalizeBin rewrites the object it is given.
  const bin = typeof raw === "string" ? raw : { ...raw };
  return normalizeBin({ name: name.replace(/^@[^/]+\//, ""), bin }).bin ?? {};
}

export function person(raw: unknown): Person | undefined {
  if (typeof raw === "string") {
    // "Name <email> (url)"
    const m = /^([^<(]*)(?:<([^>]*)>)?/.exec(raw);
    const name = m?.[1]?.trim();
    const email = m?.[2]?.trim();
    return name || email ? { name: name || undefined, email: email || undefined } : undefined;
  }
  const r = z
    .object({ name: z.string().max(200).optional(), email: z.string().max(200).optional() })
    .safeParse(raw);
  return r.success && (r.data.name || r.data.email) ? r.data : undefined;
}

export function license(raw: unknown): LicenseInfo {
  let text: string | undefined;
  if (typeof raw === "string") text = raw;
  else if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
    const t = (raw as { type?: unknown }).type;
    if (typeof t === "string") text = t;
  } else if (Array.isArray(raw)) {
    // Legacy `licenses: [{type}]`: an OR of the listed ones.
    const types = raw.map((l) => (typeof l === "object" && l ? (l as { type?: unknown }).type : l));
    if (types.every((t) => typeof t === "string") && types.length) text = types.join(" OR ");
  }
  if (!text) return { spdx: false };
  text = cap(text.trim(), 300)!;
  return { raw: text, spdx: isSpdx(text) };
}

function isSpdx(expression: string): boolean {
  try {
    spdxParse(expression);
    return true;
  } catch {
    return false;
  }
}

function dist(raw: unknown, notes: string[], where: string): DistInfo | undefined {
  if (raw === undefined) return undefined;
  const r = z
    .object({
      tarball: z.string().max(2000).optional(),
      integrity: z.string().max(1000).optional(),
      shasum: z.string().max(100).optional(),
      fileCount: z.number().int().nonnegative().optional(),
      unpackedSize: z.number().nonnegative().optional(),
      signatures: z
        .array(z.object({ keyid: z.string().max(500), sig: z.string().max(2000) }))
        .max(20)
        .optional(),
      attestations: z
        .object({
          url: z.string().max(2000),
          provenance: z.object({ predicateType: z.string().max(300) }).optional(),
        })
        .optional(),
    })
    .safeParse(raw);
  if (!r.success) {
    notes.push(`${where}: field "dist" is malformed and was ignored`);
    return undefined;
  }
  const d = r.data;
  return {
    tarball: d.tarball,
    integrity: d.integrity,
    shasum: d.shasum,
    fileCount: d.fileCount,
    unpackedSize: d.unpackedSize,
    signatures: d.signatures,
    attestations: d.attestations
      ? { url: d.attestations.url, predicateType: d.attestations.provenance?.predicateType }
      : undefined,
  };
}
