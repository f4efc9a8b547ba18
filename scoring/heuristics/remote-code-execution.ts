import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft } from "../engine/types.js";
import { nameList } from "../knowledge/suspicious.js";
import { loc } from "./shared/code.js";

export default defineHeuristic(
  {
    id: "remote-code-execution",
    category: "permissions",
    title: "Runs code or commands fetched from the network",
    rationale:
      "Code downloaded at run time and passed to eval, new Function, vm or import() (or a downloaded command given to a shell) is code nobody reviewed: the server can be turned into anything by whoever controls that URL, at any time after install. No stated purpose makes that safe.",
    remediation:
      "Do not install it. A plugin or rule system should ship its code in the package, or load data, not code.",
    severity: "critical",
    needs: ["code"],
  },
  (evidence) => {
    const drafts: FindingDraft[] = [];
    const seen = new Set<string>();
    for (const f of evidence.code.data.flows) {
      if (f.source.kind !== "network" || !["code", "shell", "program"].includes(f.sink.kind)) continue;
      const key = `${f.sink.where.file}:${f.sink.where.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      drafts.push({
        severity: "critical",
        blocking: true,
        title: `A network response is run as ${f.sink.kind === "code" ? "code" : "a command"}`,
        detail: `${f.source.where.detail ?? "a response"} (${f.source.where.file}:${f.source.where.line ?? "?"}) reaches ${f.sink.where.detail ?? f.sink.kind} (${f.sink.where.file}:${f.sink.where.line ?? "?"})${f.tools.length ? `, in tool ${nameList(f.tools)}` : ""}.`,
        evidence: [loc(f.source.where), loc(f.sink.where)],
      });
    }
    return drafts;
  },
);
