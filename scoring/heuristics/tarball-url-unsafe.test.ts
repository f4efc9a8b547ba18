import { describe, expect, it } from "vitest";
import { evidence, manifest, npmFacts } from "../../test/support/evidence.js";
import { withoutPart } from "../../test/support/heuristic.js";
import { findings } from "../../test/support/run.js";
import tarballUrlUnsafe from "./tarball-url-unsafe.js";

describe("tarball-url-unsafe", () => {
  it("is silent on an ordinary https tarball", () => {
    expect(findings(tarballUrlUnsafe, evidence())).toEqual([]);
  });

  it("reports a refused url with what it was", () => {
    const m = manifest({ dist: { tarball: "file:/etc/secret.tgz" } });
    const e = evidence({
      npm: { status: "ok", data: npmFacts({ manifest: m, tarballUrlRefused: "a file: url, not https" }) },
    });
    const [f] = findings(tarballUrlUnsafe, e);
    expect(f).toMatchObject({ severity: "high" });
    expect(f!.detail).toContain("file:/etc/secret.tgz");
  });

  it("is unknown without the registry", () => {
    expect(withoutPart(tarballUrlUnsafe, "npm").unavailable).toBe("unknown");
  });
});
