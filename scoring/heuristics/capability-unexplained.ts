import type { CapabilityId, CodeAnalysis, McpTool } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft, Severity } from "../engine/types.js";
import { declaredPurposes, PURPOSES, packagePurposes, toolPurposes } from "../knowledge/purposes.js";
import { isObfuscation } from "./obfuscated-code.js";
import { execOnlyOpens, loc, toolName } from "./shared/code.js";

/** Capabilities judged here; secrets, dynamic code and native code have their own heuristics. */
const JUDGED: readonly CapabilityId[] = ["process.exec", "fs.write", "net.outbound", "fs.read"];

/** Uses this many calls below a tool's handler, or nearer, are the tool's own behaviour. */
const NEAR = 1;

const WHAT: Record<string, string> = {
  "process.exec": "runs other programs",
  "fs.write": "writes or deletes files",
  "net.outbound": "makes outbound network connections",
  "fs.read": "reads files",
};

export default defineHeuristic(
  {
    id: "capability-unexplained",
    category: "permissions",
    title: "Uses a capability its stated purpose does not explain",
    rationale:
      "A server should take no more access than its function needs. A unit converter that spawns shells, or a weather server that writes files, has access a user would not expect to grant. The package's purpose comes from its name, description, keywords and README; a tool's own name and description explain that tool's capabilities only, never another tool's: a capability a tool's handler reaches that neither explains is a finding at that tool. Code no tool reaches is judged against the package and all its tools' texts. Opening a URL in the browser (an OAuth sign-in) is noted at low. Test, benchmark and example files outside the runtime module graph are listed at info only.",
    remediation:
      "Check why the server needs this access (the evidence shows where); prefer a server that does not, or run it sandboxed (container, restricted user) without that access.",
    severity: "high",
    needs: ["code"],
  },
  (evidence) => {
    const code = evidence.code.data;
    const pkg = packagePurposes(evidence);
    const all = declaredPurposes(evidence);
    const names = (p: typeof pkg) => p.matched.map((m) => m.id).join(", ") || "none recognised";
    const alarming = isAlarming(code);
    const drafts: FindingDraft[] = [];
    const atTools = new Set<CapabilityId>();

    for (const tool of code.tools) {
      const h = tool.handler;
      if (!h) continue;
      const own = toolPurposes(tool);
      for (const c of h.capabilities) {
        if (!JUDGED.includes(c.id) || c.depth > NEAR) continue;
        if (pkg.explained.has(c.id) || own.explained.has(c.id)) continue;
        let severity: Severity = PURPOSES.danger[c.id] ?? "low";
        if (c.id === "process.exec" && execOnlyOpens(code, tool.name)) severity = "low";
        else if (c.id === "process.exec" && alarming) severity = "critical";
        atTools.add(c.id);
        drafts.push({
          severity,
          title: `Tool \`${toolName(tool)}\` ${WHAT[c.id]} (${c.id}), which neither its description nor the package's purpose explains`,
          detail: `${c.where.detail ?? c.id} ${c.depth === 0 ? "in the handler's own code" : "in a function the handler calls"}. Package purposes: ${names(pkg)}; the tool's own: ${names(own)}.${describeOthers(code.tools, tool, c.id)}`,
          evidence: [loc(h.where), loc(c.where)],
        });
      }
    }

    for (const use of code.capabilities) {
      if (!JUDGED.includes(use.id) || all.explained.has(use.id) || atTools.has(use.id)) continue;
      let severity: Severity = PURPOSES.danger[use.id] ?? "low";
      // Opening the browser (OAuth) is not a shell; shell access beside credential reads or
      // hidden code is how stealers work.
      if (use.id === "process.exec" && execOnlyOpens(code)) severity = "low";
      else if (use.id === "process.exec" && alarming) severity = "critical";
      drafts.push({
        severity,
        title: `Code ${WHAT[use.id]} (${use.id}), which its stated purpose does not explain`,
        detail: `Seen ${use.count} time(s) in ${use.files.join(", ")}. Declared purposes: ${names(all)}.`,
        evidence: use.evidence.map(loc),
      });
    }

    const tests = code.runtime.nonRuntimeCapabilities.filter((c) => JUDGED.includes(c.id));
    if (tests.length > 0) {
      drafts.push({
        severity: "info",
        title:
          "Shipped test, benchmark or example files use more capabilities (not judged: not runtime code)",
        detail: `${tests.map((c) => c.id).join(", ")} in ${code.runtime.nonRuntimeFiles.slice(0, 5).join(", ")}${code.runtime.nonRuntimeFiles.length > 5 ? ", …" : ""}: files outside the module graph of bin, main and exports.`,
        evidence: tests
          .flatMap((c) => c.evidence.slice(0, 2))
          .slice(0, 10)
          .map(loc),
      });
    }
    return drafts;
  },
);

/** Credential files read or code hidden: what turns an unexplained shell into a stealer's. */
function isAlarming(code: CodeAnalysis): boolean {
  return (
    code.credentialReads.some((r) => r.via === "file" && r.what !== "dotenv file") ||
    code.obfuscation.some(isObfuscation) ||
    code.decoded.some((d) => d.decodesTo === "code")
  );
}

/** When another tool's text mentions the capability, say it does not count here. */
function describeOthers(tools: McpTool[], tool: McpTool, id: CapabilityId): string {
  const other = tools.find((t) => t !== tool && toolPurposes(t).explained.has(id));
  return other
    ? ` (Tool \`${toolName(other)}\`'s description would explain ${id}; it does not speak for this tool.)`
    : "";
}
