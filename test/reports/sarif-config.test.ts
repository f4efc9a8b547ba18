import { describe, expect, it } from "vitest";
import { renderSarif } from "../../reports/render/sarif.js";
import type { Finding } from "../../scoring/engine/types.js";
import { sampleReports } from "../support/reports.js";
import { expectValidSarif } from "../support/sarif.js";

type Located = {
  physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number } };
};

function locationOf(file: string, srcRoot?: string): Located["physicalLocation"] {
  const [report] = sampleReports();
  const finding: Finding = {
    id: "config-secret-in-file",
    severity: "high",
    category: "configuration",
    title: '1 credential written into "gh"',
    detail: "",
    evidence: [{ file, line: 4, snippet: "env.TOKEN: ghp_****" }],
    remediation: "",
  };
  const text = renderSarif([{ ...report!, findings: [finding] }], { srcRoot });
  expectValidSarif(text);
  const sarif = JSON.parse(text) as { runs: { results: { locations: Located[] }[] }[] };
  return sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation;
}

describe("SARIF locations of configuration findings", () => {
  it("point at the config file relative to where mcp-vet ran", () => {
    expect(locationOf("/work/repo/.vscode/mcp.json", "/work/repo")).toEqual({
      artifactLocation: { uri: ".vscode/mcp.json", uriBaseId: "SRCROOT" },
      region: { startLine: 4 },
    });
  });
  it("use an absolute file URI for a config outside it (a home folder)", () => {
    expect(locationOf("/home/me/.cursor/mcp.json", "/work/repo").artifactLocation).toEqual({
      uri: "file:///home/me/.cursor/mcp.json",
    });
  });
  it("write Windows paths as RFC 8089 file URIs: a drive keeps its colon, a share is the host", () => {
    expect(locationOf("C:\\Users\\me\\.cursor\\mcp.json").artifactLocation).toEqual({
      uri: "file:///C:/Users/me/.cursor/mcp.json",
    });
    expect(locationOf("\\\\server\\share\\mcp.json").artifactLocation).toEqual({
      uri: "file://server/share/mcp.json",
    });
    expect(locationOf("/home/a b/#1?.json").artifactLocation).toEqual({
      uri: "file:///home/a%20b/%231%3F.json",
    });
  });
});
