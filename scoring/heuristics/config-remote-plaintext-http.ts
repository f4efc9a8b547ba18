import { defineHeuristic } from "../engine/heuristic.js";
import { at, entryLabel, isLoopbackHost, urlHost } from "./shared/config.js";

export default defineHeuristic(
  {
    id: "config-remote-plaintext-http",
    category: "configuration",
    title: "Remote server over plain http",
    rationale:
      "Over http anyone on the network path can read the tool calls, their results and any token in the headers, and can change what the server answers.",
    remediation: "Use the server's https:// endpoint; keep http:// for localhost only.",
    severity: "high",
    needs: ["config"],
  },
  (evidence) => {
    const entry = evidence.config.data;
    if (!entry?.url) return [];
    const u = urlHost(entry.url.masked);
    if (u?.protocol !== "http:" || isLoopbackHost(u.host)) return [];
    return [
      {
        title: `"${entry.name}" talks to ${u.host} over http`,
        detail: `${entryLabel(entry)} uses ${entry.url.masked}, unencrypted, to a host that is not this machine.`,
        evidence: [at(entry, entry.url)],
      },
    ];
  },
);
