import type { CodeFlow } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft } from "../engine/types.js";
import { distinctFlows, inTools, loc } from "./shared/code.js";

/** Programs that run their arguments as commands. */
const SHELLS =
  /^(?:sh|bash|zsh|dash|ksh|fish|cmd(?:\.exe)?|powershell(?:\.exe)?|pwsh|node|python\d?|perl|ruby|eval|xargs|env)$/i;

/** Desktop openers: quoted, they open a page (low above); unquoted, whatever follows runs. */
const OPENERS = /^(?:open|xdg-open|start|explorer(?:\.exe)?|rundll32)$/;

export default defineHeuristic(
  {
    id: "remote-code-execution",
    category: "permissions",
    title: "Runs code or commands fetched from the network",
    rationale:
      "Code downloaded at run time and passed to eval, new Function, vm or import() (or a downloaded command given to a shell) is code nobody reviewed: the server can be turned into anything by whoever controls that URL, at any time after install. No stated purpose makes that safe. A URL from a response opened, quoted, with the desktop opener (open, xdg-open, start: an OAuth sign-in page) is noted low; a response's field put into the arguments of a fixed program run through a shell (`git remote add x $URL`) is high: injectable, but not a downloaded command.",
    remediation:
      "Do not install it. A plugin or rule system should ship its code in the package, or load data, not code.",
    severity: "critical",
    needs: ["code"],
  },
  (evidence) => {
    const drafts: FindingDraft[] = [];
    const code = evidence.code.data;
    // Commands that open a quoted URL with the desktop's default application.
    const openers = new Set(code.execs.filter((e) => e.opener).map((e) => `${e.where.file}:${e.where.line}`));
    // Command lines whose program is a fixed, non-shell name (`git remote add … ${url}`): a
    // response's data there is an argument, injectable, but not a downloaded command.
    const fixed = new Set(
      code.execs
        .filter(
          (e) =>
            e.programs.length > 0 &&
            e.programs.every((p) => !SHELLS.test(p) && !OPENERS.test(p) && !p.startsWith("$")),
        )
        .map((e) => `${e.where.file}:${e.where.line}`),
    );
    const sinkAt = (f: CodeFlow) => `${f.sink.where.file}:${f.sink.where.line}`;
    for (const f of distinctFlows(
      code.flows,
      (f) => f.source.kind === "network" && ["code", "shell", "program"].includes(f.sink.kind),
      sinkAt,
    )) {
      const key = sinkAt(f);
      if (f.sink.kind !== "code" && openers.has(key)) {
        // An OAuth device-code flow opens the verification URL its server returned: the
        // response chooses a page, not a command.
        drafts.push({
          severity: "low",
          title: "A URL from a network response is opened in the browser",
          detail: `${f.source.where.detail ?? "a response"} (${f.source.where.file}:${f.source.where.line ?? "?"}) is opened by ${f.sink.where.detail ?? "a command"} (${f.sink.where.file}:${f.sink.where.line ?? "?"}), quoted as one argument of the desktop opener.`,
          evidence: [loc(f.sink.where), loc(f.source.where)],
        });
        continue;
      }
      if (f.sink.kind === "shell" && fixed.has(key)) {
        drafts.push({
          severity: "high",
          title: "A network response's data is put into a command line",
          detail: `${f.source.where.detail ?? "a response"} (${f.source.where.file}:${f.source.where.line ?? "?"}) reaches the arguments of ${f.sink.where.detail ?? "a command"} (${f.sink.where.file}:${f.sink.where.line ?? "?"}), run through a shell${inTools(f)}: whoever controls the response can add commands.`,
          evidence: [loc(f.sink.where), loc(f.source.where)],
        });
        continue;
      }
      drafts.push({
        severity: "critical",
        blocking: true,
        title: `A network response is run as ${f.sink.kind === "code" ? "code" : "a command"}`,
        detail: `${f.source.where.detail ?? "a response"} (${f.source.where.file}:${f.source.where.line ?? "?"}) reaches ${f.sink.where.detail ?? f.sink.kind} (${f.sink.where.file}:${f.sink.where.line ?? "?"})${inTools(f)}.`,
        evidence: [loc(f.source.where), loc(f.sink.where)],
      });
    }
    return drafts;
  },
);
