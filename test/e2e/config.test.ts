import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConfigRun } from "../../reports/model.js";
import { renderSarif } from "../../reports/render/sarif.js";
import { expectValidReport, runCli, tempHome } from "../support/cli.js";
import { GitHubFixture } from "../support/faces/github.js";
import { mcpRegistryFace } from "../support/faces/mcp-registry.js";
import { NpmFace, packumentFromCatalog } from "../support/faces/npm.js";
import { TREE_CATALOG } from "../support/faces/npm-packuments.js";
import { ALL_OSV_FIXTURES, osvFace } from "../support/faces/osv.js";
import { FixtureServer } from "../support/fixture-server.js";
import { expectValidSarif } from "../support/sarif.js";

const SECRET = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
const server = new FixtureServer();
const npm = NpmFace.recorded();
const home = tempHome();

beforeAll(async () => {
  for (const [name, versions] of Object.entries(TREE_CATALOG))
    npm.merge(packumentFromCatalog(name, versions));
  server
    .face("", npm.route)
    .face("/github", new GitHubFixture().route)
    .face("/osv", osvFace(ALL_OSV_FIXTURES))
    .face("/mcp-registry", mcpRegistryFace([]));
  await server.start();
});
afterAll(async () => {
  await server.stop();
  home.cleanup();
});

function config(args: string[], cwd = home.home) {
  const flags = [
    "--registry",
    server.url(),
    "--github-api-url",
    server.url("/github"),
    "--osv-api-url",
    server.url("/osv"),
  ];
  flags.push("--mcp-registry-url", server.url("/mcp-registry"), "--cache-dir", join(home.home, "cache"));
  return runCli(["config", ...args, ...flags], home.env, cwd);
}

function writeConfig(path: string, servers: Record<string, unknown>): void {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, JSON.stringify({ mcpServers: servers }, null, 2));
}

const SERVERS = {
  remote: { command: "npx", args: ["-y", "mcp-remote@0.1.15", "https://mcp.example.com/sse"] },
  github: {
    command: "docker",
    args: ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"],
    env: { GITHUB_PERSONAL_ACCESS_TOKEN: SECRET },
  },
  plain: { url: "http://mcp.example.com/sse" },
};

