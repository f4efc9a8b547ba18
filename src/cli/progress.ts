import { sanitizeLine } from "../../reports/render/sanitize.js";
import type { ProgressEvent } from "../collect/index.js";

/** The words of the progress line for one event. Names come from the registry: sanitised. */
export function describeProgress(e: ProgressEvent): string {
  switch (e.phase) {
    case "resolving":
      return `resolving ${sanitizeLine(e.spec, 80)}`;
    case "tarball":
      return `reading the tarball of ${sanitizeLine(`${e.name}${e.version ? `@${e.version}` : ""}`, 80)}`;
    case "analysing":
      return `analysing ${e.files} file${e.files === 1 ? "" : "s"}`;
    case "tree":
      return e.packages === undefined
        ? "resolving the dependency tree"
        : `dependency tree: ${e.packages} package${e.packages === 1 ? "" : "s"}`;
    case "advisories":
      return `checking advisories for ${e.packages} package${e.packages === 1 ? "" : "s"}`;
  }
}

/** Where the line is drawn: process.stderr, or a fake in tests. */
export interface LineSink {
  write(text: string): unknown;
  columns?: number;
}

const CLEAR = "\r\u001b[2K";

/**
 * One redrawn line on a terminal's stderr: each update replaces the last (carriage return,
 * erase line), `clear()` leaves the line empty for what is printed next. Drawn only on a
 * terminal; the caller decides that.
 */
export class ProgressLine {
  private shown = false;

  constructor(private readonly sink: LineSink) {}

  update(text: string): void {
    // A pseudo-terminal may report 0 columns: unknown, not zero.
    const width = Math.max(20, (this.sink.columns || 80) - 1);
    const line = `mcp-vet: ${text}…`;
    this.sink.write(`${CLEAR}${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
    this.shown = true;
  }

  event(e: ProgressEvent): void {
    this.update(describeProgress(e));
  }

  clear(): void {
    if (!this.shown) return;
    this.sink.write(CLEAR);
    this.shown = false;
  }
}

/** The line the running command draws, so log lines can clear it before they print. */
let active: ProgressLine | undefined;

export function startProgress(sink: LineSink): ProgressLine {
  active = new ProgressLine(sink);
  return active;
}

export function stopProgress(): void {
  active?.clear();
  active = undefined;
}

/** Clears the progress line, if one is drawn, so the next write starts at column 0. */
export function clearProgress(): void {
  active?.clear();
}
