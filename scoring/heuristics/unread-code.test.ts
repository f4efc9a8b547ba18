import { describe, expect, it } from "vitest";
import type { Evidence, PackageFiles } from "../../src/evidence/index.js";
import { evidence } from "../../test/support/evidence.js";
import { withoutPart } from "../../test/support/heuristic.js";
import { findings } from "../../test/support/run.js";
import unreadCode from "./unread-code.js";

function withPackage(extra: Partial<PackageFiles>, code?: Evidence["code"]): Evidence {
  const base = evidence();
  const pkg = base.package.status === "ok" ? base.package.data : { files: [], totalSize: 0 };
  return { ...base, package: { status: "ok", data: { ...pkg, ...extra } }, ...(code ? { code } : {}) };
}

describe("unread-code", () => {
  it("finds nothing when everything was read", () => {
    expect(findings(unreadCode, withPackage({}))).toEqual([]);
  });

  it("names files over a cap or past the budget, with how many there were", () => {
    const [f] = findings(
      unreadCode,
      withPackage({
        notRead: [{ path: "dist/a.js", size: 40_000_000, reason: "larger than the 32 MB per-file cap" }],
        notReadCount: 3,
      }),
    );
    expect(f).toMatchObject({ severity: "high", title: "3 files were not read" });
    expect(f!.evidence[0]).toMatchObject({ file: "dist/a.js" });
  });

  it("flags a listing cut at the entry cap, a failed analysis and skipped code files", () => {
    expect(findings(unreadCode, withPackage({ truncated: "more than 20000 entries" }))).toHaveLength(1);
    const failed = withPackage({}, { status: "unavailable", error: "code analysis failed: boom" });
    expect(findings(unreadCode, failed)[0]!.title).toMatch(/could not be analysed/);
  });

  it("is unknown without the tarball and skipped for a config-only target", () => {
    expect(withoutPart(unreadCode, "package")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
