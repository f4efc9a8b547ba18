import type { ProbeEvent } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft, Severity } from "../engine/types.js";
import { eventLocation, eventsOf, listOf, phaseText } from "./shared/probe.js";

/** Programs that fetch, open shells or hide: what a dropper runs. */
const DROPPER =
  /^(?:curl|wget|nc|ncat|netcat|socat|bash|zsh|ksh|python[0-9.]*|perl|ruby|php|powershell|pwsh|base64|openssl|ssh|scp|nohup|setsid|crontab|systemctl)$/;
/** What an install legitimately runs: the package's interpreter and native build tools. */
const BUILD =
  /^(?:node|node-gyp|node-gyp-build|node-pre-gyp|prebuild-install|make|gmake|cc|c\+\+|gcc|g\+\+|clang|clang\+\+|ld|ar|as|python3?|sh|dash|cmake|uname|which|env|npm|npx|pnpm|yarn|git)$/;

function program(e: ProbeEvent): string {
  const path = e.argv?.[0] ?? e.path ?? "";
  return path.slice(path.lastIndexOf("/") + 1);
}

export default defineHeuristic(
  {
    id: "probe-exec",
    category: "permissions",
    title: "The server ran programs when it was installed or started",
    rationale:
      "Every program started in the sandbox is recorded with its arguments. An MCP server needs no other program to start and list its tools; one that runs a shell, a downloader or a script interpreter on its own, while installing or starting, is doing something its tools do not explain. Native builds at install (node-gyp, make, a compiler) are expected and graded low.",
    remediation:
      "Read what it ran (the arguments are listed). A downloader or a shell at install or start-up is reason enough not to install the server.",
    severity: "medium",
    needs: ["probe"],
  },
  (evidence) => {
    const execs = eventsOf(evidence.probe.data, "exec").filter((e) => e.phase !== "call");
    const drafts: FindingDraft[] = [];
    for (const phase of ["install", "run"] as const) {
      const here = execs.filter((e) => e.phase === phase);
      if (!here.length) continue;
      const droppers = here.filter((e) => DROPPER.test(program(e)) || shellRunsDropper(e));
      const build = here.filter((e) => !droppers.includes(e) && BUILD.test(program(e)));
      const other = here.filter((e) => !droppers.includes(e) && !build.includes(e));
      const who = phase === "install" ? "An install script" : "The server";
      const groups: [ProbeEvent[], Severity, string][] = [
        [droppers, "high", "a downloader or shell"],
        [other, phase === "install" ? "medium" : "medium", "programs"],
        [build, "low", phase === "install" ? "build tools" : "programs"],
      ];
      for (const [list, severity, what] of groups) {
        if (!list.length) continue;
        const names = [...new Set(list.map(program))];
        drafts.push({
          severity: phase === "run" && severity === "low" ? "medium" : severity,
          title: `${who} ran ${what}: ${listOf(names, 4)} (${phaseText(list[0]!)})`,
          detail: `${list.length} program(s) started: ${listOf(
            list.map((e) => (e.argv ?? [e.path ?? ""]).join(" ").slice(0, 200)),
            5,
          )}.`,
          evidence: list.slice(0, 10).map(eventLocation),
        });
      }
    }
    return drafts;
  },
);

/** `sh -c "curl … | sh"`: the shell is the messenger; what it runs decides. */
function shellRunsDropper(e: ProbeEvent): boolean {
  const args = e.argv ?? [];
  if (!/^(?:sh|dash)$/.test(program(e)) || args[1] !== "-c") return false;
  return /\b(?:curl|wget|nc|ncat|socat|base64\s+-d|bash\s+-i|python[0-9.]*\s+-c|perl\s+-e)\b|\/dev\/tcp\//.test(
    args[2] ?? "",
  );
}