describe("mcp-vet config", () => {
  it("vets every server in a file: the package pipeline for npm, config checks for the rest", async () => {
    const file = join(home.home, "project", ".cursor", "mcp.json");
    writeConfig(file, SERVERS);
    const res = await config([file, "--json"]);
    expect(res.code).toBe(1);
    const run = JSON.parse(res.stdout) as ConfigRun & { kind: string };
    expect(run.kind).toBe("config-audit");
    expect(run.files).toEqual([expect.objectContaining({ client: "cursor", path: file, servers: 3 })]);
    const byName = Object.fromEntries(run.servers.map((s) => [s.name, s]));
    expect(byName.remote?.vetted).toBe("package");
    expect(byName.remote?.report?.advisories.map((a) => a.id)).toContain("GHSA-6xpm-ggf7-wc3p");
    expect(byName.github?.vetted).toBe("config-only");
    expect(byName.github?.report?.findings.map((f) => f.id)).toContain("config-secret-in-file");
    expect(byName.plain?.report?.findings.map((f) => f.id)).toContain("config-remote-plaintext-http");
    for (const s of run.servers) expectValidReport(s.report);
    // The same reports as `config --format sarif` renders them: config findings point at the file.
    const reports = run.servers.flatMap((s) => (s.report ? [s.report] : []));
    const sarif = expectValidSarif(renderSarif(reports, { srcRoot: join(home.home, "project") }));
    expect(JSON.stringify(sarif.runs[0]!.results)).toContain(
      '"uri":".cursor/mcp.json","uriBaseId":"SRCROOT"',
    );
    // The secret itself never leaves the file.
    expect(res.stdout + res.stderr).not.toContain(SECRET);
  });

  it("a credential written into the file fails that config: exit 1, even when the rest is clean", async () => {
    const file = join(home.home, "secret-only", ".cursor", "mcp.json");
    writeConfig(file, { github: SERVERS.github });
    const res = await config([file, "--json"]);
    expect(res.code).toBe(1);
    const [server] = (JSON.parse(res.stdout) as ConfigRun).servers;
    expect(server!.report!.score).toMatchObject({ verdict: "fail", grade: "F" });
    expect(server!.report!.findings.find((f) => f.id === "config-secret-in-file")).toMatchObject({
      severity: "critical",
      blocking: true,
    });

    // The same entry reading the token from the environment is not a failure.
    const fixed = join(home.home, "secret-ref", ".cursor", "mcp.json");
    writeConfig(fixed, {
      github: { ...SERVERS.github, env: { GITHUB_PERSONAL_ACCESS_TOKEN: `\${GITHUB_TOKEN}` } },
    });
    const ok = await config([fixed, "--json"]);
    expect(ok.code, ok.stderr).toBe(0);
    const findings = (JSON.parse(ok.stdout) as ConfigRun).servers[0]!.report!.findings;
    expect(findings.map((f) => f.severity)).toContain("medium");

    // --fail-on: a CI gate on findings across every server.
    const gated = await config([fixed, "--fail-on", "medium", "--quiet"]);
    expect(gated.code).toBe(1);
    expect((await config([fixed, "--fail-on", "high", "--quiet"])).code).toBe(0);
  });

  it("text output has the summary table and never prints the secret", async () => {
    const file = join(home.home, "project2", ".mcp.json");
    writeConfig(file, SERVERS);
    const res = await config([file]);
    expect(res.stdout).toMatch(/server\s+client\s+file\s+grade\s+worst finding/);
    expect(res.stdout).toMatch(/config-secret-in-file/);
    expect(res.stdout).not.toContain(SECRET);
  });

  it("a broken file is reported with its line, not a crash", async () => {
    const file = join(home.home, "broken", "mcp.json");
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, '{\n  "mcpServers": {\n    "x": { "command": "npx", \n');
    const res = await config([file]);
    expect(res.stdout).toMatch(/line \d+/);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it("discovers the clients' files under HOME and the project folder", async () => {
    const project = join(home.home, "discover-project");
    writeConfig(join(home.home, ".cursor", "mcp.json"), { plain: SERVERS.plain });
    writeConfig(join(project, ".mcp.json"), { plain2: SERVERS.plain });
    const res = await config(["--json"], project);
    const run = JSON.parse(res.stdout) as ConfigRun;
    const clients = run.files.map((f) => f.client);
    expect(clients).toContain("cursor");
    expect(clients).toContain("claude-code");
    expect(run.missing.length).toBeGreaterThan(5);
  });

  it("--fix prints a corrected file; --write writes it and keeps a backup", async () => {
    const dir = join(home.home, "fixme");
    const file = join(dir, ".vscode", "mcp.json");
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(
      file,
      JSON.stringify(
        {
          servers: {
            github: { ...SERVERS.github },
            remote: { ...SERVERS.remote, args: ["-y", "mcp-remote"] },
          },
        },
        null,
        2,
      ),
    );
    const printed = await config([file, "--fix"]);
    expect(printed.code).toBe(0);
    expect(printed.stdout).not.toContain(SECRET);
    expect(printed.stdout).toMatch(/\$\{(env:|input:)?[A-Za-z_]+/);
    expect(printed.stdout).toMatch(/mcp-remote@0\.15\.1|mcp-remote@\d/);
    expect(readFileSync(file, "utf8")).toContain(SECRET);

    const written = await config([file, "--fix", "--write"]);
    expect(written.code).toBe(0);
    expect(readFileSync(file, "utf8")).not.toContain(SECRET);
    // The backup holds the credential: never beside the file, where a commit picks it up.
    expect(readdirSync(join(file, "..")).filter((f) => f !== "mcp.json")).toEqual([]);
    const store = join(home.home, "cache", "config-backups");
    const backups = readdirSync(store).filter((f) => f.startsWith("mcp.json-"));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(store, backups[0]!), "utf8")).toContain(SECRET);
    if (process.platform !== "win32") expect(statSync(join(store, backups[0]!)).mode & 0o777).toBe(0o600);
  });

  it("--fix --write never writes through a symbolic link", async () => {
    const outside = join(home.home, "outside", "real.json");
    writeConfig(outside, { github: { ...SERVERS.github } });
    const project = join(home.home, "linked-project");
    mkdirSync(project, { recursive: true });
    symlinkSync(outside, join(project, ".mcp.json"));
    mkdirSync(join(project, "sub"), { recursive: true });
    symlinkSync(join(home.home, "outside"), join(project, "sub", ".vscode"));
    for (const path of [join(project, ".mcp.json"), join(project, "sub", ".vscode", "real.json")]) {
      const res = await config([path, "--fix", "--write"]);
      expect(res.code).toBe(3);
      expect(res.stderr).toMatch(/not written: .*symbolic link/);
      expect(readFileSync(outside, "utf8")).toContain(SECRET);
    }
    expect(readdirSync(project).sort()).toEqual([".mcp.json", "sub"]);
  });

  it("a file that does not exist is a usage error", async () => {
    const res = await config([join(home.home, "nope.json")]);
    expect(res.code).toBe(2);
    expect(existsSync(join(home.home, "nope.json"))).toBe(false);
  });
});
