import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchProvenance, parseStatement, slsaFacts } from "../../../src/collect/sources/provenance.js";
import type { Manifest } from "../../../src/evidence/index.js";
import { manifest } from "../../support/evidence.js";
import { fixtureContext } from "../../support/fetch-context.js";
import { FixtureServer } from "../../support/fixture-server.js";
import {
  acmeWorkflowSigner,
  dsseBundle,
  integrityOf,
  keysBody,
  npmSecurityFace,
  publishStatement,
  registryKeyPair,
  registrySignature,
  slsaStatement,
  testSigner,
} from "../../support/signing.js";

const registryKey = registryKeyPair();
const NAME = "@acme/notes-mcp";
const REPO = "https://github.com/acme/notes-mcp";

function version(v: string, extra: Partial<Manifest["dist"]> = {}): Manifest {
  const integrity = integrityOf(`tarball of ${v}`);
  return manifest({
    name: NAME,
    version: v,
    dist: { integrity, signatures: [registrySignature(registryKey, NAME, v, integrity)], ...extra },
  });
}

const good = version("1.0.0");
const tampered = version("1.0.1");
const signedByAcme = version("1.0.4");
const claimsMallory = version("1.0.5");
const badSig = version("1.0.2", {
  signatures: [registrySignature(registryKey, NAME, "1.0.2", integrityOf("other"))],
});
const unattested = version("1.0.3");

const slsa = (m: Manifest) =>
  slsaStatement({
    name: m.name,
    version: m.version,
    integrity: m.dist!.integrity!,
    repository: REPO,
    commit: "c".repeat(40),
  });
const attestations = {
  [`${NAME}@1.0.0`]: [
    dsseBundle(publishStatement(NAME, "1.0.0", good.dist!.integrity!), {
      privateKey: registryKey.privateKey,
      keyHint: registryKey.keyid,
    }),
    dsseBundle(slsa(good), testSigner),
  ],
  [`${NAME}@1.0.1`]: [dsseBundle(slsa(tampered), testSigner, { tamper: true })],
  [`${NAME}@1.0.2`]: [dsseBundle(slsa(badSig), testSigner)],
  [`${NAME}@1.0.4`]: [dsseBundle(slsa(signedByAcme), acmeWorkflowSigner)],
  [`${NAME}@1.0.5`]: [
    dsseBundle(
      slsaStatement({
        name: NAME,
        version: "1.0.5",
        integrity: claimsMallory.dist!.integrity!,
        repository: "https://github.com/mallory/notes-mcp",
      }),
      acmeWorkflowSigner,
    ),
  ],
};

const full = new FixtureServer().face("", npmSecurityFace({ keys: keysBody(registryKey), attestations }));
const mirror = new FixtureServer().face("", npmSecurityFace({}));

beforeAll(async () => {
  await full.start();
  await mirror.start();
});
afterAll(async () => {
  await full.stop();
  await mirror.stop();
});

