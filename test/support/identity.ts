import type {
  AttestationFacts,
  Evidence,
  Manifest,
  McpRegistryServer,
  NpmFacts,
  ProvenanceFacts,
} from "../../src/evidence/index.js";
import { evidenceWith } from "./evidence.js";

/** A GitHub repository reference for `owner/repo`. */
export function github(owner: string, repo: string): Manifest["repository"] {
  return {
    raw: `git+https://github.com/${owner}/${repo}.git`,
    url: `https://github.com/${owner}/${repo}`,
    host: "github.com",
    owner,
    repo,
  };
}

export function provenance(overrides: Partial<ProvenanceFacts> = {}): ProvenanceFacts {
  return {
    attestations: "present",
    items: [],
    signatures: { status: "verified", keyids: ["SHA256:k"], detail: "verified" },
    notes: [],
    ...overrides,
  };
}

export function slsaItem(
  owner: string,
  repo: string,
  overrides: Partial<AttestationFacts> = {},
): AttestationFacts {
  return {
    predicateType: "https://slsa.dev/provenance/v1",
    slsa: {
      predicateType: "https://slsa.dev/provenance/v1",
      sourceRepository: `https://github.com/${owner}/${repo}`,
      sourceOwner: owner,
      sourceRepo: repo,
      commit: "c".repeat(40),
      builderId: "https://github.com/actions/runner/github-hosted",
    },
    subjectMatchesTarball: true,
    verification: "unverified",
    verificationDetail: "signature matches its certificate",
    ...overrides,
  };
}

/** Evidence for a package with the given manifest, registry facts and identity parts. */
export function identityEvidence(
  m: Partial<Manifest>,
  parts: {
    facts?: Partial<NpmFacts>;
    provenance?: ProvenanceFacts;
    registry?: McpRegistryServer[];
    readme?: string;
  } = {},
): Evidence {
  const e = evidenceWith(m, parts.facts);
  if (parts.provenance) e.provenance = { status: "ok", data: parts.provenance };
  if (parts.registry) {
    e.mcpRegistry = {
      status: "ok",
      data: {
        query: m.mcpName ?? m.name ?? "",
        registryUrl: "http://127.0.0.1:0/mcp-registry",
        servers: parts.registry,
      },
    };
  }
  if (parts.readme !== undefined && e.package.status === "ok") e.package.data.readme = parts.readme;
  return e;
}

/** The findings of a result that must have evaluated: a row expecting none must not pass on "unknown". */
export function findings(result: ReturnType<import("../../scoring/engine/types.js").Heuristic["evaluate"]>) {
  if (result.status !== "evaluated") throw new Error(`${result.status}: ${result.reason}`);
  return result.findings;
}
