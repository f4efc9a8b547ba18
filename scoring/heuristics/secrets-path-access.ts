import type { CodeLocation, CredentialRead } from "../../src/evidence/index.js";
import { installedManifest } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft, Severity } from "../engine/types.js";
import { packagePurposes } from "../knowledge/purposes.js";
import { nameList } from "../knowledge/suspicious.js";
import { loc } from "./shared/code.js";

const KEYRING = "OS keyring";
const MCP_CONFIG = "MCP client configuration";

function key(where: CodeLocation): string {
  return `${where.file}:${where.line}`;
}

export default defineHeuristic(
  {
    id: "secrets-path-access",
    category: "permissions",
    title:
      "Reads credential locations (~/.ssh, ~/.aws, .npmrc, browser profiles, other clients' MCP configs, keyrings)",
    rationale:
      "Credential stealers read a short list of well-known files: SSH keys, cloud and npm tokens, browser password stores, MCP client configs full of API keys. A server that reads them can take them with the user's rights (sending them away is credential-exfiltration's finding). An MCP client's config read by no tool and sent nowhere is medium: servers' own setup and doctor commands read it to add or find their own entry. Naming such a path without reading it (a deny-list, a doc string) is noted lower, and so is the OS keyring entry a server keeps its own token in.",
    remediation:
      "Read the quoted code: a deny-list that protects these paths is fine; code that opens them is not. Do not install a server that reads credentials it does not need.",
    severity: "high",
    needs: ["code"],
  },
  (evidence) => {
    const code = evidence.code.data;
    const purposes = packagePurposes(evidence);
    const explained = purposes.explained.has("secrets.paths");
    const browser = purposes.matched.some((p) => p.id === "browser");
    const drafts: FindingDraft[] = [];

    const reads = new Map<string, CredentialRead[]>();
    for (const r of code.credentialReads) {
      if (r.via !== "file") continue;
      reads.set(r.what, [...(reads.get(r.what) ?? []), r]);
    }
    const sent = new Set(
      code.flows
        .filter((f) => f.source.kind === "credential-file" && f.sink.kind === "network")
        .map((f) => `${f.source.where.file}:${f.source.where.line}`),
    );
    for (const [what, list] of reads) {
      let severity: Severity = "high";
      if (what === "dotenv file") severity = "low";
      else if (explained || (what === "browser profile data" && browser)) severity = "medium";
      else if (what === MCP_CONFIG && list.every((r) => r.tools.length === 0 && !sent.has(key(r.where))))
        // A server's own setup or doctor command reads the client's config to add or find its
        // own entry; no tool reaches the read and nothing read is sent (that would be
        // credential-exfiltration, critical).
        severity = "medium";
      const tools = [...new Set(list.flatMap((r) => r.tools))];
      drafts.push({
        severity,
        title: `Code reads ${what}`,
        detail: `${list.length} read(s)${tools.length ? `, reached from tool ${nameList(tools)}` : ""}${explained ? "; the package's stated purpose involves credentials" : ""}.`,
        evidence: list.map((r) => loc(r.where)),
      });
    }

    const own = ownNames(installedManifest(evidence)?.name);
    const keyring = code.credentialReads.filter((r) => r.via === "keyring");
    if (keyring.length > 0) {
      const foreign = keyring.filter((r) => r.service !== undefined && !isOwn(r.service, own));
      const unknown = keyring.filter((r) => r.service === undefined);
      const services = [...new Set(keyring.map((r) => r.service ?? "(computed)"))].slice(0, 5).join(", ");
      drafts.push({
        severity: foreign.length > 0 ? "high" : unknown.length > 0 ? "low" : "info",
        title:
          foreign.length > 0
            ? "Code reads OS keyring entries of another service"
            : unknown.length > 0
              ? "Code uses the OS keyring under a computed service name"
              : "Code keeps its own credentials in the OS keyring",
        detail: `Services: ${services}.`,
        evidence: (foreign.length > 0 ? foreign : keyring).map((r) => loc(r.where)),
      });
    }

    // Credential paths named in code that no read was seen of: deny-lists, docs, or reads the
    // analysis could not follow.
    const use = code.capabilities.find((c) => c.id === "secrets.paths");
    const named = new Map<string, CodeLocation[]>();
    for (const e of use?.evidence ?? []) {
      const what = (e.detail ?? "credential location").replace(/ \(encoded\)$/, "");
      if (reads.has(what) || what.startsWith(KEYRING)) continue;
      named.set(what, [...(named.get(what) ?? []), e]);
    }
    const hasNet = code.capabilities.some((c) => c.id === "net.outbound");
    for (const [what, locs] of named) {
      const severity: Severity = what === "dotenv file" || explained || !hasNet ? "low" : "medium";
      drafts.push({
        severity,
        title: `Code names ${what}`,
        detail: `${locs.length} place(s); no read of it was followed${hasNet ? "; the package makes network requests" : ""}.`,
        evidence: locs.map(loc),
      });
    }
    return drafts;
  },
);

/** Words of the package's name that a keyring service of its own would carry. */
function ownNames(name: string | undefined): string[] {
  if (!name) return [];
  const words = name
    .toLowerCase()
    .replace(/^@/, "")
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 4 && !["mcp", "server", "model", "context", "protocol"].includes(w));
  return [name.toLowerCase(), ...words];
}

function isOwn(service: string, own: string[]): boolean {
  const s = service.toLowerCase();
  return own.some((w) => s.includes(w) || w.includes(s));
}
