import type { Policy } from "../scoring/engine/policy.js";
import { policyDigest } from "../scoring/engine/policy.js";
import type { HeuristicOutcome, ScoreResult } from "../scoring/engine/score.js";
import {
  type CategoryId,
  type Finding,
  type HeuristicDefinition,
  SEVERITIES,
} from "../scoring/engine/types.js";

// The scored types are part of the report model: renderers take them from here.
export {
  type CategoryId,
  type Finding,
  type Location,
  SEVERITIES,
  type Severity,
} from "../scoring/engine/types.js";

import {
  type ConfigClient,
  type ConfigScope,
  type DependencyCapability,
  type Evidence,
  installedManifest,
  type ProbeEvent,
  type ProbeFacts,
  type SourceId,
  type SourceStatus,
  type TargetKind,
} from "../src/evidence/index.js";
import { diffDefinitions, type PinnedDefinition, staticDefinition } from "../src/evidence/tool-definition.js";

export const REPORT_SCHEMA_VERSION = 1 as const;

/**
 * The JSON report: mcp-vet's contract (reports/report.schema.json). Every other format is a
 * view of it. Fields are added, never removed or re-typed, within a schemaVersion.
 */
export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: string; version: string };
  generatedAt: string;
  target: {
    kind: TargetKind;
    name: string;
    version: string | null;
    spec: string;
    repository: string | null;
    integrity: string | null;
    /** The package's own description: hostile text, escaped by every renderer. */
    description?: string;
  };
  /**
   * What was and was not checked, from `sources`: every view leads with `notChecked`. Optional
   * in the type only because reports written before it (merged, or a baseline) lack it.
   */
  coverage?: Coverage;
  score: {
    value: number | null;
    grade: "A" | "B" | "C" | "D" | "F" | null;
    verdict: "pass" | "warn" | "fail" | "incomplete";
    reasons: string[];
  };
  categories: { id: CategoryId; score: number | null; weight: number; summary: string }[];
  findings: Finding[];
  suppressed: { id: string; title: string; reason: string }[];
  capabilities: { id: string; count: number; evidence: Finding["evidence"] }[];
  tools: {
    name: string;
    description: string;
    annotations?: Record<string, boolean>;
    source: "static" | "probe";
    hash: string;
    /** Where a statically found tool is declared. */
    file?: string;
    line?: number;
    /** Capability ids its handler's code reaches; present when the handler was linked. */
    capabilities?: string[];
    /** Where its handler begins; `complete: false` when some of its calls could not be followed. */
    handler?: { file: string; line?: number; complete: boolean };
  }[];
  advisories: {
    id: string;
    aliases: string[];
    package: string;
    version: string;
    severity: "critical" | "high" | "medium" | "low" | "unknown";
    summary: string;
    fixed?: string;
    direct: boolean;
    path: string[];
    malicious?: boolean;
    url?: string;
  }[];
  dependencies: { total: number; direct: number; [k: string]: number } | null;
  /**
   * Per capability, the dependencies that bring it (a library that is the capability, native
   * code, install scripts), from the tree's manifests; null without a tree. Its own key, since
   * every extra key of `dependencies` is a number by contract. Optional in the type only
   * because reports written before it (merged or used as a baseline) lack it.
   */
  dependencyCapabilities?: DependencyCapability[] | null;
  /** Which checks ran, could not run, or did not apply: what the score rests on. */
  checks: { id: string; status: "evaluated" | "unknown" | "skipped"; reason?: string }[];
  sources: SourceStatus[];
  notes: string[];
  policy: { id: string; sha256: string };
  /**
   * A client config entry that starts this exact version with install scripts off and its
   * credentials read from the environment rather than written into the file; null when the
   * target is not a registry package.
   */
  suggestedConfig: { mcpServers: Record<string, SuggestedServer> } | null;
  /**
   * The definitions of the heuristics whose findings (suppressed ones included) the report
   * holds: why each matters and what to do. Optional in the type only because reports written
   * before it (merged or used as a baseline) lack it.
   */
  rules?: RuleText[];
  /** What the sandboxed probe saw (`--probe`); absent when the probe was not asked for. */
  probe?: ProbeReport;
  /** `mcp-vet tools --url`: what the remote server's endpoint showed besides its tools. */
  remote?: RemoteFacts;
}

