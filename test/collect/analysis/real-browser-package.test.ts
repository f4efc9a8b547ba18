import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import capabilityUnexplained from "../../../scoring/heuristics/capability-unexplained.js";
import { analyzePackage } from "../../../src/collect/analysis/index.js";
import { readTarball } from "../../../src/collect/sources/tarball.js";
import { evidence, manifest } from "../../support/evidence.js";
import { findings } from "../../support/run.js";

/** @modelcontextprotocol/server-puppeteer 2025.5.12, recorded from the registry. */
const TARBALL = join(import.meta.dirname, "../../fixtures/npm/tarballs/server-puppeteer-2025.5.12.tgz");

describe("@modelcontextprotocol/server-puppeteer (recorded)", async () => {
  const { contents } = await readTarball(readFileSync(TARBALL));
  const files = contents.map((f) => ({ path: f.path.replace(/^package\//, ""), content: f.content }));
  const pkg = JSON.parse(files.find((f) => f.path === "package.json")!.content.toString("utf8")) as {
    name: string;
    description: string;
  };
  const man = manifest({ name: pkg.name, description: pkg.description });
  const a = analyzePackage(files, man);

  it("parses every file", () => {
    expect(a.coverage.tokenScanned).toEqual([]);
    expect(a.coverage.parsed).toBe(a.coverage.analysed);
  });

  it("runs a browser process through puppeteer", () => {
    const exec = a.capabilities.find((c) => c.id === "process.exec");
    expect(exec?.evidence[0]).toMatchObject({
      file: "dist/index.js",
      detail: expect.stringMatching(/puppeteer/),
    });
    expect(a.capabilities.map((c) => c.id)).not.toContain("fs.write");
  });

  it("lists its tools and reads its launch options from the environment", () => {
    expect(a.tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(["puppeteer_navigate", "puppeteer_screenshot", "puppeteer_evaluate"]),
    );
    expect(a.config.env.map((e) => e.name)).toEqual(
      expect.arrayContaining(["PUPPETEER_LAUNCH_OPTIONS", "ALLOW_DANGEROUS"]),
    );
  });

  const judged = (m: typeof man) => {
    const base = evidence();
    const e = evidence({
      npm: base.npm.status === "ok" ? { status: "ok", data: { ...base.npm.data, manifest: m } } : base.npm,
      package: { status: "ok", data: { files: [], totalSize: 0, manifest: m } },
      code: { status: "ok", data: { ...a, tools: [] } },
    });
    return findings(capabilityUnexplained, e).map((f) => f.title);
  };

  it("finds process execution expected for a browser-automation server", () => {
    expect(judged(man).join("\n")).not.toMatch(/process\.exec/);
  });

  it("would flag the same code under a purpose that does not explain it", () => {
    expect(
      judged(manifest({ name: "unit-converter-mcp", description: "Converts units" })).join("\n"),
    ).toMatch(/process\.exec/);
  });
});
