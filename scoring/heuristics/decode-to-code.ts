import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft } from "../engine/types.js";
import { groupedFindings, nameList } from "../knowledge/suspicious.js";
import { loc } from "./shared/code.js";

const WHAT = { url: "a URL", code: "code", "credential-path": "a credential path" } as const;

export default defineHeuristic(
  {
    id: "decode-to-code",
    category: "permissions",
    title: "Decodes hidden code, URLs or credential paths from encoded data",
    rationale:
      "Base64, hex or char-code data that decodes to code, a URL or a credential path hides the real behaviour from reviewers and scanners; running decoded data as code is a staple of npm malware.",
    remediation: "Treat the package as malicious until the decoded content is explained; do not install it.",
    severity: "critical",
    needs: ["code"],
  },
  (evidence) => {
    const code = evidence.code.data;
    const drafts: FindingDraft[] = [];
    // Decoded data run as code: the flow itself.
    for (const f of code.flows) {
      if (f.source.kind !== "decoded" || (f.sink.kind !== "code" && f.sink.kind !== "shell")) continue;
      drafts.push({
        severity: "critical",
        blocking: true,
        title: `Decoded data is run as ${f.sink.kind === "code" ? "code" : "a shell command"}`,
        detail: `${f.source.where.detail ?? "decoded data"} (${f.source.where.file}:${f.source.where.line ?? "?"}) reaches ${f.sink.where.detail ?? f.sink.kind}${f.tools.length ? ` in tool ${nameList(f.tools)}` : ""}.`,
        evidence: [loc(f.source.where), loc(f.sink.where)],
      });
    }
    // Encoded literals that decode to something readable; an obfuscator's string table is
    // obfuscated-code's (and obfuscated-secrets-or-network's) to judge.
    drafts.push(
      ...groupedFindings(
        code.decoded.filter((d) => d.encoding !== "string-array"),
        (d) => `${d.decodesTo}\u0000${d.where.file}`,
        (group) => ({
          title: `Encoded data decodes to ${WHAT[group[0]!.decodesTo]}`,
          severity: "high",
          detail: group
            .slice(0, 5)
            .map((d) => `${d.encoding}: ${d.text}`)
            .join("; "),
        }),
      ),
    );
    return drafts;
  },
);
