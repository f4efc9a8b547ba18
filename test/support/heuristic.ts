import { expect } from "vitest";
import type { Finding, Heuristic } from "../../scoring/engine/types.js";
import type { Evidence, PartKey } from "../../src/evidence/index.js";
import { evidence as healthy } from "./evidence.js";

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

/**
 * What a heuristic answers when the evidence part it needs could not be collected
 * (`unavailable`) and when it was not collected (`skipped`), on otherwise healthy evidence.
 */
export function withoutPart(
  h: Heuristic,
  part: PartKey,
  base: Evidence = healthy(),
): { unavailable: string; skipped: string } {
  return {
    unavailable: h.evaluate({ ...base, [part]: { status: "unavailable", error: "source down" } }).status,
    skipped: h.evaluate({ ...base, [part]: { status: "skipped", reason: "not collected" } }).status,
  };
}
