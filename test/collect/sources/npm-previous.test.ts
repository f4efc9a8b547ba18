import { describe, expect, it } from "vitest";
import { previousVersion } from "../../../src/collect/sources/npm.js";
import type { VersionSummary } from "../../../src/evidence/index.js";

const v = (version: string, publishedAt?: string): VersionSummary => ({ version, publishedAt });

describe("previousVersion: the release a version follows", () => {
  // @wonderwhy-er/desktop-commander as the registry lists it: 0.1.26 was published (again) after
  // 0.2.51, so "published last before 0.2.52" was 0.1.26, which never had 0.2.x's postinstall.
  const desktopCommander = [
    v("0.1.10", "2026-09-28T17:41:10Z"),
    v("0.2.50", "2026-09-09T15:28:24Z"),
    v("0.2.51", "2026-09-18T02:01:03Z"),
    v("0.1.26", "2026-09-28T17:51:48Z"),
    v("0.2.52", "2026-09-29T14:28:17Z"),
  ];
  it("is the semver predecessor, not the version published last by date", () => {
    expect(previousVersion(desktopCommander, "0.2.52")).toBe("0.2.51");
    expect(previousVersion(desktopCommander, "0.1.26")).toBe("0.1.10");
  });

  it("follows the release line when an older line is back-ported later (@sentry/mcp-server 0.36.0 after 0.37.0)", () => {
    const sentry = [
      v("0.37.0", "2026-07-16T00:00:00Z"),
      v("0.39.0", "2026-08-28T00:00:00Z"),
      v("0.36.0", "2026-09-02T00:00:00Z"),
    ];
    expect(previousVersion(sentry, "0.39.0")).toBe("0.37.0");
  });

  it("skips prereleases for a stable release, not for a prerelease", () => {
    const list = [v("1.9.0"), v("2.0.0-beta.1"), v("2.0.0-beta.2"), v("2.0.0")];
    expect(previousVersion(list, "2.0.0")).toBe("1.9.0");
    expect(previousVersion(list, "2.0.0-beta.2")).toBe("2.0.0-beta.1");
  });

  it("has none for the first version or a version that is not semver", () => {
    expect(previousVersion([v("1.0.0"), v("1.0.1")], "1.0.0")).toBeUndefined();
    expect(previousVersion([v("1.0.0"), v("latest-ish")], "latest-ish")).toBeUndefined();
    expect(previousVersion([v("not-semver"), v("1.0.0")], "1.0.0")).toBeUndefined();
  });
});