describe("fetchProvenance", () => {
  it("reads, parses and checks a signed provenance and publish attestation", async () => {
    const m = {
      ...good,
      dist: {
        ...good.dist,
        attestations: { url: `${full.url()}/-/npm/v1/attestations/${encodeURIComponent(NAME)}@1.0.0` },
      },
    };
    const part = await fetchProvenance(fixtureContext(full), m, { trustedRoot: false });
    expect(part.status).toBe("ok");
    if (part.status !== "ok") return;
    const p = part.data;
    expect(p.attestations).toBe("present");
    expect(p.signatures).toMatchObject({ status: "verified", keyids: [registryKey.keyid] });
    const [publish, provenance] = p.items;
    expect(publish).toMatchObject({ verification: "verified", subjectMatchesTarball: true });
    expect(provenance).toMatchObject({
      predicateType: "https://slsa.dev/provenance/v1",
      verification: "unverified",
      subjectMatchesTarball: true,
      slsa: {
        sourceRepository: REPO,
        sourceOwner: "acme",
        sourceRepo: "notes-mcp",
        commit: "c".repeat(40),
        ref: "refs/heads/main",
        workflowPath: ".github/workflows/publish.yml",
        builderId: "https://github.com/actions/runner/github-hosted",
      },
    });
    expect(provenance?.verificationDetail).toMatch(/matches its certificate/);
  });

  it("finds attestations through the registry endpoint when dist does not list them", async () => {
    const part = await fetchProvenance(fixtureContext(full), good, { trustedRoot: false });
    expect(part.status === "ok" && part.data.items).toHaveLength(2);
  });

  it("records who the certificate was issued to", async () => {
    const part = await fetchProvenance(fixtureContext(full), signedByAcme, { trustedRoot: false });
    const item = part.status === "ok" ? part.data.items[0] : undefined;
    expect(item?.signerIdentity).toBe(
      "https://github.com/acme/notes-mcp/.github/workflows/publish.yml@refs/heads/main",
    );
    expect(item?.verificationDetail).not.toMatch(/signed by/);
  });

  it("says when the signer is not the owner of the repository the statement claims", async () => {
    const part = await fetchProvenance(fixtureContext(full), claimsMallory, { trustedRoot: false });
    const item = part.status === "ok" ? part.data.items[0] : undefined;
    expect(item?.verification).toBe("unverified");
    expect(item?.verificationDetail).toMatch(/but signed by https:\/\/github.com\/acme\/.*not by mallory/);
  });

  it("calls a tampered envelope invalid", async () => {
    const part = await fetchProvenance(fixtureContext(full), tampered, { trustedRoot: false });
    expect(part.status === "ok" && part.data.items[0]?.verification).toBe("invalid");
  });

  it("calls a registry signature over other bytes invalid", async () => {
    const part = await fetchProvenance(fixtureContext(full), badSig, { trustedRoot: false });
    expect(part.status === "ok" && part.data.signatures.status).toBe("invalid");
  });

  it("says absent when a full registry lists and serves none", async () => {
    const part = await fetchProvenance(fixtureContext(full), unattested, { trustedRoot: false });
    expect(part).toMatchObject({ status: "ok", data: { attestations: "absent", items: [] } });
  });

  it("says unknown on a mirror that answers 404 for keys and attestations", async () => {
    const m = manifest({ name: NAME, version: "1.0.0", dist: { integrity: good.dist!.integrity } });
    const part = await fetchProvenance(fixtureContext(mirror), m, { trustedRoot: false });
    expect(part).toMatchObject({
      status: "ok",
      data: { attestations: "unknown", signatures: { status: "unknown" }, items: [] },
    });
    expect(part.status === "ok" && part.data.notes.join(" ")).toMatch(/404/);
  });

  it("keeps listed attestations present when the endpoint cannot serve them", async () => {
    const m = {
      ...unattested,
      dist: { ...unattested.dist, attestations: { url: `${mirror.url()}/-/npm/v1/attestations/x@1` } },
    };
    const part = await fetchProvenance(fixtureContext(mirror), m, { trustedRoot: false });
    expect(part.status === "ok" && part.data.attestations).toBe("present");
  });

  it("is unavailable when the registry cannot be reached at all", async () => {
    const s = new FixtureServer().fault({ match: /./, fault: { kind: "reset" } });
    await s.start();
    try {
      const part = await fetchProvenance(fixtureContext(s), good, { trustedRoot: false });
      expect(part.status).toBe("unavailable");
      expect(part.status === "unavailable" && part.error).toMatch(/^npm registry: /);
    } finally {
      await s.stop();
    }
  });

  it("does not throw on garbage and says what was wrong", async () => {
    const s = new FixtureServer().face("", () => ({
      status: 200,
      body: { attestations: [{ bundle: { nope: 1 } }] },
    }));
    await s.start();
    try {
      const part = await fetchProvenance(fixtureContext(s), good, { trustedRoot: false });
      expect(part.status).toBe("ok");
      expect(part.status === "ok" && part.data.notes.join(" ")).toMatch(/not a DSSE Sigstore bundle/);
    } finally {
      await s.stop();
    }
  });

  it("with the seeded Sigstore root, a self-signed certificate stays unverified, never invalid", async () => {
    const part = await fetchProvenance(fixtureContext(full), good);
    expect(part.status).toBe("ok");
    if (part.status !== "ok") return;
    const prov = part.data.items.find((i) => i.slsa);
    expect(prov?.verification).toBe("unverified");
    expect(prov?.verificationDetail).toMatch(/Sigstore could not verify/);
  });
});

describe("slsaFacts", () => {
  it("reads a real public npm provenance statement", () => {
    const text = readFileSync(
      new URL("../../fixtures/provenance/gundam-visor-1.0.1.statement.json", import.meta.url),
      "utf8",
    );
    const st = parseStatement(text)!;
    expect(slsaFacts(st.predicateType, st.predicate)).toEqual({
      predicateType: "https://slsa.dev/provenance/v1",
      sourceRepository: "https://github.com/ramonpetgrave64/gundam-visor",
      sourceOwner: "ramonpetgrave64",
      sourceRepo: "gundam-visor",
      commit: "599500821344b070902a7a5666064bfdaba715df",
      ref: "refs/tags/v1.0.1",
      workflowPath: ".github/workflows/npm-publish.yml",
      builderId: "https://github.com/actions/runner/github-hosted",
      buildType: "https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1",
    });
  });

  it("reads an SLSA v0.2 predicate", () => {
    const facts = slsaFacts("https://slsa.dev/provenance/v0.2", {
      buildType: "https://github.com/npm/cli/gha/v2",
      builder: { id: "https://github.com/actions/runner" },
      invocation: {
        configSource: {
          uri: "git+https://github.com/acme/notes-mcp@refs/tags/v1.0.0",
          digest: { sha1: "b".repeat(40) },
          entryPoint: ".github/workflows/release.yml",
        },
      },
    });
    expect(facts).toMatchObject({
      sourceOwner: "acme",
      sourceRepo: "notes-mcp",
      commit: "b".repeat(40),
      ref: "refs/tags/v1.0.0",
    });
  });

  it("leaves fields of a malformed predicate unset", () => {
    expect(slsaFacts("https://slsa.dev/provenance/v1", { buildDefinition: 7, runDetails: "x" })).toEqual({
      predicateType: "https://slsa.dev/provenance/v1",
    });
  });
});
