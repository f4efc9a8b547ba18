import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../reports/model.js";
import { checkSandbox } from "../../src/collect/sources/probe/sandbox.js";
import { runCli } from "../support/cli.js";
import { writeProbeServer } from "../support/probe-servers.js";
import { useVetFixtures } from "../support/vet-e2e.js";

// The probe needs bubblewrap, strace and user namespaces. On a developer's machine without
// them the suite says why and goes on. Under CI a missing program fails the suite (.ci/run
// installs them); a kernel that refuses user namespaces or ptrace is the host's choice, not
// ours: the suite says so loudly and goes on, unless MCP_VET_REQUIRE_SANDBOX=1 insists.
const sandbox = await checkSandbox();
const kernelRefused = !sandbox.ok && /cannot make a sandbox here|cannot trace here/.test(sandbox.reason);
const runIt =
  sandbox.ok || process.env.MCP_VET_REQUIRE_SANDBOX === "1" || (process.env.CI === "true" && !kernelRefused);
if (!runIt && !sandbox.ok) console.warn(`SKIPPING the probe tests: ${sandbox.reason}`);

const { server, home, vet, vetJson } = useVetFixtures();
const root = join(home.home, "probe-servers");

beforeAll(() => {
  if (!runIt) return;
  if (!sandbox.ok) throw new Error(`the probe tests cannot run: ${sandbox.reason}`);
  mkdirSync(root, { recursive: true });
});

/** Vets a local fixture server with --probe; no registry is involved (no dependencies). */
async function probe(
  behaviour: Parameters<typeof writeProbeServer>[1],
  args: string[] = [],
  postinstall?: string,
) {
  const dir = writeProbeServer(root, behaviour, postinstall);
  const res = await vetJson([dir, "--no-deps", "--probe", ...args]);
  return res.report as Report;
}

const ids = (r: Report) => r.findings.map((f) => `${f.id}:${f.severity}`);

describe.runIf(runIt)("--probe: the server installed and started in a sandbox, watched", () => {
  it("catches a credential stealer with the exact path and address, and its install script", async () => {
    const r = await probe("stealer", [], "node install.js");
    expect(r.probe?.status).toBe("ok");
    expect(r.probe?.started).toBe(true);
    const events = r.probe?.events ?? [];
    expect(events).toContainEqual(
      expect.objectContaining({
        phase: "run",
        kind: "open",
        path: "~/.ssh/id_rsa",
        result: "ok",
        canary: "ssh-key",
      }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({ phase: "run", kind: "connect", address: "203.0.113.7:443" }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        phase: "install",
        kind: "open",
        path: "~/.aws/credentials",
        canary: "aws-credentials",
      }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({ phase: "install", kind: "dns", address: "collector.example.org" }),
    );
    const canary = r.findings.filter((f) => f.id === "probe-canary-access").map((f) => f.title);
    expect(canary).toEqual([
      "The server read ~/.aws/credentials (install: probe-stealer postinstall)",
      "The server read ~/.ssh/id_rsa (start-up)",
    ]);
    expect(ids(r)).toEqual(expect.arrayContaining(["probe-outbound-connection:medium", "probe-exec:high"]));
    expect(r.score.verdict).toBe("fail");
    expect(r.sources.find((s) => s.id === "probe")?.status).toBe("ok");
  }, 120_000);

  it("catches a tool registered only after the first tools/list, and a description rewritten", async () => {
    const r = await probe("late-tool");
    expect(r.probe?.tools).toEqual(
      expect.arrayContaining([
        { name: "send_report", seen: "both", changedLater: ["added"] },
        { name: "read_note", seen: "both", changedLater: ["description"] },
      ]),
    );
    expect(r.findings.filter((f) => f.id === "probe-tools-changed").map((f) => f.title)).toEqual([
      "Tool `read_note` changed its description after the first listing",
      "1 tool(s) appeared after the first listing",
    ]);
    // The rewritten description is judged by the tool-text checks as it was listed live.
    expect(r.findings.find((f) => f.id === "tool-secret-request")?.evidence[0]?.file).toBe("live tools/list");
    expect(r.tools.filter((t) => t.source === "probe").map((t) => t.name)).toEqual([
      "read_note",
      "send_report",
    ]);
  }, 120_000);

  it("stops a fork bomb and a stdout flood within the limits, and says so", async () => {
    const bomb = await probe("fork-bomb");
    expect(bomb.probe?.limitsHit?.map((l) => l.limit)).toEqual(["processes"]);
    expect(ids(bomb)).toContain("probe-limits-hit:high");
    const flood = await probe("stdout-flood");
    expect(flood.probe?.limitsHit?.map((l) => l.limit)).toEqual(["output"]);
    expect(flood.probe?.started).toBe(false);
    expect(ids(flood)).toContain("probe-limits-hit:high");
  }, 180_000);

  it("a server that needs the network to start, and one that runs programs as it starts", async () => {
    const net = await probe("needs-network");
    expect(net.probe?.started).toBe(false);
    expect(ids(net)).toContain("probe-needs-network:medium");
    const exec = await probe("exec-at-start");
    expect(exec.probe?.events).toContainEqual(
      expect.objectContaining({ kind: "dns", address: "telemetry.example.net" }),
    );
    expect(exec.findings.find((f) => f.id === "probe-exec")?.title).toBe(
      "The server ran programs: sh, uname (start-up)",
    );
  }, 180_000);

  it("a well-behaved server: its tools live beside the code's, read-only tools called with --probe-call", async () => {
    const r = await probe("benign", ["--probe-call"]);
    expect(r.probe?.tools).toEqual([{ name: "read_note", seen: "both" }]);
    expect(r.probe?.prompts).toEqual(["summarise"]);
    expect(r.probe?.calls).toEqual([
      expect.objectContaining({
        tool: "read_note",
        arguments: '{"title":""}',
        outcome: "ok",
        text: "a note",
      }),
    ]);
    expect(r.findings.filter((f) => f.id.startsWith("probe-"))).toEqual([]);
    const text = await vet([writeProbeServer(root, "benign"), "--no-deps", "--probe"]);
    expect(text.stdout).toContain("Seen live (sandboxed probe)");
    expect(text.stdout).toMatch(
      /started in bubblewrap [\d.]+ with no network; 1 tool listed live in [\d.]+ s/,
    );
  }, 120_000);
});

describe("--probe without a sandbox", () => {
  it("says so in one line, and the probe source is unavailable; there is no unsafe fallback", async () => {
    const dir = writeProbeServer(join(home.home, "no-sandbox"), "benign");
    const res = await runCli(
      [
        dir,
        "--no-deps",
        "--probe",
        "--json",
        "--osv-api-url",
        server.url("/osv"),
        "--mcp-registry-url",
        server.url("/mcp-registry"),
      ],
      { ...home.env, MCP_VET_BWRAP: "/nonexistent/bwrap" },
    );
    const lines = res.stderr.split("\n").filter((l) => l.includes("--probe"));
    expect(lines).toEqual([
      "mcp-vet: warning: --probe: bubblewrap (bwrap) is not installed at /nonexistent/bwrap (MCP_VET_BWRAP) (Debian: apt-get install bubblewrap)",
    ]);
    const report = JSON.parse(res.stdout) as Report;
    expect(report.sources.find((s) => s.id === "probe")).toMatchObject({ status: "unavailable" });
    expect(report.probe).toEqual({ status: "unavailable", reason: expect.stringContaining("bubblewrap") });
    expect(report.checks.find((c) => c.id === "probe-canary-access")?.status).toBe("unknown");
  }, 60_000);
});
