import { createHash } from "node:crypto";
import { z } from "zod";
import defaultPolicyJson from "./default-policy.json" with { type: "json" };
import { CATEGORIES, SEVERITIES } from "./types.js";

const severity = z.enum(SEVERITIES);
const packageRule = z.object({
  /** Package name; `*` in it matches any run of characters (e.g. `@acme/*`). */
  package: z.string().min(1).max(214),
  /** Optional semver range the rule is limited to. */
  range: z.string().max(200).optional(),
  reason: z.string().max(1000),
});

/**
 * The policy: how findings become a score, a grade and a verdict. Read from a JSON file
 * (scoring/engine/default-policy.json; a user's --policy file is laid over it), validated here.
 */
export const policySchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().min(1).max(100),
    description: z.string().max(2000).optional(),
    categories: z.partialRecord(z.enum(CATEGORIES), z.object({ weight: z.number().min(0).max(1000) })),
    /** Points a finding of each severity takes off its category's 100. */
    severityPenalties: z.record(severity, z.number().min(0).max(100)),
    /** Points each positive signal (a `credit` finding) adds back to its category, up to 100. */
    creditPoints: z.number().min(0).max(100),
    /** Score a category counts for when its checks could not run: never as good as a pass. */
    unknownScore: z.number().min(0).max(100),
    /** Lowest score for each grade; below D is F. */
    grades: z.object({ A: z.number(), B: z.number(), C: z.number(), D: z.number() }),
    /** The overall score cannot exceed this while a finding of that severity stands. */
    scoreCaps: z.partialRecord(severity, z.number().min(0).max(100)),
    verdict: z.object({
      /** At or above, and with no finding at `warnOnSeverity` or worse: pass. */
      passAt: z.number().min(0).max(100),
      /** Below: fail. A grade F fails whatever this says: it can raise the bar, not lower it. */
      failBelow: z.number().min(0).max(100),
      /** A finding this severe or worse fails the verdict whatever the score. */
      failOnSeverity: severity.nullable(),
      warnOnSeverity: severity.nullable(),
    }),
    /**
     * Sources without which the verdict is `incomplete` (exit 3): by default the registry, the
     * tarball and OSV (advisories), so an advisory check that could not run never passes.
     */
    requiredSources: z.array(
      z.enum(["npm", "tarball", "dependencies", "github", "osv", "mcp-registry", "provenance"]),
    ),
    /** Per-heuristic severity, replacing the heuristic's own. */
    severityOverrides: z.record(z.string(), severity),
    /** Heuristic ids not run at all. */
    disabled: z.array(z.string()),
    /** Approved packages: a failing verdict becomes warn, except for blocking findings. */
    allow: z.array(packageRule),
    /** Forbidden packages: always fail. */
    deny: z.array(packageRule),
    /**
     * The organisation's own publishers, added to scoring/knowledge/publishers.json's list: their
     * packages count as vendor-published, and look-alikes of them as impostors.
     */
    publishers: z.array(
      z.object({
        id: z.string().min(1).max(100),
        organisation: z.string().min(1).max(200),
        kind: z.enum(["reference", "vendor", "internal"]).optional(),
        npmScopes: z.array(z.string().max(214)),
        npmPackages: z.array(z.string().max(214)).optional(),
        githubOrgs: z.array(z.string().max(100)),
        mcpNamespaces: z.array(z.string().max(200)).optional(),
        domains: z.array(z.string().max(253)).optional(),
        brands: z.array(z.string().max(100)).optional(),
        note: z.string().max(1000).optional(),
      }),
    ),
    /**
     * How fresh the registry's answers must be. A cached packument (and a dependency tree
     * resolved from packuments) younger than `registryHours` is used without asking the
     * registry; older, it is revalidated with the registry's validators when it sent any, else
     * fetched again. `--refresh` asks now whatever the age; 0 asks every run.
     */
    freshness: z
      .object({
        registryHours: z
          .number()
          .min(0)
          .max(24 * 365),
      })
      .strict(),
    /** Accepted findings, hidden from the score but listed in the report as suppressed. */
    suppress: z.array(
      z.object({
        id: z.string(),
        package: z.string().optional(),
        reason: z.string().max(1000),
        /** ISO date after which the suppression lapses. */
        until: z.string().optional(),
      }),
    ),
  })
  .strict();

export type Policy = z.infer<typeof policySchema>;
export type PackageRule = z.infer<typeof packageRule>;

export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyError";
  }
}

/** The policy's registry freshness in milliseconds, as the collectors take it. */
export function registryFreshnessMs(policy: Policy): number {
  return Math.round(policy.freshness.registryHours * 3600 * 1000);
}

export function defaultPolicy(): Policy {
  return policySchema.parse(defaultPolicyJson);
}

/**
 * Lays a user's policy over the default: objects merge key by key, arrays and scalars
 * replace. So a file holding only `{"deny": [...]}` keeps every default weight.
 */
export function resolvePolicy(user: unknown, source = "policy file"): Policy {
  if (typeof user !== "object" || user === null || Array.isArray(user)) {
    throw new PolicyError(`${source}: must be a JSON object`);
  }
  const merged = mergeDeep(defaultPolicyJson as Record<string, unknown>, user as Record<string, unknown>);
  if (!("id" in user)) merged.id = "custom";
  const parsed = policySchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PolicyError(`${source}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return parsed.data;
}

function mergeDeep(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = base[k];
    out[k] =
      isPlainObject(b) && isPlainObject(v)
        ? mergeDeep(b as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

function isPlainObject(x: unknown): boolean {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** sha256 of the policy in a canonical form, so two reports can tell they used the same rules. */
export function policyDigest(policy: Policy): string {
  return createHash("sha256").update(canonicalJson(policy)).digest("hex");
}

function canonicalJson(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonicalJson).join(",")}]`;
  if (isPlainObject(x)) {
    const o = x as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(x);
}
