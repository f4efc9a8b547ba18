import { describe, expect, it } from "vitest";
import { evidence } from "../../test/support/evidence.js";
import { findings, identityEvidence, provenance, slsaItem } from "../../test/support/identity.js";
import provenanceMissing from "./provenance-missing.js";

const publishOnly = {
  predicateType: "https://github.com/npm/attestation/tree/main/specs/publish/v0.1",
  verification: "verified" as const,
  verificationDetail: "registry key",
  subjectMatchesTarball: true,
};

describe("provenance-missing", () => {
  it.each([
    ["absent, community package", "notes-mcp", provenance({ attestations: "absent" }), ["low"]],
    ["absent, vendor package", "@stripe/mcp", provenance({ attestations: "absent" }), ["medium"]],
    ["publish attestation only", "notes-mcp", provenance({ items: [publishOnly] }), ["low"]],
    ["SLSA provenance present", "notes-mcp", provenance({ items: [slsaItem("example", "notes-mcp")] }), []],
  ])("%s", (_n, name, p, severities) => {
    expect(
      findings(provenanceMissing.evaluate(identityEvidence({ name }, { provenance: p }))).map(
        (f) => f.severity,
      ),
    ).toEqual(severities);
  });

  it("is unknown when a mirror cannot say", () => {
    const r = provenanceMissing.evaluate(
      identityEvidence({}, { provenance: provenance({ attestations: "unknown" }) }),
    );
    expect(r.status).toBe("unknown");
  });

  it("is unknown when the provenance source was unavailable", () => {
    expect(
      provenanceMissing.evaluate(evidence({ provenance: { status: "unavailable", error: "x" } })).status,
    ).toBe("unknown");
  });

  it("is skipped when provenance was not fetched (e.g. a local folder)", () => {
    expect(provenanceMissing.evaluate(evidence()).status).toBe("skipped");
  });
});
