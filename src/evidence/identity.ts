/**
 * Evidence about who published a package and whether that can be proven: npm provenance
 * (SLSA statements in Sigstore bundles), registry signatures, and the MCP registry listing.
 */

/**
 * `verified`: checked against a trust root (Sigstore trusted root, registry key).
 * `unverified`: present, but nothing to check it against here (no trusted root, key not published).
 * `invalid`: the signature does not match the key or certificate it names: tampered or forged.
 */
export type VerificationStatus = "verified" | "unverified" | "invalid";

/** The facts of an SLSA provenance predicate (v0.2 or v1) that matter for identity. */
export interface SlsaProvenance {
  predicateType: string;
  /** Normalised https url of the source repository the build ran from. */
  sourceRepository?: string;
  /** GitHub/GitLab owner and repo of `sourceRepository`, when it could be parsed. */
  sourceOwner?: string;
  sourceRepo?: string;
  /** Git commit the build ran at. */
  commit?: string;
  /** Git ref (refs/heads/main, refs/tags/v1.2.0). */
  ref?: string;
  /** Workflow file that ran the build, e.g. `.github/workflows/publish.yml`. */
  workflowPath?: string;
  /** SLSA builder id, e.g. `https://github.com/actions/runner/github-hosted`. */
  builderId?: string;
  buildType?: string;
}

export interface AttestationFacts {
  predicateType: string;
  /** Sigstore bundle media type as given. */
  mediaType?: string;
  /** Parsed SLSA predicate, for provenance attestations. */
  slsa?: SlsaProvenance;
  /** Whether a subject digest equals the tarball's sha512; undefined when either is unknown. */
  subjectMatchesTarball?: boolean;
  /**
   * Who the signing certificate was issued to (its SAN: for GitHub Actions the workflow,
   * `https://github.com/<owner>/<repo>/.github/workflows/<file>@<ref>`), when it names one.
   */
  signerIdentity?: string;
  verification: VerificationStatus;
  /** One line on how (or why not) it was verified. */
  verificationDetail: string;
}

export interface ProvenanceFacts {
  /**
   * `present`: attestations were listed or served. `absent`: the registry passes `dist`
   * fields through (signatures are listed) and lists none. `unknown`: a partial mirror or an
   * endpoint that could not say.
   */
  attestations: "present" | "absent" | "unknown";
  attestationsUrl?: string;
  items: AttestationFacts[];
  /** Registry signatures (`dist.signatures`) checked against `/-/npm/v1/keys`. */
  signatures: {
    status: "absent" | "unknown" | VerificationStatus;
    keyids: string[];
    detail: string;
  };
  /** Problems met while reading (404s, malformed bundles), one line each. */
  notes: string[];
}

/** One server as the official MCP registry lists it, reduced to identity facts. */
export interface McpRegistryServer {
  /** The namespace-qualified name, e.g. `io.github.owner/server` or `com.vendor/server`. */
  name: string;
  description?: string;
  version?: string;
  repositoryUrl?: string;
  /** Packages the listing points at (`npm:@scope/name`). */
  packages: { registryType: string; identifier: string; version?: string }[];
  status?: string;
  isLatest?: boolean;
}

export interface McpRegistryListing {
  /** The search term sent. */
  query: string;
  registryUrl: string;
  servers: McpRegistryServer[];
  /** Set when the answer was cut at the cap. */
  truncated?: boolean;
}
