import { describe, expect, it } from "vitest";
import provenanceInvalid from "../../scoring/heuristics/provenance-invalid.js";
import provenanceMissing from "../../scoring/heuristics/provenance-missing.js";
import repoMismatch from "../../scoring/heuristics/provenance-repo-mismatch.js";
import untrustedBuilder from "../../scoring/heuristics/provenance-untrusted-builder.js";
import { evidence } from "../support/evidence.js";
import { findings, github, identityEvidence, provenance, slsaItem } from "../support/identity.js";

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
});

describe("provenance-repo-mismatch", () => {
  it.each([
    ["same repository", github("example", "notes-mcp"), slsaItem("example", "notes-mcp"), []],
    ["same repository, case differs", github("Example", "Notes-MCP"), slsaItem("example", "notes-mcp"), []],
    ["another owner", github("example", "notes-mcp"), slsaItem("mallory", "notes-mcp"), ["high"]],
    ["same owner, other repo", github("example", "notes-mcp"), slsaItem("example", "monorepo"), ["medium"]],
    ["no repository field", undefined, slsaItem("example", "notes-mcp"), []],
  ])("%s", (_n, repository, item, severities) => {
    const e = identityEvidence(
      { name: "notes-mcp", repository },
      { provenance: provenance({ items: [item] }) },
    );
    expect(findings(repoMismatch.evaluate(e)).map((f) => f.severity)).toEqual(severities);
  });
});

describe("provenance-untrusted-builder", () => {
  it.each([
    ["vendor built in its org", "@stripe/mcp", slsaItem("stripe", "agent-toolkit"), 0],
    ["vendor built from a personal fork", "@stripe/mcp", slsaItem("mallory", "agent-toolkit"), 1],
    [
      "vendor built in its second org",
      "@supabase/mcp-server-supabase",
      slsaItem("supabase-community", "supabase-mcp"),
      0,
    ],
    ["community package built anywhere", "notes-mcp", slsaItem("alice", "notes"), 0],
    [
      "vendor repo, but signed from a personal account",
      "@stripe/mcp",
      slsaItem("stripe", "agent-toolkit", {
        signerIdentity: "https://github.com/mallory/agent-toolkit/.github/workflows/p.yml@refs/heads/main",
      }),
      1,
    ],
    [
      "vendor repo, signed by its own workflow",
      "@stripe/mcp",
      slsaItem("stripe", "agent-toolkit", {
        signerIdentity: "https://github.com/stripe/agent-toolkit/.github/workflows/p.yml@refs/heads/main",
      }),
      0,
    ],
    [
      "vendor with no SLSA facts",
      "@stripe/mcp",
      { predicateType: "p", verification: "verified" as const, verificationDetail: "" },
      0,
    ],
  ])("%s", (_n, name, item, count) => {
    const e = identityEvidence({ name }, { provenance: provenance({ items: [item] }) });
    expect(findings(untrustedBuilder.evaluate(e))).toHaveLength(count);
  });
});
