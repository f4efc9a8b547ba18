/**
 * The accuracy harness's labelled sets (test/accuracy/benign.json and malicious.json): their
 * shapes, validated with zod as every file from outside is, and the loaders `npm run accuracy`
 * and the label test share.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";

// The repository root, found from here whether this runs from scripts/ (vitest) or dist/scripts/.
export const ROOT = (() => {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, "package.json")) || dir.endsWith("dist")) dir = dirname(dir);
  return dir;
})();
export const ACCURACY_DIR = join(ROOT, "test", "accuracy");
export const MALICIOUS_DIR = join(ACCURACY_DIR, "malicious");
export const PREVIOUS_DIR = join(ACCURACY_DIR, "previous");

const severity = z.enum(["critical", "high", "medium", "low", "info"]);
const verdict = z.enum(["pass", "warn", "fail"]);
const semverish = z.string().regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$/);
const npmName = z.string().regex(/^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/);
const oneLine = z
  .string()
  .min(10)
  .max(300)
  .regex(/^[^\n]+$/);

export const benignPackageSchema = z
  .object({
    name: npmName,
    /** Pinned: the version in the download snapshot, or the nearest one the registry has. */
    version: semverish,
    /** Rank among all rows of the snapshot (SDKs included), and its monthly downloads. */
    rank: z.number().int().positive(),
    downloads: z.number().int().nonnegative(),
    /** What kind of server it is, in a few words (a reviewer's note, not used by the harness). */
    kind: z.string().min(3).max(200),
    /** What a careful reviewer would answer. The target is no `fail`; warn where a high finding is defended. */
    expect: z.enum(["pass", "warn"]),
    /**
     * High or critical findings a reviewer would sign, by finding id, each with a one-line reason.
     * Any other high or critical finding on this package counts as a false alarm.
     */
    reviewed: z.record(z.string().regex(/^[a-z0-9-]+$/), oneLine).default({}),
    /**
     * The reviewer's diagnosis of findings judged false alarms, by finding id: why the finding is
     * wrong and, where it can be seen, its cause. Shown beside the false positive; never defends it.
     */
    notes: z.record(z.string().regex(/^[a-z0-9-]+$/), oneLine).optional(),
  })
  .strict();

export const benignFileSchema = z
  .object({
    about: z.string(),
    source: z.string(),
    /** Rows of the snapshot left out as not servers (SDKs, frameworks, clients, platform binaries), with why. */
    skipped: z.array(z.object({ name: npmName, why: z.string().min(3).max(200) }).strict()),
    packages: z.array(benignPackageSchema).min(1),
  })
  .strict();

const person = z.object({ name: z.string().min(1).max(100), email: z.string().email() }).strict();

export const maliciousCaseSchema = z
  .object({
    /** Folder under test/accuracy/malicious/. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    /** A key of `classes`: the attack this case re-creates. */
    class: z.string().min(1),
    /** What the package does and what was documented, in a sentence or two. */
    attack: z.string().min(20).max(1000),
    /** API style and form, for coverage: sdk-registerTool, sdk-tool, low-level; plain, ts-dist, bundled, minified, obfuscated. */
    api: z.enum(["registerTool", "tool", "low-level", "none"]),
    form: z.enum(["plain-esm", "plain-cjs", "ts-dist", "bundled", "minified", "obfuscated"]),
    /** Verdicts that count as caught. `fail` everywhere except shadowing, where `warn` is allowed too. */
    accept: z.array(verdict).min(1),
    /** Finding ids that name the attack today, beside the class's own (see `classes`). */
    reasons: z.array(z.string().regex(/^[a-z0-9-]+$/)).default([]),
    /** The least severity at which a naming finding counts as the reason. */
    minSeverity: severity.default("high"),
    registry: z
      .object({
        /** Days between this version's publication and the run's clock. */
        ageDays: z.number().min(0).max(5000),
        /** Earlier versions, oldest first. `from` names a folder under test/accuracy/previous/ holding that version's files; without it the version is this one's files renumbered. */
        history: z
          .array(
            z
              .object({
                version: semverish,
                ageDays: z.number().min(0).max(5000),
                from: z.string().optional(),
              })
              .strict(),
          )
          .default([]),
        maintainers: z.array(person).min(1),
        /** Who published this version (`_npmUser`); the first maintainer when unset. */
        publisher: person.optional(),
      })
      .strict(),
    /** The repository named in package.json, as the GitHub face answers it. */
    github: z
      .object({
        state: z.enum(["healthy", "young", "missing"]),
        ownerType: z.enum(["User", "Organization"]).default("User"),
        createdDaysAgo: z.number().min(0).max(5000).optional(),
      })
      .strict(),
  })
  .strict();

