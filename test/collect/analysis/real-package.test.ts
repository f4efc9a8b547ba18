import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzePackage, type PackageEntry } from "../../../src/collect/analysis/index.js";
import { factKinds } from "../../support/code.js";
import { manifest } from "../../support/evidence.js";

const ROOT = join(import.meta.dirname, "../../fixtures/packages/server-filesystem");

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
    expect(factKinds(a).filter((k) => !k.startsWith("exec"))).toEqual([]);
  });

  it("lists its tools with annotations", () => {
    const names = a.tools.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(["read_text_file", "write_file", "edit_file", "list_directory"]),
    );
    expect(a.tools.find((t) => t.name === "write_file")?.annotations?.readOnlyHint).toBe(false);
    expect(a.tools.find((t) => t.name === "list_directory")?.inputKeys).toEqual(["path"]);
  });

  it("links every tool to its handler, across its helper module", () => {
    for (const t of a.tools) {
      expect(t.handler, t.name).toBeDefined();
      expect(t.handler?.complete, t.name).toBe(true);
    }
    // readTextFileHandler is a const shared by read_file and read_text_file.
    expect(a.tools.find((t) => t.name === "read_file")?.handler?.where).toMatchObject({
      file: "dist/index.js",
      line: 153,
    });
    const reaches = (name: string) =>
      a.tools.find((t) => t.name === name)?.handler?.capabilities.map((c) => c.id) ?? [];
    expect(reaches("write_file")).toEqual(["fs.read", "fs.write"]);
    expect(reaches("edit_file")).toContain("fs.write");
    expect(reaches("create_directory")).toContain("fs.write");
    expect(reaches("move_file")).toContain("fs.write");
    expect(reaches("list_allowed_directories")).toEqual([]);
  });

  it("its read-only tools read and never write (no false contradiction)", () => {
    const readOnly = a.tools.filter((t) => t.annotations?.readOnlyHint === true);
    expect(readOnly.map((t) => t.name).sort()).toEqual([
      "directory_tree",
      "get_file_info",
      "list_allowed_directories",
      "list_directory",
      "list_directory_with_sizes",
      "read_file",
      "read_media_file",
      "read_multiple_files",
      "read_text_file",
      "search_files",
    ]);
    for (const t of readOnly) {
      const ids = t.handler?.capabilities.map((c) => c.id) ?? [];
      if (t.name !== "list_allowed_directories") expect(ids, t.name).toContain("fs.read");
      expect(ids, t.name).not.toContain("fs.write");
      expect(ids, t.name).not.toContain("process.exec");
      expect(ids, t.name).not.toContain("net.outbound");
    }
    // Every tool also claims openWorldHint: false; none reaches the network.
    expect(a.tools.every((t) => t.annotations?.openWorldHint === false)).toBe(true);
    // create_directory claims destructiveHint: false and only creates.
    expect(a.tools.find((t) => t.name === "create_directory")?.handler?.deletes).toBeUndefined();
  });

  it("takes directories as command-line arguments", () => {
    expect(a.config.positionalArgs).toBe(true);
  });
});
