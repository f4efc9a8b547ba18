import type { AuditResult, IndexEntry } from "../index-model.js";
import type { Report } from "../model.js";
import { renderHtml } from "./html.js";
import { jsonText, renderJson } from "./json.js";
import { renderMarkdown } from "./markdown.js";
import { sanitizeLine } from "./sanitize.js";
import { renderSarif } from "./sarif.js";
import { renderText } from "./text.js";
import { coverageCounts, coverageSentence } from "./view.js";

/** Human formats the report set may hold beside the JSON (which it always holds). */
export const AUDIT_VIEWS = ["text", "markdown", "html", "sarif"] as const;
export type AuditView = (typeof AUDIT_VIEWS)[number];
export const DEFAULT_AUDIT_VIEWS: readonly AuditView[] = ["markdown", "html", "sarif"];

/** File name → content of a report set. */
export function renderReportSet(result: AuditResult, views: readonly AuditView[]): [string, string][] {
  const files: [string, string][] = [];
  const ordered: Report[] = [];
  for (const entry of result.index.targets) {
    const report = result.reports.get(entry.key);
    if (!report || !entry.report) continue;
    ordered.push(report);
    files.push([entry.report, renderJson(report)]);
  }
  const failed = result.index.targets.filter((t) => t.status !== "ok").map(failedLine);
  files.push(["index.json", jsonText(result.index)]);
  const diff = result.index.diff;
  if (views.includes("sarif")) files.push(["report.sarif", renderSarif(ordered, { srcRoot: process.cwd() })]);
  if (views.includes("markdown")) files.push(["report.md", renderMarkdown(ordered, { diff, failed })]);
  if (views.includes("html"))
    files.push(["report.html", renderHtml(ordered, { diff, failed, title: "mcp-vet audit" })]);
  if (views.includes("text")) files.push(["report.txt", auditText(ordered, failed)]);
  return files;
}

/** report.txt: the coverage line, the targets not audited, then each report's text view. */
function auditText(reports: readonly Report[], failed: { target: string; error: string }[]): string {
  const head = [`mcp-vet audit: ${reports.length} targets; ${coverageSentence(coverageCounts(reports))}`];
  for (const f of failed)
    head.push(`not audited: ${sanitizeLine(f.target, 200)}: ${sanitizeLine(f.error, 300)}`);
  const bodies = reports.map((r) => renderText(r, { color: false, verbose: false, quiet: false }));
  return `${[head.join("\n"), ...bodies].join("\n")}`;
}

const failedLine = (t: IndexEntry) => ({ target: t.spec, error: t.error ?? t.status });
