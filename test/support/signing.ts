import {
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  X509Certificate,
} from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { pae } from "../../src/collect/sources/provenance.js";
import type { Route } from "./fixture-server.js";

/**
 * A local signing setup standing in for npm's registry key and Sigstore's Fulcio certificates,
 * so provenance tests never need the network: a fresh P-256 "registry key" per test run, and a
 * committed self-signed certificate (test/fixtures/provenance) for certificate-bound bundles.
 */

const FIXTURES = fileURLToPath(new URL("../fixtures/provenance/", import.meta.url));

export interface RegistryKeyPair {
  keyid: string;
  privateKey: KeyObject;
  /** Base64 SPKI DER, as `/-/npm/v1/keys` lists it. */
  publicKeyB64: string;
}

export function registryKeyPair(keyid = "SHA256:test-registry-key"): RegistryKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  return {
    keyid,
    privateKey,
    publicKeyB64: publicKey.export({ format: "der", type: "spki" }).toString("base64"),
  };
}

export function keysBody(...pairs: RegistryKeyPair[]): object {
  return {
    keys: pairs.map((p) => ({
      expires: null,
      keyid: p.keyid,
      keytype: "ecdsa-sha2-nistp256",
      scheme: "ecdsa-sha2-nistp256",
      key: p.publicKeyB64,
    })),
  };
}

/** The sha512 integrity of some bytes, as `dist.integrity` holds it. */
export function integrityOf(bytes: Buffer | string): string {
  return `sha512-${createHash("sha512").update(bytes).digest("base64")}`;
}

/** `dist.signatures` entry: ECDSA over `<name>@<version>:<integrity>`. */
export function registrySignature(pair: RegistryKeyPair, name: string, version: string, integrity: string) {
  const sig = sign("sha256", Buffer.from(`${name}@${version}:${integrity}`), pair.privateKey).toString(
    "base64",
  );
  return { keyid: pair.keyid, sig };
}

export const testSigner = {
  privateKey: createPrivateKey(readFileSync(`${FIXTURES}test-signer.key.pem`)),
  certDerB64: new X509Certificate(readFileSync(`${FIXTURES}test-signer.cert.pem`)).raw.toString("base64"),
};

/** The same key, with a certificate issued (by itself) to acme/notes-mcp's publish workflow. */
export const acmeWorkflowSigner = {
  privateKey: testSigner.privateKey,
  certDerB64: new X509Certificate(readFileSync(`${FIXTURES}test-signer-san.cert.pem`)).raw.toString("base64"),
};

export function slsaStatement(opts: {
  name: string;
  version: string;
  integrity: string;
  repository: string;
  commit?: string;
  workflow?: string;
  builderId?: string;
}): object {
  const sha512 = Buffer.from(opts.integrity.replace(/^sha512-/, ""), "base64").toString("hex");
  return {
    _type: "https://in-toto.io/Statement/v1",
    subject: [{ name: `pkg:npm/${opts.name.replace("@", "%40")}@${opts.version}`, digest: { sha512 } }],
    predicateType: "https://slsa.dev/provenance/v1",
    predicate: {
      buildDefinition: {
        buildType: "https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1",
        externalParameters: {
          workflow: {
            ref: "refs/heads/main",
            repository: opts.repository,
            path: opts.workflow ?? ".github/workflows/publish.yml",
          },
        },
        resolvedDependencies: [
          {
            uri: `git+${opts.repository}@refs/heads/main`,
            digest: { gitCommit: opts.commit ?? "a".repeat(40) },
          },
        ],
      },
      runDetails: { builder: { id: opts.builderId ?? "https://github.com/actions/runner/github-hosted" } },
    },
  };
}

export function publishStatement(name: string, version: string, integrity: string): object {
  const sha512 = Buffer.from(integrity.replace(/^sha512-/, ""), "base64").toString("hex");
  return {
    _type: "https://in-toto.io/Statement/v0.1",
    subject: [{ name: `pkg:npm/${name}@${version}`, digest: { sha512 } }],
    predicateType: "https://github.com/npm/attestation/tree/main/specs/publish/v0.1",
    predicate: { name, version, registry: "https://registry.npmjs.org" },
  };
}

const PAYLOAD_TYPE = "application/vnd.in-toto+json";

/** A Sigstore bundle (v0.3 shape) whose DSSE envelope is signed by `signer`. */
export function dsseBundle(
  statement: object,
  signer: { privateKey: KeyObject; certDerB64?: string; keyHint?: string },
  opts: { tamper?: boolean } = {},
): object {
  const payload = Buffer.from(JSON.stringify(statement));
  const sig = sign("sha256", pae(PAYLOAD_TYPE, payload), signer.privateKey).toString("base64");
  const sent = opts.tamper ? Buffer.from(JSON.stringify({ ...statement, tampered: true })) : payload;
  return {
    mediaType: "application/vnd.dev.sigstore.bundle.v0.3+json",
    verificationMaterial: signer.certDerB64
      ? { certificate: { rawBytes: signer.certDerB64 }, tlogEntries: [] }
      : { publicKey: { hint: signer.keyHint ?? "" }, tlogEntries: [] },
    dsseEnvelope: {
      payload: sent.toString("base64"),
      payloadType: PAYLOAD_TYPE,
      signatures: [{ sig, keyid: "" }],
    },
  };
}

/** npm face routes for `/-/npm/v1/keys` and `/-/npm/v1/attestations/<name>@<version>`. */
export function npmSecurityFace(opts: { keys?: object; attestations?: Record<string, object[]> }): Route {
  return (req) => {
    if (req.path === "/-/npm/v1/keys") return opts.keys ? { status: 200, body: opts.keys } : undefined;
    const prefix = "/-/npm/v1/attestations/";
    if (!req.path.startsWith(prefix)) return undefined;
    const list = opts.attestations?.[req.path.slice(prefix.length)];
    if (!list) return { status: 404, body: { error: "Not found" } };
    return {
      status: 200,
      body: {
        attestations: list.map((bundle) => ({
          predicateType: (
            JSON.parse(
              Buffer.from(
                (bundle as { dsseEnvelope: { payload: string } }).dsseEnvelope.payload,
                "base64",
              ).toString(),
            ) as { predicateType: string }
          ).predicateType,
          bundle,
        })),
      },
    };
  };
}
