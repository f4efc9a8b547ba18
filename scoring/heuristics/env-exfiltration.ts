import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft } from "../engine/types.js";
import { distinctFlows, inTools, loc } from "./shared/code.js";

export default defineHeuristic(
  {
    id: "env-exfiltration",
    category: "permissions",
    title: "Sends the environment (or its secrets) over the network",
    rationale:
      "The environment of an MCP server holds the API keys its client passed it (and often many more). The whole of process.env reaching a network send, or a secret encoded into DNS lookups, is the signature of credential theft. An API key sent to its own API in a header is not this; the environment shown to the model by a debug tool is not either.",
    remediation: "Do not install it; if already installed, rotate every credential its environment held.",
    severity: "critical",
    needs: ["code"],
  },
  (evidence) => {
    const drafts: FindingDraft[] = [];
    for (const f of distinctFlows(
      evidence.code.data.flows,
      (f) => f.source.kind === "environment" && f.sink.kind === "network",
    )) {
      const whole = f.source.where.detail === "whole environment";
      const via =
        f.sink.channel === "dns"
          ? "DNS lookups"
          : f.sink.channel === "socket"
            ? "a socket"
            : `a request's ${f.sink.channel ?? "data"}`;
      drafts.push({
        severity: "critical",
        blocking: true,
        title: whole
          ? `The whole environment is sent over ${via}`
          : `${f.source.where.detail} is sent over ${via}`,
        detail: `${whole ? "process.env" : f.source.where.detail} (${f.source.where.file}:${f.source.where.line ?? "?"}) reaches ${f.sink.where.detail ?? "a network send"} (${f.sink.where.file}:${f.sink.where.line ?? "?"})${inTools(f)}.`,
        evidence: [loc(f.source.where), loc(f.sink.where)],
      });
    }
    return drafts;
  },
);
