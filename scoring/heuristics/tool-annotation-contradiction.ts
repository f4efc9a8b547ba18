import type { CapabilityUse, CodeLocation, McpTool, ToolCapability } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import { type FindingDraft, type Location, SEVERITIES, type Severity } from "../engine/types.js";
import { loc, toolName } from "./shared/code.js";

/**
 * Uses at most this many calls below the handler are the tool's own behaviour; deeper ones
 * are often set-up every tool shares (a config file created on first use, telemetry), so
 * they count for less.
 */
const NEAR = 1;
const MAX_FINDINGS = 20;

type Claim = "read-only" | "non-destructive" | "closed-world";
type Act = "exec" | "write" | "delete" | "net";

/** What the code does, said of one handler and of several. */
const ACTS: Record<Act, [string, string]> = {
  exec: ["runs programs", "run programs"],
  write: ["writes files", "write files"],
  delete: ["deletes files", "delete files"],
  net: ["makes network requests", "make network requests"],
};

interface Contradiction {
  claim: Claim;
  what: Act;
  severity: Severity;
  tool: McpTool;
  use: { where: CodeLocation; depth: number };
}

export default defineHeuristic(
  {
    id: "tool-annotation-contradiction",
    category: "mcp-tools",
    title: "Tool annotations contradict what the code does",
    rationale:
      "Clients use readOnlyHint, destructiveHint and openWorldHint to decide what to auto-approve. Each tool's handler is linked to its code statically and followed through the functions it calls: a tool that claims to be read-only yet runs programs (high) or writes files (medium), claims to be non-destructive yet deletes files, or claims a closed world yet calls the network (low) would get those calls approved unseen. Uses found more than one call below the handler are often shared set-up and count as low. When no handler can be linked, the package as a whole is judged: every tool read-only (or closed-world) while the code writes, runs programs (or calls the network).",
    remediation: "Do not auto-approve this server's tools; ask the maintainer to correct the annotations.",
    severity: "medium",
    needs: ["code"],
  },
  (evidence) => {
    const { tools, capabilities } = evidence.code.data;
    if (tools.length === 0) return [];
    const found = group(tools.flatMap(contradictions)).slice(0, MAX_FINDINGS).map(draft);
    return [...found, ...packageWide(tools, capabilities)];
  },
);

/** What one tool's annotations claim that its handler's code contradicts. */
function contradictions(tool: McpTool): Contradiction[] {
  const h = tool.handler;
  const a = tool.annotations;
  if (!h || !a) return [];
  const cap = (id: ToolCapability["id"]) => h.capabilities.find((c) => c.id === id);
  const out: Contradiction[] = [];
  const add = (
    claim: Claim,
    what: Act,
    near: Severity | undefined,
    use: Contradiction["use"] | undefined,
  ) => {
    if (!use) return;
    const severity = use.depth <= NEAR ? near : claim === "read-only" ? "low" : undefined;
    if (severity) out.push({ claim, what, severity, tool, use });
  };
  if (a.readOnlyHint === true) {
    add("read-only", "exec", "high", cap("process.exec"));
    add("read-only", "write", "medium", cap("fs.write"));
  } else if (a.destructiveHint === false) {
    // Per the MCP spec, destructiveHint means something only for tools that are not read-only.
    add("non-destructive", "delete", "low", h.deletes);
  }
  if (a.openWorldHint === false) add("closed-world", "net", "low", cap("net.outbound"));
  return out;
}

const CLAIM_TEXT: Record<Claim, string> = {
  "read-only": "readOnlyHint: true",
  "non-destructive": "destructiveHint: false",
  "closed-world": "openWorldHint: false",
};

/** Tools contradicted by the same use (a helper they share) make one finding. */
function group(list: Contradiction[]): Contradiction[][] {
  const groups = new Map<string, Contradiction[]>();
  for (const c of list) {
    const key = `${c.claim}\u0000${c.what}\u0000${c.severity}\u0000${c.use.where.file}:${c.use.where.line ?? ""}`;
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }
  return [...groups.values()].sort(
    (x, y) => SEVERITIES.indexOf(x[0]!.severity) - SEVERITIES.indexOf(y[0]!.severity),
  );
}

