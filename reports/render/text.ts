import { styleText } from "node:util";
import type { Report, Severity } from "../model.js";
import { notChecked } from "../model.js";
import { firstPackages } from "./dependency-capabilities.js";
import { sanitizeLine } from "./sanitize.js";
import { evidenceWhere, notCheckedLine, probeView, toolReach } from "./view.js";

export interface TextOptions {
  color: boolean;
  /** Show info findings, every evidence line and the checks that could not run. */
  verbose: boolean;
  /** Only the summary line. */
  quiet: boolean;
}

type Style = Parameters<typeof styleText>[0];

const SEVERITY_STYLE: Record<Severity, Style> = {
  critical: ["bold", "red"],
  high: "red",
  medium: "yellow",
  low: "cyan",
  info: "gray",
};
const VERDICT_STYLE: Record<Report["score"]["verdict"], Style> = {
  pass: ["bold", "green"],
  warn: ["bold", "yellow"],
  fail: ["bold", "red"],
  incomplete: ["bold", "magenta"],
};

/** The terminal view of a report. Every string that came from the package is sanitised. */
export function renderText(report: Report, options: TextOptions): string {
  const paint = (style: Style, s: string) => (options.color ? styleText(style, s) : s);
  const t = report.target;
  const name = sanitizeLine(`${t.name}${t.version ? `@${t.version}` : ""}`, 120);
  const s = report.score;
  const headline = `${paint("bold", name)}  ${paint(VERDICT_STYLE[s.verdict], s.verdict.toUpperCase())}  score ${
    s.value ?? "–"
  }/100  grade ${s.grade ?? "–"}`;
  // What could not be checked comes first, before any score, even in the one-line form.
  const lead = notChecked(report).map((n) =>
    paint(n.required ? ["bold", "magenta"] : "yellow", sanitizeLine(notCheckedLine(n), 200)),
  );
  if (options.quiet) return `${[...lead, headline].join("\n")}\n`;

  const out: string[] = [...lead, headline];
  if (report.target.description) out.push(`  ${sanitizeLine(report.target.description, 160)}`);
  for (const r of s.reasons) out.push(paint("dim", `  ${sanitizeLine(r)}`));
  out.push("", paint("bold", "Categories"));
  const width = report.categories.reduce((w, c) => Math.max(w, c.id.length), 0);
  for (const c of report.categories) {
    const score = c.score === null ? "  –" : String(c.score).padStart(3);
    out.push(`  ${c.id.padEnd(width)}  ${score}  ${paint("dim", sanitizeLine(c.summary, 100))}`);
  }

  const declared = report.tools.filter((t) => t.source !== "probe");
  if (report.capabilities.length || declared.length) {
    out.push("", paint("bold", "What it can touch"));
    if (report.capabilities.length) {
      out.push(`  ${report.capabilities.map((c) => `${c.id} (${c.count})`).join("  ")}`);
    }
    if (declared.length) {
      const names = declared.map((t) => sanitizeLine(t.name, 40));
      const list = names.slice(0, options.verbose ? names.length : 12).join(", ");
      out.push(
        `  ${declared.length} MCP tool${declared.length > 1 ? "s" : ""}: ${list}${names.length > 12 && !options.verbose ? ", …" : ""}`,
      );
      for (const l of toolReachLines(declared, options.verbose === true, paint)) out.push(l);
    }
  }
  out.push(...probeLines(report, options.verbose, paint));
  if (report.dependencies) {
    const d = report.dependencies;
    out.push(
      paint(
        "dim",
        `  ${d.total} dependencies (${d.direct} direct)${d.withInstallScripts ? `, ${d.withInstallScripts} with install scripts` : ""}`,
      ),
    );
  }
  for (const l of dependencyCapabilityLines(report, options.verbose)) out.push(l);

  const shown = report.findings.filter((f) => options.verbose || f.severity !== "info");
  out.push(
    "",
    paint(
      "bold",
      `Findings (${shown.length}${shown.length < report.findings.length ? ` of ${report.findings.length}; --verbose shows all` : ""})`,
    ),
  );
  if (shown.length === 0) out.push("  none");
  for (const f of shown) {
    const sev = paint(SEVERITY_STYLE[f.severity], f.severity.toUpperCase().padEnd(8));
    const mark = f.credit ? paint("green", " +") : "";
    out.push(`  ${sev} ${sanitizeLine(f.title, 160)}${mark} ${paint("dim", `[${f.id}]`)}`);
    if (f.detail) out.push(`           ${sanitizeLine(f.detail, 300)}`);
    for (const e of f.evidence.slice(0, options.verbose ? 20 : 2)) {
      const where = sanitizeLine(evidenceWhere(e), 160);
      const text = [
        where,
        e.snippet ? sanitizeLine(e.snippet, 160) : "",
        e.url ? sanitizeLine(e.url, 160) : "",
      ]
        .filter(Boolean)
        .join("  ");
      if (text) out.push(paint("dim", `           ${text}`));
    }
    if (f.evidence.length > 2 && !options.verbose)
      out.push(paint("dim", `           … ${f.evidence.length - 2} more`));
    if (!f.credit) out.push(`           ${paint("green", "→")} ${sanitizeLine(f.remediation, 300)}`);
  }
  if (report.suggestedConfig && !options.quiet) {
    out.push("", paint("bold", "Safer config (pinned, install scripts off, secrets from the environment)"));
    const json = JSON.stringify(report.suggestedConfig, null, 2);
    for (const l of json.split("\n")) out.push(`  ${sanitizeLine(l, 200)}`);
  }
  if (report.suppressed.length) {
    out.push("", paint("dim", `${report.suppressed.length} finding(s) suppressed by policy`));
  }
  if (options.verbose) {
    const notRun = report.checks.filter((c) => c.status !== "evaluated");
    if (notRun.length) {
      out.push("", paint("bold", "Checks not run"));
      for (const c of notRun) out.push(`  ${c.id}: ${c.status} (${sanitizeLine(c.reason ?? "", 120)})`);
    }
    if (report.notes.length) {
      out.push("", paint("bold", "Notes"));
      for (const n of report.notes.slice(0, 50)) out.push(`  ${sanitizeLine(n)}`);
    }
  }

  out.push(...remoteLines(report, paint));
  out.push("");
  // A tool list (`mcp-vet tools`) has no sources to name.
  if (report.sources.length)
    out.push(
      `${paint("bold", "Sources")}  ${report.sources.map((src) => sourceLine(src, paint)).join(" · ")}`,
    );
  out.push(
    paint(
      "dim",
      `Policy ${sanitizeLine(report.policy.id, 60)} (sha256 ${report.policy.sha256.slice(0, 12)}) · mcp-vet ${report.tool.version}`,
    ),
  );
  return `${out.join("\n")}\n`;
}

