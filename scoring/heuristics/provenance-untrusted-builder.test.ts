import { describe, expect, it } from "vitest";
import { withoutPart } from "../../test/support/heuristic.js";
import { findings, identityEvidence, provenance, slsaItem } from "../../test/support/identity.js";
import untrustedBuilder from "./provenance-untrusted-builder.js";

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

  it("is high", () => {
    const e = identityEvidence(
      { name: "@stripe/mcp" },
      { provenance: provenance({ items: [slsaItem("mallory", "agent-toolkit")] }) },
    );
    expect(findings(untrustedBuilder.evaluate(e)).map((f) => f.severity)).toEqual(["high"]);
  });

  it("is unknown when the provenance source was unavailable, skipped when not fetched", () => {
    expect(withoutPart(untrustedBuilder, "provenance")).toEqual({
      unavailable: "unknown",
      skipped: "skipped",
    });
  });
});