/** The probe's section of the report: what was seen live beside what was read statically. */
export interface ProbeReport {
  status: "ok" | "unavailable";
  /** Why the probe could not run (no bubblewrap, no user namespaces, an install that failed). */
  reason?: string;
  sandbox?: ProbeFacts["sandbox"];
  command?: string[];
  started?: boolean;
  failure?: string;
  server?: ProbeFacts["server"];
  /** Each tool by name: where it was seen, and whether its definition changed between listings. */
  tools?: {
    name: string;
    seen: "both" | "live-only" | "static-only";
    /** Fields whose live value differs from the code's (description, title, annotations, parameters). */
    differs?: string[];
    /** Fields that changed between the first and the second listing; `added` when it appeared only in the second. */
    changedLater?: string[];
  }[];
  prompts?: string[];
  resources?: string[];
  listChanged?: boolean;
  install?: ProbeFacts["install"];
  calls?: ProbeFacts["calls"];
  /** Files, connections, names looked up, programs and writes, in time order (capped). */
  events?: ProbeEvent[];
  counts?: ProbeFacts["counts"];
  limitsHit?: ProbeFacts["limitsHit"];
  exit?: ProbeFacts["exit"];
  stderr?: string;
  timings?: ProbeFacts["timings"];
  notes?: string[];
}

/** A remote MCP endpoint's transport facts (`mcp-vet tools --url`). */
export interface RemoteFacts {
  url: string;
  transport: "streamable-http" | "sse" | "none";
  tls?: { version?: string; issuer?: string; subject?: string; validTo?: string; daysLeft?: number };
  /** What it answered to `initialize` without credentials: `ok` means anyone may call it. */
  withoutAuth: { status: number | null; answers: boolean };
  /** OAuth protected-resource metadata (RFC 9728), when the server publishes it. */
  oauth?: { metadataUrl: string; resource?: string; authorizationServers: string[]; scopes: string[] };
  server?: { name?: string; version?: string };
  error?: string;
}

export interface Coverage {
  /** Every source that applies to this target answered. */
  complete: boolean;
  checked: SourceId[];
  /** Sources that apply but did not answer, required ones (the verdict is then incomplete) first. */
  notChecked: { source: SourceId; what: string; reason: string; required: boolean }[];
  /** Sources that do not apply, or that the user turned off (`--no-deps`, a local target). */
  skipped: { source: SourceId; reason: string }[];
}

/** What each source lets mcp-vet check, as the "NOT checked" lines name it. */
export const SOURCE_CHECKS: Record<SourceId, string> = {
  npm: "registry metadata",
  tarball: "package code",
  dependencies: "dependency tree",
  osv: "advisories",
  github: "repository history",
  provenance: "provenance",
  "mcp-registry": "MCP registry listing",
  probe: "live behaviour (sandboxed probe)",
};

export function coverageOf(sources: readonly SourceStatus[], required: readonly SourceId[]): Coverage {
  const notChecked = sources
    .filter((s) => s.status === "unavailable")
    .map((s) => ({
      source: s.id,
      what: SOURCE_CHECKS[s.id] ?? s.id,
      reason: s.error || "unavailable",
      required: required.includes(s.id),
    }))
    .sort((a, b) => Number(b.required) - Number(a.required));
  return {
    complete: notChecked.length === 0,
    checked: sources.filter((s) => s.status === "ok").map((s) => s.id),
    notChecked,
    skipped: sources
      .filter((s) => s.status === "skipped")
      .map((s) => ({ source: s.id, reason: s.error || "skipped" })),
  };
}

/** A heuristic's definition as the report carries it, so every view can say why and what to do. */
export type RuleText = Omit<HeuristicDefinition, "needs">;

/** The rules of the findings (suppressed ones too), in the order the heuristics run. */
function rulesCited(definitions: readonly HeuristicDefinition[], findings: readonly Finding[]): RuleText[] {
  const cited = new Set(findings.map((f) => f.id));
  return definitions
    .filter((d) => cited.has(d.id))
    .map(({ id, category, title, rationale, remediation, severity }) => ({
      id,
      category,
      title,
      rationale,
      remediation,
      severity,
    }));
}

