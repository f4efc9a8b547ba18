import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Report } from "../../reports/model.js";
import { renderHtml } from "../../reports/render/html.js";
import { renderMarkdown } from "../../reports/render/markdown.js";
import { renderSarif } from "../../reports/render/sarif.js";
import { renderText } from "../../reports/render/text.js";
import { expectValidReport } from "../support/cli.js";
import { MCP_REMOTE_RCE } from "../support/faces/osv.js";
import type { Fault } from "../support/fixture-server.js";
import { useVetFixtures } from "../support/vet-e2e.js";

const { server, home, vet, vetJson } = useVetFixtures();

const OSV_FAULTS: [string, Fault, RegExp][] = [
  ["answering 500", { kind: "status", status: 500 }, /^OSV answered HTTP 500 \(querybatch\)$/],
  ["answering garbage", { kind: "body", body: "<html>oops" }, /^OSV gave an invalid answer \(querybatch\)/],
  ["unreachable", { kind: "reset" }, /^OSV unreachable: connection reset$/],
];

describe("fail closed: advisories that could not be checked are never a pass", () => {
  it.each(OSV_FAULTS)(
    "mcp-remote@0.1.15 (CVE-2025-6514) with OSV %s: incomplete, exit 3, and the report says why",
    async (_name, fault, reason) => {
      server.fault({ match: /^\/osv\//, fault });
      const { code, report } = await vetJson(["mcp-remote@0.1.15"]);
      expect(code).toBe(3);
      expect(report.score).toMatchObject({ verdict: "incomplete", value: null, grade: null });
      expect(report.score.reasons).toContain("required source unavailable: osv");
      expect(report.coverage?.complete).toBe(false);
      expect(report.coverage?.notChecked[0]).toMatchObject({
        source: "osv",
        what: "advisories",
        required: true,
      });
      expect(report.coverage?.notChecked[0]?.reason).toMatch(reason);

      // The views are pure functions of the report: each leads with the same line.
      const first = renderText(report, { color: false, verbose: false, quiet: false }).split("\n")[0]!;
      expect(first).toMatch(/^advisories NOT checked: OSV /);
      expect(first.replace(/^advisories NOT checked: /, "")).toMatch(reason);
    },
  );

  it("every format leads with what could not be checked, before the score", async () => {
    server.fault({ match: /^\/osv\//, fault: { kind: "status", status: 500 } });
    const lead = "advisories NOT checked: OSV answered HTTP 500 (querybatch)";

    const text = await vet(["mcp-remote@0.1.15", "--quiet"]);
    expect(text.stdout.split("\n").slice(0, 2)).toEqual([lead, expect.stringMatching(/INCOMPLETE/)]);

    const json = await vet(["mcp-remote@0.1.15", "--json"]);
    expect(json.stdout.indexOf('"coverage"')).toBeGreaterThan(0);
    expect(json.stdout.indexOf('"coverage"')).toBeLessThan(json.stdout.indexOf('"score"'));
    const report = expectValidReport(JSON.parse(json.stdout)) as unknown as Report;

    // The other views, rendered as the CLI renders them, from the same report.
    const md = renderMarkdown(report);
    const mdLines = md.split("\n").filter(Boolean);
    expect(mdLines[0]).toMatch(/^# mcp-remote@0\.1\.15: INCOMPLETE/);
    expect(mdLines[1]).toBe(`> **advisories NOT checked:** OSV answered HTTP 500 (querybatch)`);
    expect(md.indexOf("NOT checked")).toBeLessThan(md.indexOf("Score **"));

    const html = renderHtml(report);
    const section = html.slice(html.indexOf('<section class="target"'));
    expect(section).toContain("<strong>advisories NOT checked:</strong> OSV answered HTTP 500 (querybatch)");
    expect(section.indexOf("NOT checked")).toBeLessThan(section.indexOf("Score <strong>"));

    const sarif = renderSarif([report]);
    const run = (
      JSON.parse(sarif) as {
        runs: {
          invocations: { toolExecutionNotifications: { level: string; message: { text: string } }[] }[];
        }[];
      }
    ).runs[0]!;
    expect(run.invocations[0]!.toolExecutionNotifications[0]).toEqual({
      level: "error",
      message: { text: `mcp-remote@0.1.15: ${lead}` },
    });
    expect(sarif.indexOf('"invocations"')).toBeLessThan(sarif.indexOf('"results"'));
  });

  it("--no-deps still asks OSV about the package itself: still required", async () => {
    server.fault({ match: /^\/osv\//, fault: { kind: "status", status: 503 } });
    const { code, report } = await vetJson(["mcp-remote@0.1.15", "--no-deps"]);
    expect(code).toBe(3);
    expect(report.score.verdict).toBe("incomplete");
    expect(report.coverage?.skipped.map((s) => s.source)).toContain("dependencies");
  });

  it("--osv-db is the advisory source: OSV's API down does not matter, the advisory fails the vet", async () => {
    server.fault({ match: /^\/osv\//, fault: { kind: "status", status: 500 } });
    const db = join(home.home, "osv-db");
    mkdirSync(db, { recursive: true });
    writeFileSync(join(db, `${MCP_REMOTE_RCE.record.id}.json`), JSON.stringify(MCP_REMOTE_RCE.record));
    const { code, report } = await vetJson(["mcp-remote@0.1.15", "--osv-db", db]);
    expect(code).toBe(1);
    expect(report.sources.find((s) => s.id === "osv")?.status).toBe("ok");
    expect(report.findings.map((f) => f.id)).toContain("advisory-in-package");
  });

  it("a policy that does not require advisories is obeyed, and the gap is still said first", async () => {
    server.fault({ match: /^\/osv\//, fault: { kind: "status", status: 500 } });
    const policy = join(home.home, "advisories-optional.json");
    writeFileSync(policy, JSON.stringify({ requiredSources: ["npm", "tarball"] }));
    const { code, report } = await vetJson(["mcp-remote@0.1.16", "--policy", policy]);
    expect(code).toBe(0);
    expect(report.coverage?.notChecked[0]).toMatchObject({ source: "osv", required: false });
    const text = renderText(report, { color: false, verbose: false, quiet: true });
    expect(text.split("\n")[0]).toMatch(/^advisories NOT checked: OSV answered HTTP 500/);
  });
});

describe("github: targets", () => {
  it("GitHub down is a source failure: exit 3, one line", async () => {
    server.fault({ match: /^\/github\//, fault: { kind: "status", status: 503 } });
    const res = await vet(["github:acme/weather-mcp"]);
    expect(res.code).toBe(3);
    expect(res.stderr.trim().split("\n")).toHaveLength(1);
    expect(res.stderr).toMatch(/^mcp-vet: could not read github:acme\/weather-mcp from GitHub: .*503/);
  });

  it("a repository that does not exist is the user's error: exit 2", async () => {
    const res = await vet(["github:acme/no-such-repo"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/does not exist on GitHub/);
  });
});

describe("--fail-on <severity>", () => {
  it("exits 1 when an unsuppressed finding is at or above it; the verdict is left as it is", async () => {
    const { code, report } = await vetJson(["hostile-mcp"]);
    const severities = report.findings.filter((f) => !f.credit).map((f) => f.severity);
    expect(severities).toContain("high");
    expect(code).not.toBe(1);
    const res = await vet(["hostile-mcp", "--fail-on", "high"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/--fail-on high: \d+ findings? at high or above/);
  });

  it("leaves the exit code alone when nothing reaches it", async () => {
    const res = await vetJson(["hostile-mcp", "--fail-on", "critical"]);
    expect(res.report.findings.some((f) => f.severity === "critical")).toBe(false);
    expect(res.code).toBe(0);
  });

  it("rejects a severity it does not know", async () => {
    const res = await vet(["hostile-mcp", "--fail-on", "severe"]);
    expect(res.code).toBe(2);
  });
});

describe("--output is checked before any work", () => {
  it.each([
    ["in a folder that does not exist", () => join(home.home, "no", "such", "report.json"), /does not exist/],
    ["that is a folder", () => home.home, /is a folder/],
  ])("a file %s: exit 2, one line, nothing fetched", async (_name, path, message) => {
    const before = server.requests.length;
    const res = await vet(["mcp-remote@0.1.16", "--json", "--output", path()]);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split("\n")).toHaveLength(1);
    expect(res.stderr).toMatch(message);
    expect(server.requests.length).toBe(before);
  });
});