export const maliciousFileSchema = z
  .object({
    about: z.string(),
    /** The run's clock: every age above is counted back from it. */
    now: z.string().datetime(),
    /**
     * Attack classes, each with the heuristic ids that name it. Empty while no heuristic does:
     * a case of that class then fails at best "for the wrong reason" until one is added here.
     */
    classes: z.record(
      z.string(),
      z.object({ title: z.string().min(5).max(300), findings: z.array(z.string()) }).strict(),
    ),
    /** Servers the MCP registry face lists (the official ones impostors copy). */
    mcpRegistry: z
      .array(
        z
          .object({ name: z.string(), npm: z.string().optional(), repositoryUrl: z.string().optional() })
          .strict(),
      )
      .default([]),
    /** Third-party packages the cases depend on beyond the recorded trees: name -> version -> manifest facts. */
    catalog: z.record(
      npmName,
      z.record(
        semverish,
        z
          .object({
            license: z.string().optional(),
            dependencies: z.record(z.string(), z.string()).optional(),
            scripts: z.record(z.string(), z.string()).optional(),
            hasInstallScript: z.boolean().optional(),
            gypfile: z.boolean().optional(),
          })
          .strict(),
      ),
    ),
    cases: z.array(maliciousCaseSchema).min(1),
  })
  .strict();

export type BenignFile = z.infer<typeof benignFileSchema>;
export type BenignPackage = z.infer<typeof benignPackageSchema>;
export type MaliciousFile = z.infer<typeof maliciousFileSchema>;
export type MaliciousCase = z.infer<typeof maliciousCaseSchema>;

export class LabelError extends Error {}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new LabelError(`${path}: ${(e as Error).message}`);
  }
}

function parse<T>(schema: z.ZodType<T>, path: string): T {
  const r = schema.safeParse(readJson(path));
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new LabelError(`${path}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return r.data;
}

export function loadBenign(path = join(ACCURACY_DIR, "benign.json")): BenignFile {
  const file = parse(benignFileSchema, path);
  const seen = new Set<string>();
  for (const p of file.packages) {
    if (seen.has(p.name)) throw new LabelError(`${path}: ${p.name} is listed twice`);
    seen.add(p.name);
  }
  return file;
}

/**
 * The malicious labels, checked against the folders: every case has its package folder with a
 * valid package.json, every folder is a case, every class and previous-version folder exists.
 */
export function loadMalicious(
  path = join(ACCURACY_DIR, "malicious.json"),
  knownFindingIds?: ReadonlySet<string>,
): MaliciousFile {
  const file = parse(maliciousFileSchema, path);
  const ids = new Set<string>();
  for (const c of file.cases) {
    if (ids.has(c.id)) throw new LabelError(`${path}: case ${c.id} is listed twice`);
    ids.add(c.id);
    if (!file.classes[c.class]) throw new LabelError(`${path}: case ${c.id}: unknown class ${c.class}`);
    const manifest = casePackageJson(c.id);
    if (!manifest.repository) throw new LabelError(`case ${c.id}: package.json names no repository`);
    for (const h of c.registry.history) {
      if (h.version === manifest.version) throw new LabelError(`case ${c.id}: history repeats ${h.version}`);
      if (h.from && !existsSync(join(PREVIOUS_DIR, h.from, "package.json")))
        throw new LabelError(`case ${c.id}: no package.json in test/accuracy/previous/${h.from}`);
    }
    if (knownFindingIds)
      for (const r of c.reasons)
        if (!knownFindingIds.has(r)) throw new LabelError(`case ${c.id}: no heuristic has id ${r}`);
  }
  if (knownFindingIds)
    for (const [k, cls] of Object.entries(file.classes))
      for (const f of cls.findings)
        if (!knownFindingIds.has(f)) throw new LabelError(`class ${k}: no heuristic has id ${f}`);
  for (const dir of readdirSync(MALICIOUS_DIR)) {
    if (statSync(join(MALICIOUS_DIR, dir)).isDirectory() && !ids.has(dir))
      throw new LabelError(`test/accuracy/malicious/${dir} has no case in ${path}`);
  }
  return file;
}

const caseManifest = z
  .object({
    name: npmName,
    version: semverish,
    repository: z.union([z.string(), z.object({ url: z.string() }).passthrough()]).optional(),
  })
  .passthrough();

/** A case folder's package.json, validated: it must be a package npm could publish. */
export function casePackageJson(id: string): z.infer<typeof caseManifest> {
  const path = join(MALICIOUS_DIR, id, "package.json");
  if (!existsSync(path))
    throw new LabelError(`case ${id}: no folder test/accuracy/malicious/${id} with a package.json`);
  const r = caseManifest.safeParse(readJson(path));
  if (!r.success) throw new LabelError(`case ${id}: package.json: ${r.error.issues[0]!.message}`);
  return r.data;
}

/** `owner/name` of a GitHub repository field (`github:o/n`, `https://github.com/o/n(.git)`, `{url}`). */
export function githubRepoOf(repository: unknown): { owner: string; name: string } | undefined {
  const url =
    typeof repository === "string" ? repository : (repository as { url?: unknown } | undefined)?.url;
  if (typeof url !== "string") return undefined;
  const m =
    /^(?:github:|(?:git\+)?https?:\/\/github\.com\/|git@github\.com:)([^/]+)\/([^/#]+?)(?:\.git)?(?:#.*)?$/.exec(
      url.trim(),
    );
  return m ? { owner: m[1]!, name: m[2]! } : undefined;
}