export interface SuggestedServer {
  command: "npx";
  args: string[];
  env: Record<string, string>;
}

export interface ReportInput {
  evidence: Evidence;
  outcomes: HeuristicOutcome[];
  result: ScoreResult;
  /** The definitions of the heuristics that ran: the rules the report's findings cite. */
  definitions: readonly HeuristicDefinition[];
  policy: Policy;
  tool: { name: string; version: string };
  generatedAt: string;
}

export function buildReport(input: ReportInput): Report {
  const { evidence, result } = input;
  const manifest = installedManifest(evidence);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: input.tool,
    generatedAt: input.generatedAt,
    target: {
      kind: evidence.target.kind,
      name: evidence.target.name,
      version: evidence.target.version ?? null,
      spec: evidence.target.spec,
      repository: manifest?.repository?.url ?? manifest?.repository?.raw ?? null,
      integrity: evidence.target.integrity ?? null,
      ...(manifest?.description ? { description: manifest.description } : {}),
    },
    coverage: coverageOf(evidence.sources, input.policy.requiredSources),
    score: { value: result.value, grade: result.grade, verdict: result.verdict, reasons: result.reasons },
    categories: result.categories.map(({ id, score, weight, summary }) => ({ id, score, weight, summary })),
    findings: result.findings,
    suppressed: result.suppressed.map((s) => ({
      id: s.finding.id,
      title: s.finding.title,
      reason: s.reason,
    })),
    capabilities: reportCapabilities(evidence),
    tools: [...reportTools(evidence), ...liveTools(evidence)],
    advisories: reportAdvisories(evidence),
    dependencies: reportDependencies(evidence),
    dependencyCapabilities:
      evidence.dependencies.status === "ok" ? evidence.dependencies.data.capabilities : null,
    checks: input.outcomes.map((o) =>
      o.result.status === "evaluated"
        ? { id: o.id, status: "evaluated" }
        : { id: o.id, status: o.result.status, reason: o.result.reason },
    ),
    sources: evidence.sources,
    notes: evidence.notes,
    policy: { id: input.policy.id, sha256: policyDigest(input.policy) },
    suggestedConfig: suggestedConfig(evidence),
    rules: rulesCited(input.definitions, [...result.findings, ...result.suppressed.map((s) => s.finding)]),
    ...probeSection(evidence),
  };
}

/** Events the report carries; the evidence keeps more. */
const REPORT_PROBE_EVENTS = 100;

function probeSection(evidence: Evidence): { probe?: ProbeReport } {
  const p = evidence.probe;
  if (p.status === "skipped") return {};
  if (p.status === "unavailable") return { probe: { status: "unavailable", reason: p.error } };
  const d = p.data;
  return {
    probe: {
      status: "ok",
      sandbox: d.sandbox,
      command: d.command,
      started: d.started,
      ...(d.failure ? { failure: d.failure } : {}),
      ...(d.server ? { server: d.server } : {}),
      tools: probeTools(evidence, d),
      prompts: (d.first?.prompts ?? []).map((x) => x.name),
      resources: (d.first?.resources ?? []).map((x) => x.uri ?? x.name),
      listChanged: d.listChanged,
      install: d.install,
      calls: d.calls,
      events: d.events.slice(0, REPORT_PROBE_EVENTS),
      counts: d.counts,
      limitsHit: d.limitsHit,
      ...(d.exit ? { exit: d.exit } : {}),
      ...(d.stderr ? { stderr: d.stderr } : {}),
      timings: d.timings,
      notes: d.notes,
    },
  };
}

