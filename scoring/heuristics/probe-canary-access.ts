import type { ProbeEvent } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft, Severity } from "../engine/types.js";
import { eventLocation, listOf, phaseText, seconds } from "./shared/probe.js";

/**
 * Canaries whose use has no innocent reading: a key to every machine, every other MCP
 * server's secrets. The cloud and registry credentials are what a server for that cloud
 * legitimately reads, so they are high, not critical, when read at run time.
 */
const NEVER_INNOCENT = new Set([
  "ssh-key",
  "ssh-key-ed25519",
  "git-credentials",
  "claude-desktop-config",
  "claude-code-config",
  "cursor-config",
  "windsurf-config",
  "gemini-config",
  "vscode-config",
]);

export default defineHeuristic(
  {
    id: "probe-canary-access",
    category: "permissions",
    title: "The server touched planted credentials when it ran",
    rationale:
      "The probe starts the server in a sandbox whose home folder holds canaries: an SSH key, cloud, npm and git credentials, other MCP clients' config files, and canary values in the variables its config would pass. None of them is needed to start a server or list its tools. Reading one during install or start-up, or sending a canary's value anywhere, is what credential stealers do, seen happening rather than inferred from code.",
    remediation:
      "Do not install this server. If it is already installed, rotate the credentials it could reach (SSH keys, tokens in other MCP servers' configs, cloud keys) and report the package to npm.",
    severity: "critical",
    needs: ["probe"],
  },
  (evidence) => {
    const facts = evidence.probe.data;
    const hits = facts.events.filter((e) => e.canary);
    if (hits.length === 0) return [];
    const byCanary = new Map<string, ProbeEvent[]>();
    for (const e of hits) {
      const list = byCanary.get(e.canary!) ?? [];
      list.push(e);
      byCanary.set(e.canary!, list);
    }
    const drafts: FindingDraft[] = [];
    for (const [canary, events] of byCanary) {
      const first = events[0]!;
      const leaving = events.some((e) => e.kind === "exec" || e.kind === "dns" || e.kind === "connect");
      const severity: Severity =
        first.phase === "install" || leaving || NEVER_INNOCENT.has(canary) || canary.startsWith("env:")
          ? "critical"
          : "high";
      const planted = facts.canaries.find((c) => c.id === canary);
      const what =
        planted?.kind === "env" ? `the canary value of ${planted.where}` : (planted?.where ?? canary);
      const verb = leaving
        ? "sent"
        : first.kind === "write"
          ? "wrote to"
          : first.path?.endsWith(planted?.where.replace(/^~/, "") ?? "\u0000")
            ? "read"
            : "looked into";
      drafts.push({
        severity,
        title: `The server ${verb} ${what} (${phaseText(first)})`,
        detail: `${listOf(events.map((e) => `${e.kind} ${e.path ?? e.address ?? ""} → ${e.result} at ${seconds(e.t)}`))}. The file holds a canary planted by the probe: nothing the server needs.`,
        evidence: events.slice(0, 5).map(eventLocation),
      });
    }
    return drafts;
  },
);
