import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import indexSchema from "../../reports/index.schema.json" with { type: "json" };
import type { AuditIndex } from "../../reports/index-model.js";
import { expectValidReport, runCli, tempHome } from "../support/cli.js";
import { GitHubFixture, healthyRepo } from "../support/faces/github.js";
import { mcpRegistryFace } from "../support/faces/mcp-registry.js";
import { buildTarball, makePackument, NpmFace } from "../support/faces/npm.js";
import { packument, TREE_CATALOG } from "../support/faces/npm-packuments.js";
import { ALL_OSV_FIXTURES, osvFace } from "../support/faces/osv.js";
import { FixtureServer, type Route } from "../support/fixture-server.js";
import { expectValidSarif } from "../support/sarif.js";

const server = new FixtureServer();
const npm = NpmFace.recorded();
const github = new GitHubFixture();
const home = tempHome();
const NOW = "2026-11-20T00:00:00.000Z";

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateIndex = ajv.compile(indexSchema);

/** GitHub code search for org "acme": one committed client config, one package.json using MCP servers. */
const codeSearch: Route = (req) => {
  if (req.path !== "/search/code") return undefined;
  if (!req.headers.authorization) return { status: 401, body: { message: "Requires authentication" } };
  const q = req.query.get("q") ?? "";
  const items = q.includes("filename:mcp.json")
    ? [{ path: ".vscode/mcp.json", repository: { full_name: "acme/app" } }]
    : q.includes("filename:package.json")
      ? [{ path: "package.json", repository: { full_name: "acme/app" } }]
      : [];
  return { status: 200, body: { total_count: items.length, items } };
};

beforeAll(async () => {
  github.add({
    owner: "acme",
    name: "app",
    files: {
      ".vscode/mcp.json": JSON.stringify({ servers: { remote: { url: "http://mcp.example.com/sse" } } }),
      "package.json": JSON.stringify({
        name: "app",
        dependencies: { "mcp-remote": "0.1.15", "@modelcontextprotocol/sdk": "^1.0.0", express: "^4" },
      }),
    },
  });
  server
    .face("", npm.route)
    .face("/github", codeSearch, github.route)
    .face("/osv", osvFace(ALL_OSV_FIXTURES))
    .face("/mcp-registry", mcpRegistryFace([]));
  await server.start();
  for (const [name, versions] of Object.entries(TREE_CATALOG)) {
    npm.merge(packument("http://fixture.invalid", name, versions) as Parameters<NpmFace["merge"]>[0]);
  }
  for (const [name, code] of [
    ["weather-mcp", "console.log('weather')\n"],
    [
      "tools-mcp",
      'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\nconst server = new McpServer({ name: "t", version: "1" });\nserver.tool("add", "Adds two numbers", {}, async () => ({}));\n',
    ],
  ] as const) {
    github.add({
      ...healthyRepo("acme", name, name),
      record: { owner: { login: "acme", type: "Organization" } },
    });
    const m = {
      name,
      version: "1.0.0",
      license: "MIT",
      repository: `github:acme/${name}`,
      main: "index.js",
      _npmUser: { name: "acme-bot", email: "bot@acme.example" },
    };
    const t = await buildTarball({ "package.json": JSON.stringify(m), "index.js": code });
    const p = makePackument(name, [
      { manifest: { ...m, version: "0.9.0" }, time: "2026-02-01T00:00:00.000Z" },
      { manifest: m, time: "2026-06-01T00:00:00.000Z", tarball: t },
    ]);
    npm.add(p.packument, p.tarballs);
  }
});
afterAll(async () => {
  await server.stop();
  home.cleanup();
});