/** Each tool by name, statically declared and listed live, side by side. */
function probeTools(evidence: Evidence, d: ProbeFacts): NonNullable<ProbeReport["tools"]> {
  const declared = evidence.code.status === "ok" ? evidence.code.data.tools : [];
  const first = new Map((d.first?.tools ?? []).map((t) => [t.definition.name, t]));
  const second = new Map((d.second?.tools ?? []).map((t) => [t.definition.name, t]));
  const names = [...new Set([...declared.map((t) => t.name), ...first.keys(), ...second.keys()])];
  return names.slice(0, 500).map((name) => {
    const stat = declared.find((t) => t.name === name);
    const live = first.get(name) ?? second.get(name);
    const out: NonNullable<ProbeReport["tools"]>[number] = {
      name,
      seen: stat && live ? "both" : live ? "live-only" : "static-only",
    };
    if (stat && live) {
      const fromCode = staticDefinition(stat);
      const differs = [
        ...new Set(
          diffDefinitions(fromCode, live.definition)
            .map((c) => c.path.split(".")[0]!.replace(/ \(descriptions\)$/, ""))
            .filter((f) => f !== "description" || stat.description !== undefined)
            .filter((f) => f !== "outputSchema"),
        ),
      ];
      if (differs.length) out.differs = differs;
    }
    const a = first.get(name);
    const b = second.get(name);
    if (!a && b) out.changedLater = ["added"];
    else if (a && !b && d.second && !d.second.error) out.changedLater = ["removed"];
    else if (a && b && a.hash !== b.hash)
      out.changedLater = [
        ...new Set(diffDefinitions(a.definition, b.definition).map((c) => c.path.split(".")[0]!)),
      ];
    return out;
  });
}

/** The tools a probe listed, as report.tools entries (`source: "probe"`). */
function liveTools(evidence: Evidence): Report["tools"] {
  if (evidence.probe.status !== "ok") return [];
  const listed: PinnedDefinition[] = [];
  const seen = new Set<string>();
  for (const t of [
    ...(evidence.probe.data.first?.tools ?? []),
    ...(evidence.probe.data.second?.tools ?? []),
  ]) {
    if (seen.has(t.definition.name)) continue;
    seen.add(t.definition.name);
    listed.push(t);
  }
  return listed.map((t) => {
    const annotations = Object.fromEntries(
      Object.entries(t.definition.annotations ?? {}).filter(
        (e): e is [string, boolean] => typeof e[1] === "boolean",
      ),
    );
    return {
      name: t.definition.name,
      description: t.definition.description ?? "",
      ...(Object.keys(annotations).length ? { annotations } : {}),
      source: "probe" as const,
      hash: t.hash,
    };
  });
}

function reportAdvisories(evidence: Evidence): Report["advisories"] {
  if (evidence.advisories.status !== "ok") return [];
  return evidence.advisories.data.advisories.map((a) => ({
    id: a.id,
    aliases: a.aliases,
    package: a.package,
    version: a.version,
    severity: a.severity,
    summary: a.summary ?? "",
    ...(a.fixed ? { fixed: a.fixed } : {}),
    direct: a.direct || a.inTarget,
    path: a.path,
    ...(a.malicious ? { malicious: true } : {}),
    ...(a.url ? { url: a.url } : {}),
  }));
}

function reportDependencies(evidence: Evidence): Report["dependencies"] {
  const tree = evidence.dependencies;
  if (tree.status !== "ok") return null;
  const deps = tree.data.nodes.filter((n) => n.depth > 0);
  return {
    total: tree.data.counts.total,
    direct: tree.data.counts.direct,
    maxDepth: tree.data.counts.maxDepth,
    withInstallScripts: deps.filter((n) => n.hasInstallScript).length,
    deprecated: deps.filter((n) => n.deprecated).length,
    nonRegistry: deps.filter((n) => n.source !== "registry").length,
  };
}

function reportCapabilities(evidence: Evidence): Report["capabilities"] {
  if (evidence.code.status !== "ok") return [];
  return evidence.code.data.capabilities.map((c) => ({
    id: c.id,
    count: c.count,
    evidence: c.evidence.map((e) => ({
      file: e.file,
      ...(e.line ? { line: e.line } : {}),
      ...(e.snippet || e.detail
        ? { snippet: e.detail && e.snippet ? `${e.detail}: ${e.snippet}` : (e.snippet ?? e.detail) }
        : {}),
    })),
  }));
}

