import type { ProbeEvent, ProbeFacts } from "../../../src/evidence/index.js";
import type { Location } from "../../engine/types.js";

/** Where a live event is shown: the probe, its phase and time, and what was touched. */
export function eventLocation(e: ProbeEvent): Location {
  const what = e.kind === "exec" ? (e.argv?.length ? e.argv.join(" ") : e.path) : (e.path ?? e.address);
  // Not a file of the package: the snippet says where in the probe it was seen.
  return {
    snippet:
      `[probe, ${phaseText(e)}] ${e.kind}${e.op ? ` ${e.op}` : ""} ${what ?? ""} → ${e.result} at ${seconds(e.t)}`.slice(
        0,
        500,
      ),
  };
}

export function phaseText(e: Pick<ProbeEvent, "phase" | "script">): string {
  if (e.phase === "install") return e.script ? `install: ${e.script}` : "install";
  return e.phase === "call" ? "during a tool call" : "start-up";
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Events of some kinds, in time order. */
export function eventsOf(facts: ProbeFacts, ...kinds: ProbeEvent["kind"][]): ProbeEvent[] {
  return facts.events.filter((e) => kinds.includes(e.kind));
}

/** `203.0.113.7:443`, `[::1]:80`, `unix:/x`: whether the address stays on the machine. */
export function isLocalAddress(address: string): boolean {
  return (
    address.startsWith("unix:") ||
    /^127\./.test(address) ||
    /^\[(?:::1|::ffff:127\.[0-9.]+)\]/.test(address) ||
    /^0\.0\.0\.0:/.test(address)
  );
}

/** A list of up to `max` items, and how many more. */
export function listOf(items: string[], max = 5): string {
  const shown = items.slice(0, max).join(", ");
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}
