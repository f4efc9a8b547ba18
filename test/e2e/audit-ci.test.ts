import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import indexSchema from "../../reports/index.schema.json" with { type: "json" };
import type { AuditIndex } from "../../reports/index-model.js";
import { startCli } from "../support/cli.js";
import { useVetFixtures } from "../support/vet-e2e.js";

/** The audit's CI knobs: --format, --out-dir checked first, Ctrl-C, fail-closed coverage, the YAML hint. */
const { server, home, vet } = useVetFixtures();

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateIndex = ajv.compile(indexSchema);

function readIndex(dir: string): AuditIndex {
  const index = JSON.parse(readFileSync(join(dir, "index.json"), "utf8")) as unknown;
  expect(validateIndex(index), ajv.errorsText(validateIndex.errors)).toBe(true);
  return index as AuditIndex;
}

function inventory(name: string, lines: string[]): string {
  const path = join(home.home, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

const one = () => inventory("one.yml", ["packages:", "  - weather-mcp"]);
const cache = () => join(home.home, "audit-cache");

describe("audit --format", () => {
  it.each([
    ["html", ["report.html"]],
    ["json", []],
    ["text,sarif", ["report.sarif", "report.txt"]],
  ])("--format %s writes only those views beside the JSON", async (format, views) => {
    const out = join(home.home, `views-${format.replace(/,/g, "-")}`);
    const res = await vet(["audit", one(), "--out-dir", out, "--format", format], cache());
    expect(res.code, res.stderr).toBe(0);
    const files = readdirSync(out).sort();
    expect(files.filter((f) => !f.endsWith(".json"))).toEqual(views);
    expect(files).toContain("index.json");
    expect(files.filter((f) => f.endsWith(".json"))).toHaveLength(2);
    if (views.includes("report.txt"))
      expect(readFileSync(join(out, "report.txt"), "utf8")).toMatch(/weather-mcp@1\.0\.0 {2}PASS|WARN/);
  });

  it("rejects a format it does not know", async () => {
    const res = await vet(["audit", one(), "--out-dir", join(home.home, "x"), "--format", "pdf"]);
    expect(res.code).toBe(2);
  });
});

describe("audit inputs are checked before any work", () => {
  it("an --out-dir that cannot be a folder: exit 2, one line, nothing fetched", async () => {
    const file = join(home.home, "a-file");
    writeFileSync(file, "");
    const before = server.requests.length;
    const res = await vet(["audit", one(), "--out-dir", join(file, "sub")]);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split("\n")).toEqual([expect.stringMatching(/--out-dir .* is not a folder/)]);
    expect(server.requests.length).toBe(before);
  });

  it("an unquoted @scope/name in the inventory gets a hint to quote it", async () => {
    const inv = inventory("scoped.yml", ["packages:", "  - @modelcontextprotocol/server-filesystem"]);
    const res = await vet(["audit", inv, "--out-dir", join(home.home, "scoped")]);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split("\n")).toHaveLength(1);
    expect(res.stderr).toMatch(/reserved character @ at line 2, column 5 \(hint: quote package names/);
    expect(res.stderr).toContain('"@scope/name"');
  });
});

describe("audit fails closed", () => {
  it("OSV down: every target incomplete, exit 3, and the counts say what was not checked", async () => {
    server.fault({ match: /^\/osv\//, fault: { kind: "status", status: 500 } });
    const out = join(home.home, "osv-down");
    const inv = inventory("two.yml", ["packages:", "  - weather-mcp", "  - mcp-remote@0.1.16"]);
    // A fresh cache: a stored OSV answer (an hour's TTL) would rightly be used.
    const res = await vet(["audit", inv, "--out-dir", out, "--format", "html"]);
    expect(res.code, res.stderr).toBe(3);
    expect(res.stderr.split("\n")[0]).toBe("mcp-vet audit: NOT checked: advisories for 2 (of 2 vetted)");
    const index = readIndex(out);
    expect(index.summary).toMatchObject({ incomplete: 2, coverage: { complete: 0, notChecked: { osv: 2 } } });
    expect(index.targets.map((t) => t.notChecked)).toEqual([["osv"], ["osv"]]);
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain(
      "Coverage: 0 of 2 targets checked against every source; not checked: advisories for 2.",
    );
  });
});

describe("Ctrl-C during an audit", () => {
  it("writes what finished, index.json marked partial, and exits 130", async () => {
    // weather-mcp is audited first (one at a time); stale-mcp's tarball then never finishes.
    server.fault({
      match: /\/stale-mcp-1\.0\.0\.tgz$/,
      fault: { kind: "slow", chunkBytes: 1, everyMs: 1000 },
    });
    const out = join(home.home, "interrupted");
    const inv = inventory("slow.yml", ["packages:", "  - weather-mcp", "  - stale-mcp"]);
    const { child, done } = startCli(
      [
        "audit",
        inv,
        "--out-dir",
        out,
        "--concurrency",
        "1",
        ...["--registry", server.url(), "--github-api-url", server.url("/github")],
        ...["--osv-api-url", server.url("/osv"), "--mcp-registry-url", server.url("/mcp-registry")],
        ...["--cache-dir", join(home.home, "interrupt-cache")],
      ],
      home.env,
    );
    // Wait for the condition (stale-mcp's download has begun, so weather-mcp is done), not for a time.
    for (let i = 0; i < 600 && server.count(/\/stale-mcp-1\.0\.0\.tgz$/) === 0; i++) await sleep(50);
    expect(server.count(/\/stale-mcp-1\.0\.0\.tgz$/)).toBe(1);
    child.kill("SIGINT");
    const res = await done;

    expect(res.code).toBe(130);
    expect(res.stderr.trim().split("\n")).toEqual([
      `mcp-vet: interrupted (SIGINT); 1 of 2 targets written to ${out} (index.json marked partial)`,
    ]);
    const index = readIndex(out);
    expect(index.partial).toEqual({ reason: "interrupted", signal: "SIGINT", finished: 1, planned: 2 });
    expect(index.targets.map((t) => t.key)).toEqual(["npm:weather-mcp"]);
    expect(existsSync(join(out, index.targets[0]!.report!))).toBe(true);
    expect(readdirSync(out)).toEqual(expect.arrayContaining(["report.html", "report.md", "report.sarif"]));
  });
});
