import type { Report } from "../model.js";

/** The JSON report: the contract. Stable key order comes from buildReport. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
