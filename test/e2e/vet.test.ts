import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { buildTarball } from "../support/faces/npm.js";
import { useVetFixtures } from "../support/vet-e2e.js";

const { server, home, vet, vetJson } = useVetFixtures();

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