const inventory = join(home.home, "inventory.yml");
// A client config beside the inventory: one server over plain http, one npm server.
mkdirSync(join(home.home, ".cursor"), { recursive: true });
writeFileSync(
  join(home.home, ".cursor", "mcp.json"),
  JSON.stringify({
    mcpServers: {
      remote: { url: "http://mcp.example.com/sse" },
      weather: { command: "npx", args: ["-y", "weather-mcp@1.0.0"] },
    },
  }),
);
writeFileSync(
  inventory,
  [
    "# the MCP servers this org allows",
    "packages:",
    "  - mcp-remote@0.1.15",
    "  - name: weather-mcp",
    "  - { name: tools-mcp, version: 1.0.0 }",
    "  - no-such-mcp-package-anywhere",
    "repos:",
    "  - https://github.com/acme/weather-mcp",
    "configs:",
    "  - .cursor/mcp.json",
    "",
  ].join("\n"),
);

function audit(args: string[], cache = join(home.home, "cache")) {
  return runCli([...args, ...sources(cache)], { ...home.env, MCP_VET_NOW: NOW });
}

function sources(cache: string): string[] {
  return [
    ...["--registry", server.url(), "--github-api-url", server.url("/github")],
    ...["--osv-api-url", server.url("/osv"), "--mcp-registry-url", server.url("/mcp-registry")],
    ...["--cache-dir", cache],
  ];
}

function readIndex(dir: string): AuditIndex {
  const index = JSON.parse(readFileSync(join(dir, "index.json"), "utf8")) as unknown;
  expect(validateIndex(index), ajv.errorsText(validateIndex.errors)).toBe(true);
  return index as AuditIndex;
}

