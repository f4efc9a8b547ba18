import { describe, expect, it } from "vitest";
import type { Evidence } from "../../src/evidence/index.js";
import { manifest } from "../../test/support/evidence.js";
import { githubFacts, MISSING, withGitHub } from "../../test/support/github-evidence.js";
import { findingsOf, withoutPart } from "../../test/support/heuristic.js";
import filesNotInRepository from "./files-not-in-repository.js";

function shipped(
  files: string[],
  repoPaths: string[] | undefined,
  extra: Partial<ReturnType<typeof manifest>> = {},
): Evidence {
  const e = withGitHub(
    githubFacts(repoPaths ? { tree: { directory: "", paths: repoPaths, truncated: false } } : {}),
  );
  const m = manifest(extra);
  return {
    ...e,
    package: {
      status: "ok",
      data: { files: files.map((path) => ({ path, size: 1 })), totalSize: files.length, manifest: m },
    },
  };
}

describe("files-not-in-repository", () => {
  it.each([
    [
      "everything shipped is in the repository",
      ["package.json", "index.js", "src/a.js"],
      ["index.js", "src/a.js", "package.json"],
      [],
    ],
    [
      "build output and npm files are expected to be absent",
      ["dist/index.js", "dist/index.d.ts", "README.md", "LICENSE", "package.json"],
      ["src/index.ts"],
      [],
    ],
    [
      "a source file only in the tarball",
      ["package.json", "index.js", "setup.js"],
      ["index.js", "package.json"],
      ["medium"],
    ],
  ])("%s", (_n, files, repo, severities) => {
    expect(findingsOf(filesNotInRepository, shipped(files, repo)).map((f) => f.severity)).toEqual(severities);
  });

  it("is high when npm runs the missing file", () => {
    const e = shipped(["package.json", "index.js", "setup.js"], ["index.js"], {
      scripts: { postinstall: "node setup.js" },
    });
    const [f] = findingsOf(filesNotInRepository, e);
    expect(f?.severity).toBe("high");
    expect(f?.evidence.map((x) => x.file)).toEqual(["setup.js"]);
  });

  it("says so when the repository has nothing where the package should be", () => {
    expect(findingsOf(filesNotInRepository, shipped(["index.js"], [])).map((f) => f.title)).toEqual([
      "The repository has no files at the repository root",
    ]);
  });

  it("is unknown without a tree, for a missing repository, or a truncated listing", () => {
    expect(filesNotInRepository.evaluate(shipped(["index.js"], undefined)).status).toBe("unknown");
    expect(filesNotInRepository.evaluate(withGitHub(MISSING)).status).toBe("unknown");
    const truncated = withGitHub(githubFacts({ tree: { directory: "", paths: ["a"], truncated: true } }));
    expect(filesNotInRepository.evaluate(truncated).status).toBe("unknown");
  });
});

describe("files-not-in-repository without its evidence", () => {
  it("is unknown when the tarball or GitHub could not be read, skipped when not collected", () => {
    expect(withoutPart(filesNotInRepository, "package")).toEqual({
      unavailable: "unknown",
      skipped: "skipped",
    });
    expect(withoutPart(filesNotInRepository, "github")).toEqual({
      unavailable: "unknown",
      skipped: "skipped",
    });
  });
});
