import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useVetFixtures } from "../support/vet-e2e.js";

const { server, github, home, vet, vetJson } = useVetFixtures();

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
  ])(
    "OSV answering %s is unavailable: advisories are required, so the vet is incomplete",
    async (_n, fault) => {
      server.fault({ match: /^\/osv\//, fault });
      const { code, report } = await vetJson(["mcp-remote@0.1.16"]);
      expect(code).toBe(3);
      expect(report.score).toMatchObject({ verdict: "incomplete", value: null, grade: null });
      expect(report.sources.find((s) => s.id === "osv")?.status).toBe("unavailable");
      expect(report.categories.find((c) => c.id === "vulnerabilities")?.score).toBeNull();
    },
  );
});
