import { describe, expect, it } from "vitest";
import { parseRepository as repositoryRef } from "../../src/collect/sources/github/repository.js";
import { evidenceWith } from "../../test/support/evidence.js";
import { findingsOf, withoutPart } from "../../test/support/heuristic.js";
import mcpName from "./mcp-name.js";

describe("mcp-name", () => {
  const gh = (owner: string) => repositoryRef(`https://github.com/${owner}/servers.git`);
  it.each([
    ["matching io.github owner", "io.github.acme/weather", gh("acme"), []],
    ["owner match ignores case", "io.github.ACME/weather", gh("acme"), []],
    ["reverse-DNS name", "com.acme/weather", gh("acme"), []],
    ["absent", undefined, gh("acme"), ["info"]],
    [
      "owner mismatch is mcp-registry-namespace-mismatch's finding",
      "io.github.stripe/payments",
      gh("stripe-tools"),
      [],
    ],
    [
      "GitHub owner but no GitHub repo",
      "io.github.acme/x",
      repositoryRef("https://gitlab.com/acme/x"),
      ["medium"],
    ],
    ["malformed", "just-a-name", gh("acme"), ["medium"]],
  ])("%s", (_n, name, repository, severities) => {
    expect(findingsOf(mcpName, evidenceWith({ mcpName: name, repository })).map((f) => f.severity)).toEqual(
      severities,
    );
  });

  it("is unknown when the tarball could not be read, skipped when not fetched", () => {
    expect(withoutPart(mcpName, "package")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