function draft(g: Contradiction[]): FindingDraft {
  const first = g[0]!;
  const names = g.map((c) => `\`${toolName(c.tool)}\``);
  const who =
    g.length === 1
      ? `Tool ${names[0]} claims`
      : `Tools ${names.slice(0, 3).join(", ")}${g.length > 3 ? ` and ${g.length - 3} more` : ""} claim`;
  const depth =
    first.use.depth === 0
      ? "in the handler's own code"
      : first.use.depth === 1
        ? "in a function the handler calls"
        : `${first.use.depth} calls below the handler`;
  const partial = g.some((c) => !c.tool.handler?.complete)
    ? " Some of the handler's calls could not be followed, so there may be more."
    : "";
  // Where each handler begins, then the use that contradicts the claim.
  const evidence: Location[] = g.slice(0, 3).map((c) => loc(c.tool.handler!.where));
  evidence.push(loc(first.use.where));
  return {
    severity: first.severity,
    title: `${who} ${CLAIM_TEXT[first.claim]}, but ${g.length === 1 ? `its handler ${ACTS[first.what][0]}` : `their handlers ${ACTS[first.what][1]}`}`,
    detail: `${names.slice(0, 10).join(", ")}${g.length > 10 ? ", …" : ""}: annotated ${CLAIM_TEXT[first.claim]}; ${first.use.where.detail ?? ACTS[first.what][0]} ${depth}.${partial}`,
    evidence,
  };
}

/**
 * Tools whose handler could not be linked, or only in part (a bundle parsed without offsets,
 * a runtime map of handlers): what they claim is held against the package's code as a whole,
 * unless a fully linked tool that makes no such claim accounts for that use. Otherwise one
 * linked decoy tool would let every unlinked one claim anything.
 */
function packageWide(tools: McpTool[], capabilities: CapabilityUse[]): FindingDraft[] {
  const unresolved = tools.filter((t) => !t.handler?.complete);
  if (unresolved.length === 0) return [];
  const explained = (id: ToolCapability["id"], claims: (t: McpTool) => boolean) =>
    tools.some((t) => t.handler?.complete && !claims(t) && t.handler.capabilities.some((c) => c.id === id));
  const readOnly = (t: McpTool) => t.annotations?.readOnlyHint === true;
  const closed = (t: McpTool) => t.annotations?.openWorldHint === false;
  const cap = (id: ToolCapability["id"]) => capabilities.find((c) => c.id === id);
  const which = (list: McpTool[]) =>
    list.length === tools.length
      ? `All ${tools.length} tools`
      : `${list.length} tool(s) whose code could not be fully linked (${list
          .slice(0, 3)
          .map((t) => `\`${toolName(t)}\``)
          .join(", ")}${list.length > 3 ? ", …" : ""})`;
  const drafts: FindingDraft[] = [];
  if (unresolved.every(readOnly)) {
    for (const use of [cap("process.exec"), cap("fs.write")]) {
      if (!use || explained(use.id, readOnly)) continue;
      drafts.push({
        title: `${which(unresolved)} claim readOnlyHint, but the package's code uses ${use.id}`,
        detail: `${use.id} seen ${use.count} time(s), and no tool without the claim accounts for it; the handlers could not be followed far enough to tell which tool reaches it, so the package is judged as a whole.`,
        evidence: use.evidence.slice(0, 3).map(loc),
      });
    }
  }
  const net = cap("net.outbound");
  if (net && unresolved.every(closed) && !explained("net.outbound", closed)) {
    drafts.push({
      severity: "low",
      title: `${which(unresolved)} claim openWorldHint: false, but the package's code makes network requests`,
      detail: `net.outbound seen ${net.count} time(s), and no tool without the claim accounts for it; the package is judged as a whole.`,
      evidence: net.evidence.slice(0, 3).map(loc),
    });
  }
  return drafts;
}
