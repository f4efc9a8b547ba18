import { styleText } from "node:util";
import type { ConfigRun, Report } from "../model.js";
import { type NotChecked, notChecked, SEVERITIES } from "../model.js";
import { sanitizeLine } from "./sanitize.js";
import { renderText, type TextOptions } from "./text.js";
import { evidenceWhere } from "./view.js";

/**
 * The terminal view of `mcp-vet config`: which files were read, a summary table (server,
 * client, file, grade, worst finding), then one section per server with its configuration
 * findings first and the package vet beneath.
 */
export function renderConfigText(run: ConfigRun, options: TextOptions): string {
  const paint = (style: Parameters<typeof styleText>[0], s: string) =>
    options.color ? styleText(style, s) : s;
  const out: string[] = [...notCheckedLead(run, paint), paint("bold", "Config files")];
  if (run.files.length === 0) out.push("  none found");
  for (const f of run.files) {
    out.push(
      `  ${f.client.padEnd(16)} ${sanitizeLine(f.path, 120)}  ${f.servers} server${f.servers === 1 ? "" : "s"}`,
    );
    for (const e of f.errors) {
      out.push(paint("red", `    ! ${sanitizeLine(e.message, 160)}${e.line ? ` (line ${e.line})` : ""}`));
    }
  }
  if (options.verbose && run.missing.length) {
    out.push(paint("dim", `  not found: ${run.missing.map((m) => sanitizeLine(m.path, 100)).join(", ")}`));
  } else if (run.missing.length) {
    out.push(
      paint("dim", `  (${run.missing.length} other known locations have no file; --verbose lists them)`),
    );
  }

  out.push("", paint("bold", "Servers"));
  if (run.servers.length === 0) out.push("  none");
  const rows = run.servers.map((s) => [
    sanitizeLine(s.name, 30),
    s.client,
    sanitizeLine(s.file.split(/[\\/]/).slice(-2).join("/"), 40),
    s.report?.score.grade ?? (s.report ? "–" : "error"),
    s.report ? worst(s.report) : sanitizeLine(s.error ?? "", 60),
  ]);
  const head = ["server", "client", "file", "grade", "worst finding"];
  const widths = head.map((h, i) => rows.reduce((w, r) => Math.max(w, r[i]!.length), h.length));
  const line = (r: string[]) =>
    `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join("  ")}`;
  if (rows.length) {
    out.push(paint("dim", line(head)));
    for (const r of rows) out.push(line(r));
  }
  if (options.quiet) return `${out.join("\n")}\n`;

  for (const s of run.servers) {
    out.push(
      "",
      paint(
        "bold",
        `── ${sanitizeLine(s.name, 60)} (${s.client}, ${sanitizeLine(s.file, 100)}${s.line ? `:${s.line}` : ""})`,
      ),
    );
    out.push(
      `   starts: ${sanitizeLine(s.launch, 160)}${s.vetted === "config-only" ? paint("dim", "  (configuration checked only)") : ""}`,
    );
    if (!s.report) {
      out.push(paint("red", `   could not vet: ${sanitizeLine(s.error ?? "", 200)}`));
      continue;
    }
    const config = s.report.findings.filter((f) => f.category === "configuration");
    out.push(paint("bold", "   Configuration"));
    if (config.length === 0) out.push("     no issues found");
    for (const f of config) {
      out.push(
        `     ${f.severity.toUpperCase().padEnd(8)} ${sanitizeLine(f.title, 160)} ${paint("dim", `[${f.id}]`)}`,
      );
      for (const e of f.evidence.slice(0, 2)) {
        const where = sanitizeLine(evidenceWhere(e), 160);
        out.push(
          paint(
            "dim",
            `              ${[where, e.snippet ? sanitizeLine(e.snippet, 160) : ""].filter(Boolean).join("  ")}`,
          ),
        );
      }
      out.push(`              → ${sanitizeLine(f.remediation, 400)}`);
    }
    if (s.vetted === "package") {
      const rest: Report = {
        ...s.report,
        findings: s.report.findings.filter((f) => f.category !== "configuration"),
      };
      out.push(paint("bold", "   Package"));
      out.push(
        ...renderText(rest, options)
          .trimEnd()
          .split("\n")
          .map((l) => `   ${l}`),
      );
    }
  }
  return `${out.join("\n")}\n`;
}

/** What could not be checked across the servers, first: "advisories NOT checked for 2 of 3 servers: OSV unreachable …". */
function notCheckedLead(
  run: ConfigRun,
  paint: (style: Parameters<typeof styleText>[0], s: string) => string,
) {
  const reports = run.servers.flatMap((s) => (s.report ? [s.report] : []));
  const bySource = new Map<string, { first: NotChecked; servers: number }>();
  for (const r of reports) {
    for (const n of notChecked(r)) {
      const seen = bySource.get(n.source);
      if (seen) seen.servers++;
      else bySource.set(n.source, { first: n, servers: 1 });
    }
  }
  return [...bySource.values()].map(({ first, servers }) =>
    paint(
      first.required ? ["bold", "magenta"] : "yellow",
      sanitizeLine(
        `${first.what} NOT checked for ${servers} of ${reports.length} server${reports.length === 1 ? "" : "s"}: ${first.reason}`,
        200,
      ),
    ),
  );
}

function worst(report: Report): string {
  const problems = report.findings.filter((f) => !f.credit && f.severity !== "info");
  problems.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  const w = problems[0];
  return w ? `${w.severity}: ${sanitizeLine(w.title, 70)}` : "none";
}
