import { createHash } from "node:crypto";
import type { Finding, Report, RuleText, Severity } from "../model.js";
import { findingIdentity, notChecked } from "../model.js";
import { jsonText } from "./json.js";
import { sanitizeForTerminal } from "./sanitize.js";
import { notCheckedLine } from "./view.js";

/** SARIF 2.1.0 (OASIS), as GitHub code scanning and other viewers read it. */
export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

type Level = "error" | "warning" | "note";

const LEVEL: Record<Severity, Level> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

// GitHub code scanning maps this 0–10 number to its own critical/high/medium/low.
const SECURITY_SEVERITY: Record<Severity, string | undefined> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  info: undefined,
};

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: SarifRun[];
}

interface SarifRun {
  tool: { driver: { name: string; version: string; rules: SarifRule[] } };
  /** What could not be checked, per target, as the run's leading notifications. */
  invocations: {
    executionSuccessful: boolean;
    toolExecutionNotifications: { level: "error" | "warning"; message: { text: string } }[];
  }[];
  originalUriBaseIds: Record<string, { description: { text: string } }>;
  results: SarifResult[];
  columnKind: "unicodeCodePoints";
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: Level };
  properties: { category: string; tags: string[]; "security-severity"?: string; precision: string };
}

interface SarifLocation {
  physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number } };
  logicalLocations: { name: string; fullyQualifiedName: string; kind: string }[];
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: { text: string };
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  properties: {
    target: string;
    severity: Severity;
    blocking?: boolean;
    remediation: string;
    evidenceUrls?: string[];
    snippets?: string[];
  };
}

/**
 * One SARIF run over every report: each finding is a result whose rule is its heuristic's
 * definition, as the report carries it (`rules`). Locations are paths inside the package
 * (uriBaseId PACKAGE_ROOT) with the package as a logical location; a finding without a file
 * points at the package's package.json.
 */
export function renderSarif(reports: readonly Report[], options: { srcRoot?: string } = {}): string {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const results: SarifResult[] = [];
  for (const report of reports) {
    const cited = new Map((report.rules ?? []).map((r) => [r.id, r]));
    for (const f of report.findings) {
      if (f.credit) continue; // positive signals are not alerts
      if (!ruleIndex.has(f.id)) {
        // A report without the rule (written before reports carried rules): the finding's own
        // text stands in for the definition.
        const rule = cited.get(f.id) ?? {
          id: f.id,
          category: f.category,
          title: plain(f.title),
          rationale: plain(f.detail),
          remediation: plain(f.remediation),
          severity: f.severity,
        };
        ruleIndex.set(f.id, rules.length);
        rules.push(ruleFrom(rule));
      }
      results.push(resultFrom(report, f, ruleIndex.get(f.id)!, options.srcRoot));
    }
  }
  const log: SarifLog = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "mcp-vet",
            version: reports[0]?.tool.version ?? "0.0.0",
            rules,
          },
        },
        invocations: [
          { executionSuccessful: true, toolExecutionNotifications: notCheckedNotifications(reports) },
        ],
        originalUriBaseIds: {
          PACKAGE_ROOT: {
            description: { text: "The root of the vetted package (its tarball's package/ folder)." },
          },
          SRCROOT: {
            description: { text: "The folder mcp-vet ran in: client config files are located from here." },
          },
        },
        results,
        columnKind: "unicodeCodePoints",
      },
    ],
  };
  return jsonText(log);
}

/** "mcp-remote@0.1.15: advisories NOT checked: OSV unreachable …"; an error when the policy required it. */
function notCheckedNotifications(
  reports: readonly Report[],
): SarifRun["invocations"][number]["toolExecutionNotifications"] {
  return reports.flatMap((r) => {
    const target = `${r.target.name}${r.target.version ? `@${r.target.version}` : ""}`;
    return notChecked(r).map((n) => ({
      level: n.required ? ("error" as const) : ("warning" as const),
      message: { text: plain(`${target}: ${notCheckedLine(n)}`) },
    }));
  });
}

