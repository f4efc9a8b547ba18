import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzePackage, type PackageEntry } from "../../src/analysis/index.js";
import { manifest } from "../support/evidence.js";

const ROOT = join(import.meta.dirname, "../fixtures/packages/server-filesystem");

function read(dir: string): PackageEntry[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? read(p) : [{ path: relative(ROOT, p), content: readFileSync(p) }];
  });
}

describe("@modelcontextprotocol/server-filesystem (recorded)", () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const a = analyzePackage(
    read(ROOT),
    manifest({ name: "@modelcontextprotocol/server-filesystem", scripts: pkg.scripts }),
  );

  it("parses every file", () => {
    expect(a.coverage.tokenScanned).toEqual([]);
    expect(a.coverage.parsed).toBe(a.coverage.analysed);
  });

  it("reads and writes files, and runs no shell", () => {
    const ids = a.capabilities.map((c) => c.id);
    expect(ids).toContain("fs.read");
    expect(ids).toContain("fs.write");
    expect(ids).not.toContain("process.exec");
    expect(ids).not.toContain("code.dynamic");
    expect(a.suspicious).toEqual([]);
  });

  it("lists its tools with annotations", () => {
    const names = a.tools.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(["read_text_file", "write_file", "edit_file", "list_directory"]),
    );
    expect(a.tools.find((t) => t.name === "write_file")?.annotations?.readOnlyHint).toBe(false);
    expect(a.tools.find((t) => t.name === "list_directory")?.inputKeys).toEqual(["path"]);
  });

  it("takes directories as command-line arguments", () => {
    expect(a.config.positionalArgs).toBe(true);
  });
});
