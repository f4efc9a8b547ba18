import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Report } from "../../reports/model.js";
import type { Policy } from "../../scoring/engine/policy.js";
import { HEURISTICS, withPolicyPublishers } from "../../scoring/heuristics/index.js";
import { emptyAnalysis } from "../collect/analysis/index.js";
import type { FetchContext } from "../collect/context.js";
import { toolFromDefinition } from "../collect/live-tools.js";
import { parseToolList } from "../collect/mcp/parse.js";
import { TargetError } from "../collect/target.js";
import { EVIDENCE_VERSION, type Evidence, type TargetInfo } from "../evidence/index.js";
import { type PinnedDefinition, pinDefinition } from "../evidence/tool-definition.js";
import { judge } from "../pipeline.js";
import { inspectRemote } from "./remote.js";

/** A saved tool list is read up to this size. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

export interface ToolListResult {
  report: Report;
  evidence: Evidence;
  /** The definitions as read, for pinning. */
  tools: PinnedDefinition[];
}

/**
 * `mcp-vet tools FILE.json`: a saved `tools/list` answer (or an array of tools), checked at
 * the edge, judged by every tool-text check: poisoning, hidden instructions, shadowing,
 * annotation contradictions. Only the mcp-tools heuristics run; nothing else applies.
 */
export async function vetToolsFile(path: string, policy: Policy, now: string): Promise<ToolListResult> {
  let text: string;
  try {
    const buf = await readFile(path);
    if (buf.length > MAX_FILE_BYTES)
      throw new TargetError(`${path} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
    text = buf.toString("utf8");
  } catch (err) {
    if (err instanceof TargetError) throw err;
    throw new TargetError(`cannot read ${path}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TargetError(`${path} is not valid JSON`);
  }
  const parsed = parseToolList(json, basename(path));
  if ("error" in parsed) throw new TargetError(parsed.error);
  const tools = parsed.tools.map(pinDefinition);
  const target: TargetInfo = { kind: "tools", spec: path, name: basename(path) };
  return judgeTools(tools, target, now, policy, parsed.notes, basename(path));
}

/** `mcp-vet tools --url`: the remote server's tools, judged the same way, with its endpoint's facts. */
export async function vetRemote(
  ctx: FetchContext,
  url: URL,
  policy: Policy,
  env: NodeJS.ProcessEnv,
): Promise<ToolListResult> {
  const inspected = await inspectRemote(ctx, url, env);
  const target: TargetInfo = {
    kind: "remote",
    spec: inspected.facts.url,
    name: inspected.facts.server?.name ?? url.host,
    ...(inspected.facts.server?.version ? { version: inspected.facts.server.version } : {}),
  };
  const result = judgeTools(inspected.tools, target, ctx.now, policy, inspected.notes, "tools/list");
  result.report.remote = inspected.facts;
  return result;
}

function judgeTools(
  tools: PinnedDefinition[],
  target: TargetInfo,
  now: string,
  policy: Policy,
  notes: string[],
  file: string,
): ToolListResult {
  const evidence = toolListEvidence(tools, target, now, notes, file);
  // The tool-text checks alone: a list of tools has no registry, code, tree or history to judge.
  const heuristics = withPolicyPublishers(HEURISTICS, policy.publishers).filter(
    (h) => h.definition.category === "mcp-tools",
  );
  return { report: judge(evidence, policy, heuristics), evidence, tools };
}

/** Evidence holding a tool list and nothing else: every other part does not apply. */
export function toolListEvidence(
  tools: PinnedDefinition[],
  target: TargetInfo,
  now: string,
  notes: string[],
  file: string,
): Evidence {
  const skipped = { status: "skipped" as const, reason: "a tool list, not a package" };
  return {
    evidenceVersion: EVIDENCE_VERSION,
    collectedAt: now,
    target,
    npm: skipped,
    package: skipped,
    code: {
      status: "ok",
      data: {
        ...emptyAnalysis("tool list"),
        // Each tool's place is its index in the list, as a line number.
        tools: tools.map((t, i) => toolFromDefinition(t, file, i + 1)),
      },
    },
    github: skipped,
    provenance: skipped,
    mcpRegistry: skipped,
    dependencies: skipped,
    advisories: skipped,
    config: skipped,
    previous: skipped,
    probe: skipped,
    sources: [],
    notes: notes.slice(0, 200),
  };
}
