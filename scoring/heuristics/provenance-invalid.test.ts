import { describe, expect, it } from "vitest";
import { withoutPart } from "../../test/support/heuristic.js";
import { findings, identityEvidence, provenance, slsaItem } from "../../test/support/identity.js";
import provenanceInvalid from "./provenance-invalid.js";

const publishOnly = {
  predicateType: "https://github.com/npm/attestation/tree/main/specs/publish/v0.1",
  verification: "verified" as const,
  verificationDetail: "registry key",
  subjectMatchesTarball: true,
};

describe("provenance-invalid", () => {
  it.each([
    ["all good", provenance({ items: [slsaItem("a", "b"), publishOnly] }), 0],
    [
      "registry signature invalid",
      provenance({ signatures: { status: "invalid", keyids: ["k"], detail: "does not match" } }),
      1,
    ],
    [
      "attestation signature invalid",
      provenance({ items: [slsaItem("a", "b", { verification: "invalid" })] }),
      1,
    ],
    [
      "attestation for another tarball",
      provenance({ items: [slsaItem("a", "b", { subjectMatchesTarball: false })] }),
      1,
    ],
    [
      "subject not comparable",
      provenance({ items: [slsaItem("a", "b", { subjectMatchesTarball: undefined })] }),
      0,
    ],
    [
      "signatures unverified is not invalid",
      provenance({ signatures: { status: "unverified", keyids: [], detail: "no keys" } }),
      0,
    ],
  ])("%s", (_n, p, count) => {
    expect(findings(provenanceInvalid.evaluate(identityEvidence({}, { provenance: p })))).toHaveLength(count);
  });

  it("is high: the tarball or its metadata was altered after signing", () => {
    const p = provenance({ items: [slsaItem("a", "b", { subjectMatchesTarball: false })] });
    expect(
      findings(provenanceInvalid.evaluate(identityEvidence({}, { provenance: p }))).map((f) => f.severity),
    ).toEqual(["high"]);
  });

  it("is unknown when the provenance source was unavailable, skipped when not fetched", () => {
    expect(withoutPart(provenanceInvalid, "provenance")).toEqual({
      unavailable: "unknown",
      skipped: "skipped",
    });
  });
});
