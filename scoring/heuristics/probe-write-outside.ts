import type { ProbeEvent } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft, Severity } from "../engine/types.js";
import { eventLocation, eventsOf, listOf } from "./shared/probe.js";

/** Where a write persists or takes over: shell start-up files, SSH, autostart, other tools' config. */
const PERSISTENCE =
  /^~\/(?:\.ssh\/|\.bashrc|\.bash_profile|\.profile|\.zshrc|\.zprofile|\.config\/autostart\/|\.config\/systemd\/|\.npmrc|\.gitconfig|\.cursor\/|\.claude|\.config\/Claude\/|\.codeium\/|\.gemini\/|\.vscode|\.config\/Code\/)/;

function severityOf(e: ProbeEvent): Severity {
  const path = e.path ?? "";
  if (PERSISTENCE.test(path)) return "high";
  // Its own installed files: code that rewrites itself after review.
  if (path.startsWith("/opt/mcp-server/")) return "medium";
  if (path.startsWith("~/project")) return "info";
  return "low";
}

export default defineHeuristic(
  {
    id: "probe-write-outside",
    category: "permissions",
    title: "The server wrote outside its temp folder when it ran",
    rationale:
      "In the sandbox the server may write to /tmp; everything else it writes is recorded, whether or not the write succeeded. Writing to shell start-up files, SSH's folder, autostart entries or other clients' configs is how code makes itself persistent or plants instructions; rewriting its own installed files changes it after it was reviewed. Files created in the working folder are listed for information.",
    remediation:
      "Check what it writes and why. Writes to start-up files, ~/.ssh or other tools' configs are reason enough not to install the server.",
    severity: "medium",
    needs: ["probe"],
  },
  (evidence) => {
    const writes = eventsOf(evidence.probe.data, "write").filter((e) => !e.canary && e.phase !== "call");
    const groups = new Map<Severity, ProbeEvent[]>();
    for (const e of writes) {
      const s = severityOf(e);
      groups.set(s, [...(groups.get(s) ?? []), e]);
    }
    const drafts: FindingDraft[] = [];
    for (const [severity, list] of groups) {
      const paths = [...new Set(list.map((e) => e.path ?? ""))];
      const who = list.every((e) => e.phase === "install") ? "An install script" : "The server";
      drafts.push({
        severity,
        title: `${who} wrote to ${listOf(paths, 3)}`,
        detail: `${list.length} write(s): ${listOf(
          list.map((e) => `${e.op ?? "write"} ${e.path} → ${e.result}`),
          8,
        )}.`,
        evidence: list.slice(0, 10).map(eventLocation),
      });
    }
    return drafts;
  },
);
