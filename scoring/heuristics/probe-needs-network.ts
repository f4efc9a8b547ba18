import { defineHeuristic } from "../engine/heuristic.js";
import { eventLocation, eventsOf, isLocalAddress, listOf } from "./shared/probe.js";

export default defineHeuristic(
  {
    id: "probe-needs-network",
    category: "permissions",
    title: "The server would not start without the network",
    rationale:
      "In the sandbox the server could not reach anything, and it did not get as far as answering `initialize`, after trying to. A server that needs a remote answer before it will serve decides at run time, from somewhere else, what it does: a licence check, remote configuration, or code fetched at start-up. It also fails wherever the network is restricted.",
    remediation:
      "Find out what it fetches at start-up (the addresses are listed). Prefer a server that starts on its own and reaches the network only inside its tools.",
    severity: "medium",
    needs: ["probe"],
  },
  (evidence) => {
    const facts = evidence.probe.data;
    if (facts.started) return [];
    const tried = eventsOf(facts, "connect", "dns").filter(
      (e) => e.phase === "run" && (e.kind === "dns" || !isLocalAddress(e.address ?? "")),
    );
    if (!tried.length) return [];
    const targets = [...new Set(tried.map((e) => e.address ?? ""))];
    return [
      {
        title: `The server ${facts.failure ?? "did not start"} after trying to reach ${listOf(targets, 3)}`,
        detail: `With no network it tried ${listOf(targets, 10)} and then ${facts.exit ? `exited (${facts.exit.signal ?? `code ${facts.exit.code}`})` : "never answered"}.${facts.stderr ? ` Its last words: ${JSON.stringify(facts.stderr.slice(-200))}` : ""}`,
        evidence: tried.slice(0, 5).map(eventLocation),
      },
    ];
  },
);