function ruleFrom(d: RuleText): SarifRule {
  const securitySeverity = SECURITY_SEVERITY[d.severity];
  return {
    id: d.id,
    name: d.id
      .split("-")
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(""),
    shortDescription: { text: d.title },
    fullDescription: { text: d.rationale },
    help: { text: d.remediation, markdown: `**Why:** ${d.rationale}\n\n**Remediation:** ${d.remediation}` },
    defaultConfiguration: { level: LEVEL[d.severity] },
    properties: {
      category: d.category,
      // The schema wants unique tags, and the category may itself be "supply-chain".
      tags: [...new Set(["security", "supply-chain", d.category])],
      ...(securitySeverity ? { "security-severity": securitySeverity } : {}),
      precision: "medium",
    },
  };
}

function resultFrom(report: Report, f: Finding, index: number, srcRoot?: string): SarifResult {
  const target = `${report.target.name}${report.target.version ? `@${report.target.version}` : ""}`;
  const logical = [{ name: plain(report.target.name), fullyQualifiedName: plain(target), kind: "module" }];
  const withFile = f.evidence.filter((e) => e.file);
  const locations: SarifLocation[] = (withFile.length ? withFile : [{ file: "package.json" }])
    .slice(0, 10)
    .map((e) => ({
      physicalLocation: {
        artifactLocation: artifactFor(f, e.file!, srcRoot),
        // The schema takes only a whole line number from 1.
        ...(e.line && Number.isInteger(e.line) && e.line > 0 ? { region: { startLine: e.line } } : {}),
      },
      logicalLocations: logical,
    }));
  const urls = f.evidence.flatMap((e) => (e.url ? [plain(e.url)] : []));
  const snippets = f.evidence.flatMap((e) => (e.snippet ? [plain(e.snippet)] : []));
  return {
    ruleId: f.id,
    ruleIndex: index,
    level: LEVEL[f.severity],
    message: { text: `${plain(target)}: ${plain(f.title)}. ${plain(f.detail)}` },
    locations,
    // Stable across runs and versions: the same finding on the same package is one alert,
    // whatever count or version its title gives this time.
    partialFingerprints: {
      "mcpVetFinding/v2": createHash("sha256")
        .update(`${report.target.name}\u0000${findingIdentity(f)}`)
        .digest("hex")
        .slice(0, 32),
    },
    properties: {
      target: plain(target),
      severity: f.severity,
      ...(f.blocking ? { blocking: true } : {}),
      remediation: plain(f.remediation),
      ...(urls.length ? { evidenceUrls: urls } : {}),
      ...(snippets.length ? { snippets } : {}),
    },
  };
}

/**
 * Where a finding points: a file of the package (PACKAGE_ROOT), or, for a configuration
 * finding, the client config file itself — relative to where mcp-vet ran (SRCROOT), or by
 * absolute file URI when it lies elsewhere (a user's home folder).
 */
function artifactFor(f: Finding, file: string, srcRoot?: string): { uri: string; uriBaseId?: string } {
  if (f.category !== "configuration") return { uri: fileUri(file), uriBaseId: "PACKAGE_ROOT" };
  let normal = file.replace(/\\/g, "/");
  const root = srcRoot?.replace(/\\/g, "/").replace(/\/?$/, "/");
  if (root && normal.startsWith(root)) normal = normal.slice(root.length);
  if (!/^([a-z]:)?\//i.test(normal)) return { uri: fileUri(normal), uriBaseId: "SRCROOT" };
  const encoded = (path: string) => path.split("/").map(encodeURIComponent).join("/");
  // RFC 8089: a UNC share is the URI's host, a drive letter keeps its colon.
  const unc = /^\/\/([^/]+)(\/.*)?$/.exec(normal);
  if (unc) return { uri: `file://${encodeURIComponent(unc[1]!)}${encoded(unc[2] ?? "/")}` };
  const drive = /^([a-z]):(\/.*)?$/i.exec(normal);
  if (drive) return { uri: `file:///${drive[1]}:${encoded(drive[2] ?? "/")}` };
  return { uri: `file://${encoded(normal)}` };
}

/** Package text in SARIF: viewers render it, so controls and bidi tricks are neutralised. */
function plain(text: string): string {
  return sanitizeForTerminal(text, 2000);
}

/** A relative URI reference for a path inside the package (RFC 3986 escaping per segment). */
function fileUri(path: string): string {
  return (
    path
      .replace(/^\.?\/+/, "")
      .replace(/^package\//, "")
      .split("/")
      .filter((s) => s && s !== "..")
      .map(encodeURIComponent)
      .join("/") || "package.json"
  );
}
