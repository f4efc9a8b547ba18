import type { Manifest } from "../../src/evidence/index.js";
import data from "./publishers.json" with { type: "json" };

/**
 * Known publishers of MCP servers (scoring/knowledge/publishers.json, schema beside it, how to add one in
 * docs/publishers.md). A scope, package, GitHub organisation or MCP namespace listed here is
 * what lets mcp-vet say "official" with evidence rather than take the package's word for it.
 */
export interface Publisher {
  id: string;
  organisation: string;
  kind?: "reference" | "vendor" | "internal";
  npmScopes: string[];
  npmPackages?: string[];
  githubOrgs: string[];
  mcpNamespaces?: string[];
  domains?: string[];
  brands?: string[];
  note?: string;
}

export const PUBLISHERS: readonly Publisher[] = (data as { publishers: Publisher[] }).publishers;

/**
 * The known list with a policy's own publishers added. An extra whose id is already known adds
 * its scopes, orgs, namespaces, domains and brands to that entry (a policy can only widen what
 * counts as official for an organisation it names, e.g. an internal scope of Microsoft); a new
 * id is appended, as `internal` unless it says otherwise. Pure: the inputs are not changed.
 */
export function mergePublishers(base: readonly Publisher[], extra: readonly Publisher[]): Publisher[] {
  const out = base.map((p) => ({ ...p }));
  for (const e of extra.map(normalised)) {
    const i = out.findIndex((p) => p.id === e.id);
    const existing = out[i];
    if (!existing) {
      out.push({ kind: "internal", ...e });
      continue;
    }
    out[i] = {
      ...existing,
      npmScopes: union(existing.npmScopes, e.npmScopes),
      npmPackages: union(existing.npmPackages, e.npmPackages),
      githubOrgs: union(existing.githubOrgs, e.githubOrgs),
      mcpNamespaces: union(existing.mcpNamespaces, e.mcpNamespaces),
      domains: union(existing.domains, e.domains),
      brands: union(existing.brands, e.brands),
    };
  }
  return out;
}

/**
 * A policy's publisher in the shipped list's form (publishers.schema.json: lower case, scopes
 * with their `@`), so every comparison matches it as it matches the shipped entries.
 */
function normalised(p: Publisher): Publisher {
  const lower = (list: readonly string[] | undefined) => list?.map((x) => x.trim().toLowerCase());
  return {
    ...p,
    npmScopes: lower(p.npmScopes)!.map((s) => (s.startsWith("@") ? s : `@${s}`)),
    githubOrgs: lower(p.githubOrgs)!,
    ...(p.npmPackages ? { npmPackages: lower(p.npmPackages) } : {}),
    ...(p.mcpNamespaces ? { mcpNamespaces: lower(p.mcpNamespaces) } : {}),
    ...(p.domains ? { domains: lower(p.domains) } : {}),
    ...(p.brands ? { brands: lower(p.brands) } : {}),
  };
}

function union(a: readonly string[] | undefined, b: readonly string[] | undefined): string[] {
  return [...new Set([...(a ?? []), ...(b ?? [])])];
}

/** `@scope` of a package name, lower-cased; undefined for unscoped names. */
export function scopeOf(name: string): string | undefined {
  return name.startsWith("@") && name.includes("/")
    ? name.slice(0, name.indexOf("/")).toLowerCase()
    : undefined;
}

const eq = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

/** The publisher whose npm scope or package list holds this name. */
export function publisherOfPackage(name: string, publishers: readonly Publisher[]): Publisher | undefined {
  const scope = scopeOf(name);
  return publishers.find(
    (p) =>
      (scope !== undefined && p.npmScopes.some((s) => eq(scope, s))) ||
      (p.npmPackages ?? []).some((n) => eq(name, n)),
  );
}

/** The publisher owning this GitHub organisation (or user). */
export function publisherOfGithubOwner(owner: string | undefined, publishers: readonly Publisher[]) {
  if (!owner) return undefined;
  return publishers.find((p) => p.githubOrgs.some((o) => eq(owner, o)));
}

/** The publisher owning an MCP namespace (the part of an MCP server name before the slash). */
export function publisherOfNamespace(namespace: string | undefined, publishers: readonly Publisher[]) {
  if (!namespace) return undefined;
  return publishers.find((p) => (p.mcpNamespaces ?? []).some((n) => eq(namespace, n)));
}

/** Publishers whose brand words appear as whole tokens of the package name (scope included). */
export function brandsInName(name: string, publishers: readonly Publisher[]): Publisher[] {
  const tokens = new Set(
    name
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean),
  );
  return publishers.filter((p) => (p.brands ?? []).some((b) => tokens.has(b)));
}

/** How a package is tied to a known publisher; each field is one independent piece of evidence. */
export interface PublisherMatch {
  publisher: Publisher;
  byPackage: boolean;
  byRepository: boolean;
  byNamespace: boolean;
}

/**
 * The known publisher this manifest is from, judged by its npm name (scope or listed package),
 * its repository owner and its `mcpName` namespace. The npm name is what npm enforces (only the
 * scope's owners can publish to it), so it is the evidence that counts; the others corroborate.
 */
export function matchPublisher(m: Manifest, publishers: readonly Publisher[]): PublisherMatch | undefined {
  const p = publisherOfPackage(m.name, publishers);
  if (!p) return undefined;
  const repoOwner = m.repository?.host === "github.com" ? m.repository.owner : undefined;
  const ns = m.mcpName ? namespaceOf(m.mcpName) : undefined;
  return {
    publisher: p,
    byPackage: true,
    byRepository: publisherOfGithubOwner(repoOwner, [p]) !== undefined,
    byNamespace: publisherOfNamespace(ns, [p]) !== undefined,
  };
}

/** `io.github.owner/server` → `io.github.owner`. */
export function namespaceOf(mcpName: string): string | undefined {
  const i = mcpName.indexOf("/");
  return i > 0 ? mcpName.slice(0, i).toLowerCase() : undefined;
}

/** Reverse-DNS namespace → domain (`com.stripe` → `stripe.com`); `io.github.x` is not a domain claim. */
export function namespaceDomain(namespace: string): string | undefined {
  if (namespace.startsWith("io.github.")) return undefined;
  const parts = namespace.split(".");
  return parts.length >= 2 ? parts.reverse().join(".") : undefined;
}

/** The publisher a reverse-DNS namespace claims, by its namespaces or its domains (and their subdomains). */
export function publisherOfDomainNamespace(
  ns: string,
  publishers: readonly Publisher[],
): Publisher | undefined {
  const byNs = publisherOfNamespace(ns, publishers);
  if (byNs) return byNs;
  const domain = namespaceDomain(ns);
  if (!domain) return undefined;
  return publishers.find((p) => (p.domains ?? []).some((d) => domain === d || domain.endsWith(`.${d}`)));
}
