import { expect } from "vitest";
import type { Finding, Heuristic } from "../../scoring/engine/types.js";
import type { Evidence } from "../../src/evidence/index.js";

/** Evaluates and asserts the heuristic ran; returns its findings. */
export function findingsOf(h: Heuristic, evidence: Evidence): Finding[] {
  const result = h.evaluate(evidence);
  expect(result.status, result.status !== "evaluated" ? result.reason : "").toBe("evaluated");
  return result.status === "evaluated" ? result.findings : [];
}

/** A compact signature of findings for table tests: "severity:title". */
export function summary(findings: Finding[]): string[] {
  return findings.map((f) => `${f.severity}:${f.title}`);
}