function reportTools(evidence: Evidence): Report["tools"] {
  if (evidence.code.status !== "ok") return [];
  return evidence.code.data.tools.map((t) => {
    const annotations = Object.fromEntries(
      Object.entries(t.annotations ?? {}).filter((e): e is [string, boolean] => typeof e[1] === "boolean"),
    );
    return {
      name: t.name,
      description: t.description ?? "",
      ...(Object.keys(annotations).length ? { annotations } : {}),
      source: "static" as const,
      hash: t.hash,
      file: t.where.file,
      ...(t.where.line ? { line: t.where.line } : {}),
      ...(t.handler
        ? {
            capabilities: t.handler.capabilities.map((c) => c.id),
            handler: {
              file: t.handler.where.file,
              ...(t.handler.where.line ? { line: t.handler.where.line } : {}),
              complete: t.handler.complete,
            },
          }
        : {}),
    };
  });
}

/** One server a client config starts, and its report. */
export interface ConfigServerResult {
  client: string;
  file: string;
  line?: number;
  name: string;
  /** Where the entry sits in the file (`mcpServers/github`, `projects/<dir>/mcpServers/github`). */
  entryPath: string;
  /** What the entry starts, in one line (`npx pkg@1.2.3`, `docker image`, a url). */
  launch: string;
  /** Vetted with the full pipeline (npm packages) or on the config checks alone. */
  vetted: "package" | "config-only";
  report?: Report;
  /** Why the server could not be vetted at all (e.g. its package does not exist). */
  error?: string;
}

/** The result of `mcp-vet config`: which files were read, and every server in them. */
export interface ConfigRun {
  files: {
    client: ConfigClient;
    path: string;
    scope: ConfigScope;
    errors: { message: string; line?: number; column?: number }[];
    servers: number;
  }[];
  missing: { client: string; path: string; reason: string }[];
  servers: ConfigServerResult[];
}

/** Environment names a config may reference, never values: at most this many. */
const MAX_SUGGESTED_ENV = 12;

function suggestedConfig(evidence: Evidence): Report["suggestedConfig"] {
  const { kind, name, version } = evidence.target;
  if ((kind !== "registry" && kind !== "github") || !name || !version) return null;
  const env: Record<string, string> = {
    // npx has no --ignore-scripts flag; npm reads this variable for the install it does.
    npm_config_ignore_scripts: "true",
  };
  if (evidence.code.status === "ok") {
    const needed = evidence.code.data.config.env.filter((e) => e.credentialLike).slice(0, MAX_SUGGESTED_ENV);
    for (const e of needed) if (/^[A-Z_][A-Z0-9_]*$/i.test(e.name)) env[e.name] = `\${${e.name}}`;
  }
  const key =
    name
      .replace(/^@[^/]+\//, "")
      .replace(/[^a-z0-9-]+/gi, "-")
      .slice(0, 60) || "server";
  return { mcpServers: { [key]: { command: "npx", args: ["-y", `${name}@${version}`], env } } };
}

/**
 * What makes two findings the same finding across runs (audit diffs, SARIF fingerprints): the
 * heuristic and its title with the numbers taken out. Titles carry counts and versions ("3
 * dependencies run install scripts", "… since 0.1.26"); a changed count is the same problem,
 * not a new one.
 */
export function findingIdentity(f: { id: string; title: string }): string {
  return `${f.id}\u0000${f.title.replace(/\d+(?:\.\d+)*/g, "#")}`;
}

/** The most severe finding that is not a credit: the one line an index or a summary shows. */
export function worstFinding(r: Report): Report["findings"][number] | undefined {
  return r.findings
    .filter((f) => !f.credit)
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity))[0];
}

export type NotChecked = NonNullable<Report["coverage"]>["notChecked"][number];

/**
 * What could not be checked, required sources first: every view leads with it. A report
 * written before `coverage` existed falls back to its unavailable sources.
 */
export function notChecked(r: Report): NotChecked[] {
  if (r.coverage) return r.coverage.notChecked;
  return r.sources
    .filter((s) => s.status === "unavailable")
    .map((s) => ({ source: s.id, what: s.id, reason: s.error || "unavailable", required: false }));
}
