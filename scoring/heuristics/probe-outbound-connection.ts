import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft, Severity } from "../engine/types.js";
import { eventLocation, eventsOf, isLocalAddress, listOf, phaseText } from "./shared/probe.js";

export default defineHeuristic(
  {
    id: "probe-outbound-connection",
    category: "permissions",
    title: "The server tried to reach the network when it ran",
    rationale:
      "The sandbox has no network: every connection fails, but its address is recorded, and so are the names looked up. A server that calls out while installing or starting, before any tool is called, is sending something on its own: telemetry at best, what it found on the machine at worst. Calls made during a tool call (`--probe-call`) are the tool's job and are not listed here.",
    remediation:
      "Find out what the server sends and where (the addresses and names are listed); block them, or do not run the server where it can reach data worth sending.",
    severity: "medium",
    needs: ["probe"],
  },
  (evidence) => {
    const facts = evidence.probe.data;
    const events = eventsOf(facts, "connect", "dns").filter((e) => e.phase !== "call");
    const drafts: FindingDraft[] = [];
    for (const phase of ["install", "run"] as const) {
      const here = events.filter((e) => e.phase === phase);
      const remote = here.filter((e) => e.kind === "dns" || !isLocalAddress(e.address ?? ""));
      const local = here.filter((e) => e.kind === "connect" && isLocalAddress(e.address ?? ""));
      if (remote.length) {
        const severity: Severity = phase === "install" ? "high" : "medium";
        const targets = [...new Set(remote.map((e) => e.address ?? ""))];
        drafts.push({
          severity,
          title: `${phase === "install" ? "An install script" : "The server"} tried to reach ${listOf(targets, 3)} (${phaseText(remote[0]!)})`,
          detail: `${remote.length} attempt(s) to reach ${listOf(targets, 10)}${phase === "run" ? ", before any tool was called" : ""}.`,
          evidence: remote.slice(0, 10).map(eventLocation),
        });
      }
      if (local.length) {
        const targets = [...new Set(local.map((e) => e.address ?? ""))];
        drafts.push({
          severity: "low",
          title: `${phase === "install" ? "An install script" : "The server"} connected to ${listOf(targets, 3)} on this machine`,
          detail: `A local service (a database, a daemon's socket) it expects: ${listOf(targets, 10)}.`,
          evidence: local.slice(0, 5).map(eventLocation),
        });
      }
    }
    return drafts;
  },
);
