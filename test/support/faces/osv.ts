import semver from "semver";
import type { Route } from "../fixture-server.js";

/**
 * The OSV API face: `POST /v1/querybatch` and `GET /v1/vulns/{id}`. Which records a query
 * hits is decided by `affects` (a semver range per package), independently of
 * src/osv/match.ts, so tests check our matching against the face rather than against itself.
 */
export interface OsvFixture {
  record: { id: string; modified: string } & Record<string, unknown>;
  affects: Record<string, string>;
}

export interface OsvFaceOptions {
  /** Vulns per query result page; more come with a next_page_token. */
  pageSize?: number;
}

interface Query {
  package?: { name?: string; ecosystem?: string };
  version?: string;
  page_token?: string;
}

export function osvFace(fixtures: OsvFixture[], options: OsvFaceOptions = {}): Route {
  return (req) => {
    if (req.method === "POST" && req.path === "/v1/querybatch") {
      const { queries } = JSON.parse(req.body.toString("utf8")) as { queries: Query[] };
      // OSV rejects batches of more than 1000 queries.
      if (queries.length > 1000) return { status: 400, body: { code: 3, message: "Too many queries." } };
      return { status: 200, body: { results: queries.map((q) => answer(fixtures, q, options.pageSize)) } };
    }
    const m = /^\/v1\/vulns\/(.+)$/.exec(req.path);
    if (req.method === "GET" && m) {
      const fixture = fixtures.find((f) => f.record.id === m[1]);
      return fixture
        ? { status: 200, body: fixture.record }
        : { status: 404, body: { code: 5, message: "Bug not found." } };
    }
    return undefined;
  };
}

function answer(fixtures: OsvFixture[], q: Query, pageSize = Number.POSITIVE_INFINITY): object {
  const name = q.package?.name ?? "";
  const version = q.version ?? "";
  const hits = fixtures.filter(
    (f) =>
      q.package?.ecosystem === "npm" &&
      f.affects[name] !== undefined &&
      semver.satisfies(version, f.affects[name]!, { includePrerelease: true }),
  );
  const offset = Number(q.page_token ?? 0);
  const page = hits.slice(offset, offset + pageSize);
  const vulns = page.map((f) => ({ id: f.record.id, modified: f.record.modified }));
  if (vulns.length === 0) return {};
  return offset + pageSize < hits.length ? { vulns, next_page_token: String(offset + pageSize) } : { vulns };
}

/** CVE-2025-6514: OS command injection in mcp-remote >=0.0.5 <0.1.16 (critical, CVSS 9.6). */
export const MCP_REMOTE_RCE: OsvFixture = {
  affects: { "mcp-remote": ">=0.0.5 <0.1.16" },
  record: {
    schema_version: "1.6.0",
    id: "GHSA-6xpm-ggf7-wc3p",
    modified: "2025-07-10T14:00:00Z",
    published: "2025-07-09T14:00:00Z",
    aliases: ["CVE-2025-6514"],
    summary: "mcp-remote exposed to OS command injection via untrusted MCP server connections",
    details: "mcp-remote passes an authorization_endpoint supplied by the server to open(), which runs it.",
    severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H" }],
    affected: [
      {
        package: { ecosystem: "npm", name: "mcp-remote", purl: "pkg:npm/mcp-remote" },
        ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0.0.5" }, { fixed: "0.1.16" }] }],
        database_specific: {
          source: "https://github.com/advisories/GHSA-6xpm-ggf7-wc3p/GHSA-6xpm-ggf7-wc3p.json",
        },
      },
    ],
    references: [{ type: "ADVISORY", url: "https://nvd.nist.gov/vuln/detail/CVE-2025-6514" }],
    database_specific: { severity: "CRITICAL", cwe_ids: ["CWE-78"], github_reviewed: true },
  },
};

/** CVE-2024-52798: ReDoS in path-to-regexp 0.1.x before 0.1.12 (high). */
export const PATH_TO_REGEXP_REDOS: OsvFixture = {
  affects: { "path-to-regexp": "<0.1.12" },
  record: {
    schema_version: "1.6.0",
    id: "GHSA-rhx6-c78j-4q9w",
    modified: "2025-01-06T12:00:00Z",
    published: "2024-12-05T22:00:00Z",
    aliases: ["CVE-2024-52798"],
    summary: "Unpatched `path-to-regexp` ReDoS in 0.1.x",
    severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H" }],
    affected: [
      {
        package: { ecosystem: "npm", name: "path-to-regexp" },
        ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "0.1.12" }] }],
      },
    ],
    database_specific: { severity: "HIGH", cwe_ids: ["CWE-1333"] },
  },
};

/**
 * postmark-mcp 1.0.16 added a hidden BCC of every email to an outside address (public,
 * September 2025). The MAL id here is a placeholder of the right form, not the real one.
 */
export const POSTMARK_MALICIOUS: OsvFixture = {
  affects: { "postmark-mcp": ">=1.0.16" },
  record: {
    schema_version: "1.5.0",
    id: "MAL-2025-0001",
    modified: "2025-09-26T00:00:00Z",
    published: "2025-09-26T00:00:00Z",
    summary: "Malicious code in postmark-mcp (npm)",
    details: "This package BCCs every email it sends to an address controlled by the attacker.",
    affected: [
      {
        package: { ecosystem: "npm", name: "postmark-mcp" },
        ranges: [{ type: "SEMVER", events: [{ introduced: "1.0.16" }] }],
        database_specific: { "malicious-packages-origins": [{ source: "fixture" }] },
      },
    ],
  },
};

export const ALL_OSV_FIXTURES: OsvFixture[] = [MCP_REMOTE_RCE, PATH_TO_REGEXP_REDOS, POSTMARK_MALICIOUS];
