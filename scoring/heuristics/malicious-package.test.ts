import { describe, expect, it } from "vitest";
import type { AdvisoryMatch } from "../../src/evidence/index.js";
import { advisory, depAdvisory, withAdvisories } from "../../test/support/deps-evidence.js";
import { evidence } from "../../test/support/evidence.js";
import { findings } from "../../test/support/run.js";
import maliciousPackage from "./malicious-package.js";

const malicious = advisory({ id: "MAL-2025-0001", aliases: [], malicious: true, severity: "unknown" });
const maliciousDep = depAdvisory({
  id: "MAL-2025-0002",
  aliases: [],
  malicious: true,
  fixed: undefined,
  direct: true,
  path: ["example-mcp-server", "evil"],
  package: "evil",
});

describe("malicious-package", () => {
  it.each<[string, AdvisoryMatch[], number]>([
    ["nothing", [], 0],
    ["an ordinary advisory", [advisory(), depAdvisory()], 0],
    ["the target itself", [malicious], 1],
    ["deep in the tree", [maliciousDep], 1],
  ])("%s", (_n, list, count) => expect(findings(maliciousPackage, withAdvisories(list))).toHaveLength(count));

  it("is critical and blocking whatever the record says", () => {
    const [f] = findings(maliciousPackage, withAdvisories([maliciousDep]));
    expect(f).toMatchObject({ severity: "critical", blocking: true });
    expect(f!.detail).toContain("example-mcp-server > evil");
  });

  it("is unknown when OSV was unavailable, skipped when skipped", () => {
    expect(
      maliciousPackage.evaluate(evidence({ advisories: { status: "unavailable", error: "OSV down" } }))
        .status,
    ).toBe("unknown");
    expect(maliciousPackage.evaluate(evidence()).status).toBe("skipped");
  });
});