/** "Dependencies that bring: process.exec 3 (execa, cross-spawn, …) · native 1 (…)"; verbose adds why. */
function dependencyCapabilityLines(report: Report, verbose: boolean): string[] {
  const caps = report.dependencyCapabilities ?? [];
  if (!caps.length) return [];
  const summary = caps.map((c) => {
    const { packages, more } = firstPackages(c, 3);
    const names = packages.map((p) => sanitizeLine(p.name, 60));
    return `${c.id} ${c.count} (${names.join(", ")}${more ? ", …" : ""})`;
  });
  const out = [`  Dependencies that bring: ${summary.join(" · ")}`];
  if (!verbose) return out;
  for (const c of caps) {
    const { packages, more } = firstPackages(c, 10);
    for (const p of packages) {
      const why = p.reasons.map((r) => r.detail).join("; ");
      out.push(`    ${c.id}  ${sanitizeLine(`${p.name}@${p.version}: ${why} (${p.path.join(" > ")})`, 200)}`);
    }
    if (more) out.push(`    ${c.id}  … ${more} more`);
  }
  return out;
}

function sourceLine(src: Report["sources"][number], paint: (s: Style, t: string) => string): string {
  if (src.status === "ok") return `${src.id} ${paint("green", src.cached ? "ok (cache)" : "ok")}`;
  if (src.status === "skipped")
    return `${src.id} ${paint("dim", `skipped${src.error ? ` (${sanitizeLine(src.error, 60)})` : ""}`)}`;
  return `${src.id} ${paint("red", `unavailable (${sanitizeLine(src.error ?? "", 80)})`)}`;
}

/** What the linked tool handlers reach, most dangerous first: which tool runs programs, writes, calls out. */
const REACH_ORDER = ["process.exec", "code.dynamic", "secrets.paths", "fs.write", "net.outbound", "native"];

