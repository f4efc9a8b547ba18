import type { CodeFlow, McpTool } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft } from "../engine/types.js";
import { statedPurposes, toolPurposes } from "../knowledge/purposes.js";
import { nameList } from "../knowledge/suspicious.js";
import { loc } from "./shared/code.js";

export default defineHeuristic(
  {
    id: "tool-input-to-shell",
    category: "permissions",
    title: "A tool's arguments reach a shell command (command injection)",
    rationale:
      "Whatever a model passes to a tool can be steered by a prompt injection in a web page, a document or an issue it read. Tool arguments built into a shell command line (exec, execSync, spawn with a shell), or chosen as the program to run, let that text run commands on the user's machine. High when the tool is meant to run commands (its own description, or the package's name, description or keywords say so; a passing word in the README does not); critical when nothing explains it, as in a weather tool that passes its argument to execSync.",
    remediation:
      "Do not install it, or run it sandboxed. A fix passes arguments as an argument array to execFile/spawn without a shell, after validating them.",
    severity: "high",
    needs: ["code"],
  },
  (evidence) => {
    const code = evidence.code.data;
    const pkg = statedPurposes(evidence);
    const byName = new Map(code.tools.map((t) => [t.name, t]));
    const groups = new Map<string, CodeFlow[]>();
    for (const f of code.flows) {
      if (f.source.kind !== "tool-input" || (f.sink.kind !== "shell" && f.sink.kind !== "program")) continue;
      const key = `${f.sink.where.file}:${f.sink.where.line}`;
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    const drafts: FindingDraft[] = [];
    for (const flows of groups.values()) {
      const first = flows[0]!;
      const tools = [...new Set(flows.flatMap((f) => f.tools))]
        .map((n) => byName.get(n))
        .filter((t): t is McpTool => t !== undefined);
      // The tools whose own code this is must each be meant to run commands: another tool's
      // words never speak for them.
      const explained =
        pkg.explained.has("process.exec") ||
        (tools.length > 0 && tools.every((t) => toolPurposes(t).explained.has("process.exec")));
      const where = first.sink.kind === "shell" ? "a shell command" : "the program to run";
      drafts.push({
        severity: explained ? "high" : "critical",
        title: `${tools.length ? `Tool ${nameList(tools.map((t) => t.name))}` : "A tool"}: arguments reach ${where}`,
        detail: `${first.source.where.detail ?? "tool arguments"} (${first.source.where.file}:${first.source.where.line ?? "?"}) reach ${first.sink.where.detail ?? first.sink.kind} (${first.sink.where.file}:${first.sink.where.line ?? "?"}). ${explained ? "The tool is meant to run commands, but its input is whatever the model was told to pass." : "Nothing in the package's purpose or the tool's description says it runs commands."}`,
        evidence: [loc(first.sink.where), ...flows.slice(0, 3).map((f) => loc(f.source.where))],
      });
    }
    return drafts;
  },
);
