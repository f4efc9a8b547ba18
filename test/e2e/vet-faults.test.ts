import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Report } from "../../reports/model.js";
import { expectValidReport, runCli } from "../support/cli.js";
import { useVetFixtures } from "../support/vet-e2e.js";

const { server, home, vet, vetJson } = useVetFixtures();

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
