import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { isLikelyServer, popularFromTsv } from "../../scripts/gen-popular.js";
import { manifest } from "../../test/support/evidence.js";
import { findings, identityEvidence } from "../../test/support/identity.js";
import { HEURISTICS, withPolicyPublishers } from "../heuristics/index.js";
import {
  brandsInName,
  matchPublisher,
  mergePublishers,
  namespaceDomain,
  PUBLISHERS,
  type Publisher,
  publisherOfPackage,
} from "./publishers.js";

const read = (f: string) => JSON.parse(readFileSync(new URL(`./${f}`, import.meta.url), "utf8"));

describe("scoring/knowledge/publishers.json", () => {
  it("validates against its schema", () => {
    const ajv = new Ajv2020({ allErrors: true });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    const validate = ajv.compile(read("publishers.schema.json"));
    expect(validate(read("publishers.json")), JSON.stringify(validate.errors)).toBe(true);
  });

  it("has unique ids, and no scope, package or namespace owned twice", () => {
    const seen = new Map<string, string>();
    for (const p of PUBLISHERS) {
      for (const key of [
        `id:${p.id}`,
        ...p.npmScopes,
        ...(p.npmPackages ?? []),
        ...(p.mcpNamespaces ?? []),
      ]) {
        expect(seen.get(key), `${key} in ${p.id} and ${seen.get(key)}`).toBeUndefined();
        seen.set(key, p.id);
      }
    }
  });

  it("covers the vendors the issue names", () => {
    for (const name of [
      "@modelcontextprotocol/server-filesystem",
      "@playwright/mcp",
      "@stripe/mcp",
      "@cloudflare/x",
      "@notionhq/notion-mcp-server",
      "@supabase/mcp-server-supabase",
      "@sentry/mcp-server",
      "@atlassian/x",
      "@upstash/context7-mcp",
      "@github/x",
    ]) {
      expect(publisherOfPackage(name, PUBLISHERS), name).toBeDefined();
    }
  });
});

describe("mergePublishers", () => {
  const acme: Publisher = {
    id: "acme",
    organisation: "Acme",
    npmScopes: ["@acme"],
    githubOrgs: ["acme-corp"],
  };

  it("appends a new publisher as internal, leaving the input alone", () => {
    const before = JSON.stringify(PUBLISHERS);
    const merged = mergePublishers(PUBLISHERS, [acme]);
    expect(merged.at(-1)).toMatchObject({ id: "acme", kind: "internal" });
    expect(JSON.stringify(PUBLISHERS)).toBe(before);
  });

  it("widens a known publisher with the policy's scopes", () => {
    const merged = mergePublishers(PUBLISHERS, [
      { id: "microsoft", organisation: "Microsoft", npmScopes: ["@contoso-ms"], githubOrgs: [] },
    ]);
    const ms = merged.find((p) => p.id === "microsoft")!;
    expect(ms.npmScopes).toContain("@contoso-ms");
    expect(ms.npmScopes).toContain("@playwright");
    expect(ms.organisation).toBe("Microsoft (incl. Azure, Playwright, VS Code)");
  });

  it("takes a policy's publisher in any case, and a scope without its @", () => {
    const merged = mergePublishers(PUBLISHERS, [
      { id: "acme", organisation: "Acme", npmScopes: ["ACME"], githubOrgs: ["Acme-Corp"], brands: ["Acme"] },
    ]);
    expect(merged.at(-1)).toMatchObject({
      npmScopes: ["@acme"],
      githubOrgs: ["acme-corp"],
      brands: ["acme"],
    });
    const hs = withPolicyPublishers(HEURISTICS, [
      { id: "acme", organisation: "Acme", npmScopes: ["ACME"], githubOrgs: [] },
    ]);
    const vp = hs.find((h) => h.definition.id === "vendor-published")!;
    expect(findings(vp.evaluate(identityEvidence({ name: "@acme/notes-mcp" })))).toHaveLength(1);
  });

  it("swaps the publisher-dependent heuristics for a policy", () => {
    const hs = withPolicyPublishers(HEURISTICS, [acme]);
    expect(hs.map((h) => h.definition.id)).toEqual(HEURISTICS.map((h) => h.definition.id));
    const vp = hs.find((h) => h.definition.id === "vendor-published")!;
    expect(findings(vp.evaluate(identityEvidence({ name: "@acme/notes-mcp" })))).toHaveLength(1);
  });
});

describe("publisher helpers", () => {
  it("matches by package, then corroborates by repository and namespace", () => {
    const m = manifest({
      name: "@sentry/mcp-server",
      mcpName: "io.github.getsentry/sentry-mcp",
      repository: { raw: "x", host: "github.com", owner: "getsentry", repo: "sentry-mcp" },
    });
    expect(matchPublisher(m, PUBLISHERS)).toMatchObject({
      byPackage: true,
      byRepository: true,
      byNamespace: true,
    });
  });

  it("finds brands as whole words only", () => {
    expect(brandsInName("notion-mcp", PUBLISHERS).map((p) => p.id)).toEqual(["notion"]);
    expect(brandsInName("notionally", PUBLISHERS)).toEqual([]);
  });

  it("reads reverse-DNS namespaces as domains, but not io.github ones", () => {
    expect(namespaceDomain("com.stripe")).toBe("stripe.com");
    expect(namespaceDomain("io.github.stripe")).toBeUndefined();
  });
});

describe("gen-popular", () => {
  it("keeps servers and drops SDKs, libraries and small packages", () => {
    const tsv = [
      "name\tversion\tdownloads_a_month",
      "@modelcontextprotocol/sdk\t1.0.0\t86513438",
      "@playwright/mcp\t0.0.83\t6293363",
      "@tmcp/transport-http\t0.9.0\t781603",
      "fastmcp\t4.0.0\t1050013",
      "@langchain/mcp-adapters\t1.1.4\t753477",
      "tavily-mcp\t0.2.22\t138725",
      "tiny-mcp-server\t1.0.0\t12",
      "broken row",
    ].join("\n");
    const list = popularFromTsv(tsv, "2026-11", "test");
    expect(list.servers.map((s) => s.name)).toEqual(["@playwright/mcp", "tavily-mcp"]);
    expect(list.snapshot).toBe("2026-11");
  });

  it.each([
    ["@modelcontextprotocol/server-filesystem", true],
    ["mcp-remote", true],
    ["@ai-sdk/mcp", false],
    ["@azure/mcp-linux-x64", false],
    ["@modelcontextprotocol/inspector", false],
  ])("%s is a server: %s", (name, server) => {
    expect(isLikelyServer(name)).toBe(server);
  });

  it("the committed list is sorted, dated and free of SDK rows", () => {
    const list = read("popular-servers.json") as {
      snapshot: string;
      servers: { name: string; downloadsPerMonth: number }[];
    };
    expect(list.snapshot).toMatch(/^\d{4}-\d{2}/);
    expect(list.servers.length).toBeGreaterThan(100);
    expect(list.servers.some((s) => s.name === "@modelcontextprotocol/sdk")).toBe(false);
    const d = list.servers.map((s) => s.downloadsPerMonth);
    expect(d).toEqual([...d].sort((a, b) => b - a));
  });
});
