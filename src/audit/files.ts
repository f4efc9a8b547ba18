import { mkdirSync, writeFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type AuditIndex, type AuditResult, INDEX_SCHEMA_VERSION } from "../../reports/index-model.js";
import type { Report } from "../../reports/model.js";
import { type AuditView, DEFAULT_AUDIT_VIEWS, renderReportSet } from "../../reports/render/report-set.js";
import { AuditUsageError } from "./inventory.js";
import { reportFileName } from "./shard.js";

/**
 * Writes the report set: one JSON per target and index.json (always: they are the contract),
 * and the human views asked for (default report.md, report.html, report.sarif; `text` adds
 * report.txt).
 */
export async function writeAuditOutput(
  outDir: string,
  result: AuditResult,
  views: readonly AuditView[] = DEFAULT_AUDIT_VIEWS,
): Promise<void> {
  await mkdir(outDir, { recursive: true });
  for (const [name, content] of renderReportSet(result, views)) await writeFile(join(outDir, name), content);
}

/** writeAuditOutput for a signal handler, which cannot wait for promises. */
export function writeAuditOutputSync(
  outDir: string,
  result: AuditResult,
  views: readonly AuditView[] = DEFAULT_AUDIT_VIEWS,
): void {
  mkdirSync(outDir, { recursive: true });
  for (const [name, content] of renderReportSet(result, views)) writeFileSync(join(outDir, name), content);
}

/** Reads a report set written by writeAuditOutput (a shard's output folder). */
export async function readAuditOutput(dir: string): Promise<AuditResult> {
  let index: AuditIndex;
  try {
    index = JSON.parse(await readFile(join(dir, "index.json"), "utf8")) as AuditIndex;
  } catch {
    throw new AuditUsageError(`${dir} holds no readable index.json`);
  }
  if (index?.schemaVersion !== INDEX_SCHEMA_VERSION || !Array.isArray(index.targets)) {
    throw new AuditUsageError(
      `${dir}/index.json is not an mcp-vet index (schemaVersion ${INDEX_SCHEMA_VERSION})`,
    );
  }
  const reports = new Map<string, Report>();
  for (const t of index.targets) {
    if (!t.report) continue;
    // Only our own file names: an index is input too and must not point outside its folder.
    if (t.report !== reportFileName(t.key))
      throw new AuditUsageError(`${dir}/index.json: unexpected report ${t.report}`);
    reports.set(t.key, JSON.parse(await readFile(join(dir, t.report), "utf8")) as Report);
  }
  return { index, reports };
}