describe("mcp-vet audit <inventory>", () => {
  const out = join(home.home, "run-1");

  it("audits every target, records failures and writes the report set", async () => {
    const res = await audit(["audit", inventory, "--out-dir", out]);
    expect(res.code, res.stderr).toBe(1);
    // mcp-remote@0.1.15 (critical advisory), and the remote server over plain http: its
    // config-only score is an F (55), and an F never warns.
    expect(res.stderr).toMatch(/mcp-vet audit: 7 targets: .*2 fail/);
    const index = readIndex(out);
    const byKey = Object.fromEntries(index.targets.map((t) => [t.key, t]));
    expect(Object.keys(byKey)).toEqual([
      "config:.cursor/mcp.json#remote",
      "config:.cursor/mcp.json#weather",
      "github:acme/weather-mcp",
      "npm:mcp-remote",
      "npm:no-such-mcp-package-anywhere",
      "npm:tools-mcp",
      "npm:weather-mcp",
    ]);
    expect(byKey["npm:mcp-remote"]).toMatchObject({ version: "0.1.15", verdict: "fail", status: "ok" });
    expect(byKey["npm:mcp-remote"]!.findings.map((f) => f.id)).toContain("advisory-in-package");
    expect(byKey["npm:weather-mcp"]).toMatchObject({ status: "ok", publisher: "acme-bot" });
    expect(byKey["npm:weather-mcp"]!.verdict).not.toBe("fail");
    expect(byKey["github:acme/weather-mcp"]).toMatchObject({
      status: "ok",
      name: "weather-mcp",
      version: "1.0.0",
    });
    expect(byKey["npm:no-such-mcp-package-anywhere"]).toMatchObject({ status: "error", report: null });
    expect(byKey["npm:no-such-mcp-package-anywhere"]!.error).toMatch(/no-such-mcp-package-anywhere/);
    // Each server a config starts is its own target: config checks, and the package vet for npm.
    expect(byKey["config:.cursor/mcp.json#remote"]!.findings.map((f) => f.id)).toContain(
      "config-remote-plaintext-http",
    );
    expect(byKey["config:.cursor/mcp.json#remote"]).toMatchObject({ grade: "F", verdict: "fail" });
    expect(index.summary.coverage).toEqual({ complete: 6, notChecked: {} });
    expect(byKey["config:.cursor/mcp.json#weather"]).toMatchObject({
      status: "ok",
      name: "weather-mcp",
      version: "1.0.0",
    });
    expect(Object.keys(byKey["npm:tools-mcp"]!.tools)).toEqual(["add"]);

    for (const t of index.targets) {
      if (t.report) expectValidReport(JSON.parse(readFileSync(join(out, t.report), "utf8")));
    }
    const files = readdirSync(out);
    expect(files).toEqual(expect.arrayContaining(["index.json", "report.html", "report.md", "report.sarif"]));
    expect(files.filter((f) => f.endsWith(".json"))).toHaveLength(7); // six reports and the index
    const sarif = expectValidSarif(readFileSync(join(out, "report.sarif"), "utf8"));
    expect(sarif.runs[0]!.results!.map((r) => r.ruleId)).toContain("advisory-in-package");
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain("Not audited (1)");
    expect(readFileSync(join(out, "report.md"), "utf8")).toMatch(/^# mcp-vet audit: 6 targets/);
  });

  it("diffs against a baseline: a tool definition changed within the same version is a rug pull", async () => {
    const baselineDir = join(home.home, "baseline");
    const old = readIndex(out);
    const tools = old.targets.find((t) => t.key === "npm:tools-mcp")!;
    tools.tools = { add: "0".repeat(64) };
    // The index keeps whole definitions: the diff names the field that changed.
    const add = tools.definitions!.static!.add!;
    const description = add.definition.description;
    add.hash = "0".repeat(64);
    add.definition = { ...add.definition, description: "Adds two numbers." };
    const weather = old.targets.find((t) => t.key === "npm:weather-mcp")!;
    weather.findings.push({ id: "some-old-finding", severity: "low", title: "fixed since" });
    weather.publisher = "someone-else";
    const remote = old.targets.find((t) => t.key === "npm:mcp-remote")!;
    remote.findings = remote.findings.filter((f) => f.id !== "advisory-in-package");
    const remoteCaps = [...(remote.capabilities ?? [])];
    expect(remoteCaps).toContain("process.exec");
    const absent = ["native", "secrets.paths", "code.dynamic"].find((c) => !remoteCaps.includes(c))!;
    remote.capabilities = [...remoteCaps.filter((c) => c !== "process.exec"), absent];
    // An index written before capabilities were recorded has nothing to compare.
    delete (weather as Partial<typeof weather>).capabilities;
    const { mkdirSync } = await import("node:fs");
    mkdirSync(baselineDir, { recursive: true });
    writeFileSync(join(baselineDir, "index.json"), JSON.stringify(old));

    const out2 = join(home.home, "run-2");
    const res = await audit([
      "audit",
      inventory,
      "--out-dir",
      out2,
      "--baseline",
      baselineDir,
      "--fail-on",
      "new",
    ]);
    expect(res.code, res.stderr).toBe(1);
    expect(res.stderr).toMatch(/RUG PULL/);
    const diff = readIndex(out2).diff!;
    expect(diff.toolChanges).toEqual([
      {
        key: "npm:tools-mcp",
        tool: "add",
        change: "changed",
        version: "1.0.0",
        rugPull: true,
        source: "static",
        fields: [
          { path: "description", old: "Adds two numbers.", ...(description ? { new: description } : {}) },
        ],
      },
    ]);
    expect(diff.resolvedFindings).toEqual([
      { key: "npm:weather-mcp", id: "some-old-finding", severity: "low", title: "fixed since" },
    ]);
    expect(diff.newFindings.map((f) => `${f.key} ${f.id}`)).toEqual(["npm:mcp-remote advisory-in-package"]);
    expect(diff.newPublishers).toEqual([{ key: "npm:weather-mcp", added: ["acme-bot"] }]);
    expect(diff.capabilityChanges).toEqual([
      { key: "npm:mcp-remote", gained: ["process.exec"], lost: [absent], version: remote.version },
    ]);
    expect(readFileSync(join(out2, "report.html"), "utf8")).toMatch(/class="rugpull"/);
    expect(readFileSync(join(out2, "report.md"), "utf8")).toContain(
      `npm:mcp-remote@${remote.version}: gained process.exec; lost ${absent}`,
    );

    // Against itself nothing is new: --fail-on new passes although mcp-remote still fails.
    const same = await audit(["audit", inventory, "--out-dir", join(home.home, "run-3"), "--baseline", out]);
    expect(same.code).toBe(1);
    const quiet = await audit([
      "audit",
      inventory,
      "--out-dir",
      join(home.home, "run-4"),
      "--baseline",
      join(out, "index.json"),
      "--fail-on",
      "new",
    ]);
    expect(quiet.code, quiet.stderr).toBe(3); // no new failure; one target could not be audited
    expect(readIndex(join(home.home, "run-4")).diff!.newFindings).toEqual([]);
  });

  it("--github-org finds committed configs and MCP server dependencies through code search", async () => {
    const dir = join(home.home, "org");
    const res = await runCli(
      ["audit", "--github-org", "acme", "--out-dir", dir, ...sources(join(home.home, "cache"))],
      { ...home.env, MCP_VET_NOW: NOW, GITHUB_TOKEN: "ghs_fixturetoken0123456789" },
    );
    expect(res.code, res.stderr).toBe(1);
    const keys = readIndex(dir).targets.map((t) => t.key);
    expect(keys).toEqual(["config:github:acme/app/.vscode/mcp.json#remote", "npm:mcp-remote"]);
    expect(readFileSync(join(dir, "index.json"), "utf8")).not.toContain("ghs_fixturetoken");
    const noToken = await runCli(
      ["audit", "--github-org", "acme", "--out-dir", dir, ...sources(join(home.home, "cache"))],
      home.env,
    );
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/needs GITHUB_TOKEN/);
  });

  it("shards partition the targets and merge joins them into the unsharded result", async () => {
    const s1 = join(home.home, "shard-1");
    const s2 = join(home.home, "shard-2");
    await audit(["audit", inventory, "--out-dir", s1, "--shard", "1/2", "-q"]);
    await audit(["audit", inventory, "--out-dir", s2, "--shard", "2/2", "-q"]);
    const a = readIndex(s1);
    const b = readIndex(s2);
    expect(a.shard).toEqual({ index: 1, count: 2 });
    expect(a.targets.length + b.targets.length).toBe(7);
    expect(a.targets.length).toBeGreaterThan(0);
    expect(b.targets.length).toBeGreaterThan(0);

    const merged = join(home.home, "merged");
    const res = await runCli(["merge", s1, s2, "--out-dir", merged], home.env);
    expect(res.code, res.stderr).toBe(1);
    const whole = readIndex(out);
    const joined = readIndex(merged);
    expect(joined.targets).toEqual(whole.targets);
    expect(joined.summary).toEqual(whole.summary);
    expect(readdirSync(merged).sort()).toEqual(readdirSync(out).sort());
    expect(readFileSync(join(merged, "report.sarif"), "utf8")).toBe(
      readFileSync(join(out, "report.sarif"), "utf8"),
    );
  });

  it.each([
    ["sarif", /"version": "2.1.0"/],
    ["markdown", /^# mcp-remote@0\.1\.15: FAIL/],
    ["html", /^<!doctype html>/],
  ])("mcp-vet <pkg> --format %s", async (format, expected) => {
    const res = await runCli(
      ["mcp-remote@0.1.15", "--format", format, ...sources(join(home.home, "cache"))],
      home.env,
    );
    expect(res.code, res.stderr).toBe(1);
    expect(res.stdout).toMatch(expected);
    if (format === "sarif") expectValidSarif(res.stdout);
  });

  it.each([
    [["audit", "/nonexistent/inventory.yml"], /cannot read inventory/],
    [["audit", "BADINV"], /inventory .*: packages/],
    [["audit", "GOODINV", "--shard", "3/2"], /--shard must be i\/n/],
    [["audit", "GOODINV", "--baseline", "/nonexistent"], /baseline .* does not exist/],
    [["merge", "/nonexistent"], /merge needs --out-dir/],
  ])("usage error %j exits 2", async (args, message) => {
    const bad = join(home.home, "bad.yml");
    writeFileSync(bad, "packages: 42\n");
    const res = await runCli(
      args.map((a) => (a === "BADINV" ? bad : a === "GOODINV" ? inventory : a)),
      home.env,
    );
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(existsSync(join(home.home, "reports"))).toBe(false);
  });
});
