import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft } from "../engine/types.js";
import { distinctFlows, inTools, loc } from "./shared/code.js";

export default defineHeuristic(
  {
    id: "credential-exfiltration",
    category: "permissions",
    title: "Sends credential files over the network",
    rationale:
      "Data read from a credential location (SSH keys, cloud and npm tokens, other clients' MCP configs with their API keys, browser stores) reaching a request body, a URL or a socket is credential theft, whether the code sits in the server or in a dependency bundled with it. A purpose that explains reading such files (an SSH tool, a cloud CLI wrapper) does not explain sending them, so this is never graded down.",
    remediation: "Do not install it; if it ran, rotate every credential in the files it read.",
    severity: "critical",
    needs: ["code"],
  },
  (evidence) => {
    const drafts: FindingDraft[] = [];
    for (const f of distinctFlows(
      evidence.code.data.flows,
      (f) => f.source.kind === "credential-file" && f.sink.kind === "network",
    )) {
      drafts.push({
        severity: "critical",
        blocking: true,
        title: `${f.source.where.detail ?? "A credential file"} read and sent over the network`,
        detail: `Read at ${f.source.where.file}:${f.source.where.line ?? "?"}, sent by ${f.sink.where.detail ?? "a network call"} at ${f.sink.where.file}:${f.sink.where.line ?? "?"}${inTools(f)}.`,
        evidence: [loc(f.source.where), loc(f.sink.where)],
      });
    }
    return drafts;
  },
);