function toolReachLines(
  tools: Report["tools"],
  verbose: boolean,
  paint: (style: Style, s: string) => string,
): string[] {
  const linked = tools.filter((t) => t.capabilities !== undefined);
  if (linked.length === 0) return [];
  if (verbose) {
    return linked.map((t) => {
      const reach = toolReach(t)!;
      const partial = reach.partial ? " (partial: some calls not followed)" : "";
      const where = t.handler ? `  ${sanitizeLine(evidenceWhere(t.handler), 90)}` : "";
      return `    ${sanitizeLine(t.name, 40)} → ${reach.text}${partial}${paint("dim", where)}`;
    });
  }
  const out: string[] = [];
  for (const id of REACH_ORDER) {
    const names = linked.filter((t) => t.capabilities!.includes(id)).map((t) => sanitizeLine(t.name, 40));
    if (names.length === 0) continue;
    const shown = names.slice(0, 6).join(", ");
    out.push(`    ${id}: ${shown}${names.length > 6 ? `, … ${names.length - 6} more` : ""}`);
  }
  return out.length ? [`  tools whose code reaches:`, ...out] : [];
}

/** What the sandboxed probe saw: the headline, tools that differ, limits, and (verbose: all) events. */
function probeLines(report: Report, verbose: boolean, paint: (style: Style, s: string) => string): string[] {
  const v = probeView(report);
  if (!v) return [];
  const out = ["", paint("bold", "Seen live (sandboxed probe)"), `  ${sanitizeLine(v.headline, 300)}`];
  const odd = v.tools.filter((t) => !t.code || !t.live || t.note);
  for (const t of odd.slice(0, verbose ? 100 : 8)) {
    const where = t.code && t.live ? "" : t.live ? " (live only)" : " (code only)";
    out.push(`  tool ${sanitizeLine(t.name, 60)}${where}${t.note ? `: ${sanitizeLine(t.note, 160)}` : ""}`);
  }
  for (const l of v.limits) out.push(paint("red", `  limit ${sanitizeLine(l, 200)}`));
  for (const s of v.install.slice(0, verbose ? 100 : 5))
    out.push(paint("dim", `  install script ${sanitizeLine(s, 200)}`));
  const shown = verbose
    ? v.events
    : v.events.filter((e) => e.flag || !e.what.startsWith("open ")).slice(0, 10);
  for (const e of shown)
    out.push(
      `  ${paint("dim", sanitizeLine(e.when, 60))}  ${sanitizeLine(e.what, 200)}${e.flag ? paint("red", `  ${sanitizeLine(e.flag, 60)}`) : ""}`,
    );
  if (shown.length < v.events.length)
    out.push(
      paint("dim", `  … ${v.events.length - shown.length} more event(s) (--verbose, or the JSON report)`),
    );
  return out;
}

/** `tools --url`: the endpoint's transport, TLS, authentication and OAuth metadata. */
function remoteLines(report: Report, paint: (style: Style, s: string) => string): string[] {
  const r = report.remote;
  if (!r) return [];
  const out = [
    "",
    paint("bold", "Remote endpoint"),
    `  ${sanitizeLine(r.url, 200)} (${r.transport === "none" ? "no answer" : r.transport})`,
  ];
  if (r.tls)
    out.push(
      `  TLS ${sanitizeLine(r.tls.version ?? "?", 20)}; certificate issued by ${sanitizeLine(r.tls.issuer ?? "?", 160)}${r.tls.validTo ? `, valid to ${r.tls.validTo.slice(0, 10)}${r.tls.daysLeft !== undefined ? ` (${r.tls.daysLeft} days)` : ""}` : ""}`,
    );
  else if (r.url.startsWith("http:")) out.push(paint("red", "  no TLS: plain http"));
  out.push(
    r.withoutAuth.answers
      ? paint("red", `  answers initialize without credentials (HTTP ${r.withoutAuth.status})`)
      : `  without credentials: HTTP ${r.withoutAuth.status ?? "no answer"}`,
  );
  if (r.oauth)
    out.push(
      `  OAuth protected resource: ${sanitizeLine(r.oauth.resource ?? "?", 160)}; authorization servers ${sanitizeLine(r.oauth.authorizationServers.join(", ") || "none", 200)}${r.oauth.scopes.length ? `; scopes ${sanitizeLine(r.oauth.scopes.join(" "), 160)}` : ""}`,
    );
  if (r.error) out.push(paint("yellow", `  ${sanitizeLine(r.error, 300)}`));
  return out;
}
