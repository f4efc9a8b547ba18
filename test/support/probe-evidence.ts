import type { Evidence, ProbeEvent, ProbeFacts } from "../../src/evidence/index.js";
import { pinDefinition, type ToolDefinition } from "../../src/evidence/tool-definition.js";
import { evidence as healthy } from "./evidence.js";

/** A probe that started the server cleanly and saw nothing: tests add what they need. */
export function probeFacts(over: Partial<ProbeFacts> = {}): ProbeFacts {
  return {
    sandbox: {
      tool: "bubblewrap 0.8.0",
      tracer: "strace",
      limits: { wallMs: 20000, cpuSeconds: 30, memoryBytes: 1 << 30, outputBytes: 8 << 20, processes: 200 },
    },
    command: ["/opt/mcp-server/node_modules/.bin/server"],
    install: { packages: 1, ms: 100, scripts: [] },
    started: true,
    first: { tools: [], prompts: [], resources: [] },
    second: { tools: [], prompts: [], resources: [] },
    listChanged: false,
    calls: [],
    canaries: [
      { id: "ssh-key", kind: "file", where: "~/.ssh/id_rsa" },
      { id: "aws-credentials", kind: "file", where: "~/.aws/credentials" },
      { id: "env:GITHUB_TOKEN", kind: "env", where: "GITHUB_TOKEN" },
    ],
    events: [],
    counts: { opens: 80, writes: 0, connects: 0, dns: 0, execs: 0, processes: 0 },
    limitsHit: [],
    timings: { installMs: 100, scriptsMs: 0, listMs: 500, totalMs: 1600 },
    notes: [],
    ...over,
  };
}

export function event(e: Partial<ProbeEvent> & Pick<ProbeEvent, "kind">): ProbeEvent {
  return { phase: "run", t: 250, proc: 1, result: "ok", ...e };
}

/** Tools as a listing holds them. */
export function listed(...defs: ToolDefinition[]) {
  return defs.map(pinDefinition);
}

/** Healthy evidence with this probe. */
export function withProbe(facts: ProbeFacts, base: Evidence = healthy()): Evidence {
  return { ...base, probe: { status: "ok", data: facts } };
}
