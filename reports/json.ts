import type { Report } from "../scoring/report.js";

/** The JSON report: the contract. Stable key order comes from buildReport. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
