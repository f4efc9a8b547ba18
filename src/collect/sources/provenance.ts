import { createPublicKey, verify as cryptoVerify, type KeyObject, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Verifier } from "@sigstore/verify";
import npmFetch from "npm-registry-fetch";
import { z } from "zod";
import { redactUrl } from "../../../cache/http.js";
import type {
  AttestationFacts,
  Manifest,
  Part,
  ProvenanceFacts,
  SlsaProvenance,
  VerificationStatus,
} from "../../evidence/index.js";
import type { FetchContext } from "../context.js";
import { type Collected, registryOnly, type Seed, type Source } from "../source.js";
import { errorLine } from "../util.js";

/**
 * npm provenance and registry signatures for one version.
 *
 * - Attestations: `dist.attestations.url`, else the registry's
 *   `/-/npm/v1/attestations/<name>@<version>`; each is a Sigstore bundle around a DSSE envelope
 *   around an in-toto statement (https://docs.npmjs.com/generating-provenance-statements).
 * - Registry signatures: `dist.signatures` are ECDSA P-256 over `<name>@<version>:<integrity>`,
 *   checked against `/-/npm/v1/keys` (what `npm audit signatures` does).
 *
 * Verification, strongest first: Sigstore verification (certificate chain, transparency log)
 * against a trusted root; else the DSSE signature against the certificate or registry key the
 * bundle names, which proves integrity but not who signed, so it is reported as `unverified`.
 * Only a signature that does not match its own key is `invalid`.
 */

export interface ProvenanceOptions {
  /**
   * A Sigstore trusted root (trusted_root.json). Default: the root seeded in @sigstore/tuf,
   * which needs no network but ages; a bundle it cannot vouch for is "unverified", never "invalid".
   * `false`: no Sigstore verification.
   */
  trustedRoot?: unknown | false;
  /** Transparency-log entries Sigstore verification requires (tests with a local key use 0). */
  tlogThreshold?: number;
  ctlogThreshold?: number;
  timestampThreshold?: number;
  /** When the version was published: registry keys are checked for expiry against it. */
  publishedAt?: string;
}

const SLSA_PREFIX = "https://slsa.dev/provenance/";
const MAX_BUNDLES = 8;

const KeysSchema = z.object({
  keys: z.array(
    z.object({ keyid: z.string(), key: z.string(), expires: z.string().nullable().optional() }).passthrough(),
  ),
});
type RegistryKey = z.infer<typeof KeysSchema>["keys"][number];

const AttestationsSchema = z.object({
  attestations: z.array(
    z.object({ predicateType: z.string().optional(), bundle: z.unknown() }).passthrough(),
  ),
});

const BundleSchema = z
  .object({
    mediaType: z.string().optional(),
    verificationMaterial: z
      .object({
        publicKey: z.object({ hint: z.string() }).passthrough().optional(),
        x509CertificateChain: z
          .object({ certificates: z.array(z.object({ rawBytes: z.string() })) })
          .optional(),
        certificate: z.object({ rawBytes: z.string() }).optional(),
      })
      .passthrough(),
    dsseEnvelope: z.object({
      payload: z.string(),
      payloadType: z.string(),
      signatures: z.array(z.object({ sig: z.string(), keyid: z.string().optional() })).min(1),
    }),
  })
  .passthrough();

const StatementSchema = z
  .object({
    _type: z.string().optional(),
    subject: z
      .array(z.object({ name: z.string().optional(), digest: z.record(z.string(), z.string()) }))
      .default([]),
    predicateType: z.string(),
    predicate: z.unknown(),
  })
  .passthrough();

export async function fetchProvenance(
  ctx: FetchContext,
  manifest: Manifest,
  options: ProvenanceOptions = {},
): Promise<Part<ProvenanceFacts>> {
  const notes: string[] = [];
  const unreachable: string[] = [];
  const keys = await fetchRegistryKeys(ctx, manifest.name, notes, unreachable);
  const attestationPart = await readAttestations(ctx, manifest, keys, options, notes, unreachable);
  // Both requests failed without an HTTP answer: the registry was not reached at all.
  if (unreachable.length === 2) return { status: "unavailable", error: `npm registry: ${unreachable[0]}` };
  const signatures = checkRegistrySignatures(manifest, keys, options.publishedAt);
  return { status: "ok", data: { ...attestationPart, signatures, notes } };
}

/** The registry's signing keys; undefined when it publishes none (mirrors answer 404). */
async function fetchRegistryKeys(
  ctx: FetchContext,
  name: string,
  notes: string[],
  unreachable: string[],
): Promise<RegistryKey[] | undefined> {
  try {
    const body = await jsonUnlessMissing(ctx, "/-/npm/v1/keys", name, KEYS_MISSING_TTL);
    const parsed = KeysSchema.safeParse(body);
    if (parsed.success) return parsed.data.keys;
    notes.push("registry keys: answer is not a key list");
  } catch (err) {
    notes.push(`registry keys: ${describeError(err)}`);
    if (statusOf(err) === undefined) unreachable.push(describeError(err));
  }
  return undefined;
}

async function readAttestations(
  ctx: FetchContext,
  manifest: Manifest,
  keys: RegistryKey[] | undefined,
  options: ProvenanceOptions,
  notes: string[],
  unreachable: string[],
): Promise<Pick<ProvenanceFacts, "attestations" | "attestationsUrl" | "items">> {
  const listed = manifest.dist?.attestations?.url;
  const url =
    listed ??
    `/-/npm/v1/attestations/${encodeURIComponent(manifest.name)}@${encodeURIComponent(manifest.version)}`;
  let body: unknown;
  try {
    body = await jsonUnlessMissing(ctx, url, manifest.name, ATTESTATIONS_MISSING_TTL);
  } catch (err) {
    notes.push(`attestations: ${describeError(err)}`);
    if (statusOf(err) === undefined) unreachable.push(describeError(err));
    // A registry that serves the npm v1 security API (its keys) and lists no attestations in
    // `dist` has none; anything less (a partial mirror) cannot tell.
    const has404 = statusOf(err) === 404;
    const absent = !listed && has404 && keys !== undefined && (manifest.dist?.signatures?.length ?? 0) > 0;
    return {
      attestations: listed ? "present" : absent ? "absent" : "unknown",
      attestationsUrl: listed,
      items: [],
    };
  }
  const parsed = AttestationsSchema.safeParse(body);
  if (!parsed.success) {
    notes.push("attestations: answer is not an attestation list");
    return { attestations: listed ? "present" : "unknown", attestationsUrl: listed, items: [] };
  }
  const lib = await sigstore();
  const trust = trustMaterial(lib, options, keys, notes);
  const items: AttestationFacts[] = [];
  for (const a of parsed.data.attestations.slice(0, MAX_BUNDLES)) {
    const item = readBundle(lib, a.bundle, a.predicateType, manifest, keys, trust, options, notes);
    if (item) items.push(item);
  }
  return { attestations: items.length > 0 || listed ? "present" : "unknown", attestationsUrl: listed, items };
}

/** The Sigstore libraries, loaded when a package has attestations to verify (most do not). */
async function sigstore() {
  const [{ bundleFromJSON }, { TrustedRoot }, { toSignedEntity, toTrustMaterial, Verifier }] =
    await Promise.all([
      import("@sigstore/bundle"),
      import("@sigstore/protobuf-specs"),
      import("@sigstore/verify"),
    ]);
  return { bundleFromJSON, TrustedRoot, toSignedEntity, toTrustMaterial, Verifier };
}
type Sigstore = Awaited<ReturnType<typeof sigstore>>;

function readBundle(
  lib: Sigstore,
  raw: unknown,
  listedType: string | undefined,
  manifest: Manifest,
  keys: RegistryKey[] | undefined,
  trust: Verifier | undefined,
  options: ProvenanceOptions,
  notes: string[],
): AttestationFacts | undefined {
  const bundle = BundleSchema.safeParse(raw);
  if (!bundle.success) {
    notes.push(`attestation ${listedType ?? "?"}: not a DSSE Sigstore bundle`);
    return undefined;
  }
  const env = bundle.data.dsseEnvelope;
  const statement = parseStatement(Buffer.from(env.payload, "base64").toString("utf8"));
  if (!statement) {
    notes.push(`attestation ${listedType ?? "?"}: payload is not an in-toto statement`);
    return undefined;
  }
  const predicateType = statement.predicateType;
  const slsa = predicateType.startsWith(SLSA_PREFIX)
    ? slsaFacts(predicateType, statement.predicate)
    : undefined;
  const local = checkEnvelope(bundle.data, keys, options.publishedAt);
  let verification: VerificationStatus = local.status;
  let verificationDetail = local.detail;
  let signerIdentity = local.san;
  if (local.status !== "invalid" && trust) {
    try {
      const signer = trust.verify(lib.toSignedEntity(lib.bundleFromJSON(raw)));
      signerIdentity = signer.identity?.subjectAlternativeName ?? signerIdentity;
      verification = "verified";
      verificationDetail = "Sigstore: certificate chain, signature and transparency log verified";
    } catch (err) {
      verificationDetail = `${local.detail}; Sigstore could not verify it (${describeError(err)})`;
    }
  }
  // A valid signature proves who signed, not what they claim: anyone can get a certificate and
  // sign a statement naming someone else's repository. The signer must be that repository's owner.
  const signerOwner = signerIdentity ? ownerOf(signerIdentity) : undefined;
  if (slsa?.sourceOwner && signerOwner && signerOwner.toLowerCase() !== slsa.sourceOwner.toLowerCase()) {
    if (verification === "verified") verification = "unverified";
    verificationDetail = `${verificationDetail}; but signed by ${capText(signerIdentity!)}, not by ${slsa.sourceOwner}`;
  }
  return {
    predicateType: capText(predicateType),
    ...(bundle.data.mediaType ? { mediaType: capText(bundle.data.mediaType) } : {}),
    ...(slsa ? { slsa } : {}),
    ...subjectMatch(statement.subject, manifest.dist?.integrity),
    ...(signerIdentity ? { signerIdentity: capText(signerIdentity) } : {}),
    verification,
    verificationDetail,
  };
}

/** Owner in a GitHub/GitLab workflow identity url. */
function ownerOf(identity: string): string | undefined {
  return /^https:\/\/[^/]+\/([^/]+)\//.exec(identity)?.[1];
}

/** Statements are attacker-supplied until verified: keep each stored string short. */
const capText = (s: string) => s.slice(0, 512);

export function parseStatement(json: string): z.infer<typeof StatementSchema> | undefined {
  try {
    const r = StatementSchema.safeParse(JSON.parse(json));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

const str = z.string().optional().catch(undefined);
const SlsaV1Schema = z.object({
  buildDefinition: z
    .object({
      buildType: str,
      externalParameters: z
        .object({ workflow: z.object({ ref: str, repository: str, path: str }).optional().catch(undefined) })
        .passthrough()
        .optional()
        .catch(undefined),
      resolvedDependencies: z
        .array(z.object({ uri: str, digest: z.record(z.string(), z.string()).optional().catch(undefined) }))
        .optional()
        .catch(undefined),
    })
    .optional()
    .catch(undefined),
  runDetails: z
    .object({ builder: z.object({ id: str }).optional().catch(undefined) })
    .optional()
    .catch(undefined),
});
const SlsaV02Schema = z.object({
  buildType: str,
  builder: z.object({ id: str }).optional().catch(undefined),
  invocation: z
    .object({
      configSource: z
        .object({
          uri: str,
          digest: z.record(z.string(), z.string()).optional().catch(undefined),
          entryPoint: str,
        })
        .optional()
        .catch(undefined),
    })
    .optional()
    .catch(undefined),
});

/** The identity facts of an SLSA provenance predicate, v1 or v0.2; missing fields stay unset. */
export function slsaFacts(predicateType: string, predicate: unknown): SlsaProvenance {
  const out: SlsaProvenance = { predicateType };
  const v1 = SlsaV1Schema.safeParse(predicate);
  const bd = v1.success ? v1.data.buildDefinition : undefined;
  if (bd?.externalParameters?.workflow || v1.data?.runDetails) {
    const wf = bd?.externalParameters?.workflow;
    const dep = bd?.resolvedDependencies?.find((d) => d.uri?.startsWith("git+"));
    setSource(out, wf?.repository ?? dep?.uri);
    out.commit = dep?.digest?.gitCommit ?? dep?.digest?.sha1;
    out.ref = wf?.ref ?? gitRef(dep?.uri);
    out.workflowPath = wf?.path;
    out.builderId = v1.data?.runDetails?.builder?.id;
    out.buildType = bd?.buildType;
    return prune(out);
  }
  const v02 = SlsaV02Schema.safeParse(predicate);
  if (v02.success) {
    const cs = v02.data.invocation?.configSource;
    setSource(out, cs?.uri);
    out.commit = cs?.digest?.sha1 ?? cs?.digest?.gitCommit;
    out.ref = gitRef(cs?.uri);
    out.workflowPath = cs?.entryPoint;
    out.builderId = v02.data.builder?.id;
    out.buildType = v02.data.buildType;
  }
  return prune(out);
}

function setSource(out: SlsaProvenance, uri: string | undefined): void {
  if (!uri) return;
  const m = /^(?:git\+)?(https:\/\/([^/]+)\/([^/@]+)\/([^/@]+?))(?:\.git)?(?:@.*)?$/.exec(uri);
  if (!m) return;
  out.sourceRepository = m[1]!.replace(/\.git$/, "");
  out.sourceOwner = m[3];
  out.sourceRepo = m[4]!.replace(/\.git$/, "");
}

const gitRef = (uri: string | undefined) =>
  uri?.includes("@") ? uri.slice(uri.lastIndexOf("@") + 1) : undefined;

function prune(o: SlsaProvenance): SlsaProvenance {
  for (const k of Object.keys(o) as (keyof SlsaProvenance)[]) {
    const v = o[k];
    if (v === undefined) delete o[k];
    else o[k] = capText(v);
  }
  return o;
}

function subjectMatch(
  subjects: { digest: Record<string, string> }[],
  integrity: string | undefined,
): { subjectMatchesTarball?: boolean } {
  const m = integrity ? /^sha512-(.+)$/.exec(integrity.split(/\s+/)[0]!) : null;
  const want = m ? Buffer.from(m[1]!, "base64").toString("hex") : undefined;
  const digests = subjects.map((s) => s.digest.sha512).filter((d): d is string => d !== undefined);
  if (!want || digests.length === 0) return {};
  return { subjectMatchesTarball: digests.some((d) => d.toLowerCase() === want) };
}

/** DSSE pre-authentication encoding: what is actually signed (https://github.com/secure-systems-lab/dsse). */
export function pae(payloadType: string, payload: Buffer): Buffer {
  const head = `DSSEv1 ${Buffer.byteLength(payloadType)} ${payloadType} ${payload.length} `;
  return Buffer.concat([Buffer.from(head), payload]);
}

function checkEnvelope(
  bundle: z.infer<typeof BundleSchema>,
  keys: RegistryKey[] | undefined,
  publishedAt: string | undefined,
): { status: VerificationStatus; detail: string; san?: string } {
  const env = bundle.dsseEnvelope;
  const signed = pae(env.payloadType, Buffer.from(env.payload, "base64"));
  const sig = Buffer.from(env.signatures[0]!.sig, "base64");
  const vm = bundle.verificationMaterial;
  const certB64 = vm.certificate?.rawBytes ?? vm.x509CertificateChain?.certificates[0]?.rawBytes;
  if (certB64) {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(Buffer.from(certB64, "base64"));
    } catch {
      return { status: "unverified", detail: "signing certificate could not be read" };
    }
    const san = /URI:([^,\s]+)/.exec(cert.subjectAltName ?? "")?.[1];
    return verifySig(signed, cert.publicKey, sig)
      ? {
          status: "unverified",
          detail: "signature matches its certificate; certificate chain not checked",
          san,
        }
      : { status: "invalid", detail: "signature does not match the bundle's certificate", san };
  }
  if (vm.publicKey) {
    const k = keys?.find((x) => x.keyid === vm.publicKey!.hint);
    if (!k)
      return {
        status: "unverified",
        detail: `signed with key ${vm.publicKey.hint}, which the registry does not publish`,
      };
    if (expired(k, publishedAt))
      return { status: "unverified", detail: `registry key ${k.keyid} had expired` };
    return verifySig(signed, registryKey(k), sig)
      ? { status: "verified", detail: `signature verified with registry key ${k.keyid}` }
      : { status: "invalid", detail: `signature does not match registry key ${k.keyid}` };
  }
  return { status: "unverified", detail: "bundle names no key or certificate" };
}

function checkRegistrySignatures(
  manifest: Manifest,
  keys: RegistryKey[] | undefined,
  publishedAt: string | undefined,
): ProvenanceFacts["signatures"] {
  const sigs = manifest.dist?.signatures ?? [];
  const keyids = sigs.map((s) => s.keyid);
  if (sigs.length === 0) {
    return keys
      ? {
          status: "absent",
          keyids,
          detail: "the registry publishes signing keys but this version is not signed",
        }
      : { status: "unknown", keyids, detail: "no signatures listed and the registry publishes no keys" };
  }
  const integrity = manifest.dist?.integrity;
  if (!integrity) return { status: "unverified", keyids, detail: "no integrity to check signatures against" };
  if (!keys)
    return { status: "unverified", keyids, detail: "the registry publishes no keys to check them with" };
  const message = Buffer.from(`${manifest.name}@${manifest.version}:${integrity}`);
  for (const s of sigs) {
    const k = keys.find((x) => x.keyid === s.keyid);
    if (!k || expired(k, publishedAt)) continue;
    if (!verifySig(message, registryKey(k), Buffer.from(s.sig, "base64"))) {
      return { status: "invalid", keyids, detail: `signature does not match registry key ${k.keyid}` };
    }
    return { status: "verified", keyids, detail: `verified with registry key ${k.keyid}` };
  }
  return { status: "unverified", keyids, detail: "no current registry key matches the listed key ids" };
}

function verifySig(data: Buffer, key: KeyObject, sig: Buffer): boolean {
  try {
    // ECDSA and RSA name their hash; Ed25519 takes none.
    const algorithm = key.asymmetricKeyType === "ed25519" ? null : "sha256";
    return cryptoVerify(algorithm, data, key, sig);
  } catch {
    return false;
  }
}

const registryKey = (k: RegistryKey) =>
  createPublicKey({ key: Buffer.from(k.key, "base64"), format: "der", type: "spki" });
const expired = (k: RegistryKey, at: string | undefined) =>
  !!k.expires && !!at && Date.parse(k.expires) < Date.parse(at);

function trustMaterial(
  lib: Sigstore,
  options: ProvenanceOptions,
  keys: RegistryKey[] | undefined,
  notes: string[],
): Verifier | undefined {
  if (options.trustedRoot === false) return undefined;
  try {
    const json = options.trustedRoot ?? seededTrustedRoot();
    const root = lib.TrustedRoot.fromJSON(json);
    const finder = (hint: string) => {
      const k = keys?.find((x) => x.keyid === hint);
      if (!k) throw new Error(`key not found: ${hint}`);
      return { publicKey: registryKey(k), validFor: () => true };
    };
    return new lib.Verifier(lib.toTrustMaterial(root, finder), {
      tlogThreshold: options.tlogThreshold ?? 1,
      ctlogThreshold: options.ctlogThreshold ?? 1,
      timestampThreshold: options.timestampThreshold ?? 1,
    });
  } catch (err) {
    notes.push(`no Sigstore trusted root: ${describeError(err)}`);
    return undefined;
  }
}

/** The trusted root @sigstore/tuf ships as its seed: usable without network, as old as that package. */
function seededTrustedRoot(): unknown {
  const require = createRequire(import.meta.url);
  const seeds = JSON.parse(readFileSync(require.resolve("@sigstore/tuf/seeds.json"), "utf8")) as Record<
    string,
    { targets?: Record<string, string> }
  >;
  const b64 = seeds["https://tuf-repo-cdn.sigstore.dev"]?.targets?.["trusted_root.json"];
  if (!b64) throw new Error("seed has no trusted_root.json");
  return JSON.parse(Buffer.from(b64, "base64").toString("utf8"));
}

/** A registry without the keys endpoint will not grow one soon; a version's attestations are fixed once published. */
const KEYS_MISSING_TTL = 24 * 3600;
const ATTESTATIONS_MISSING_TTL = 3600;

/**
 * npm-registry-fetch caches answers but not 404s; mirrors answer 404 for both endpoints, so
 * the 404 is remembered (cache/store.ts) and a warm run asks the registry nothing.
 */
async function jsonUnlessMissing(
  ctx: FetchContext,
  url: string,
  name: string,
  ttl: number,
): Promise<unknown> {
  // Remembered under the registry that is really asked (a scope may have its own), or the
  // full URL an attestation link gives; credentials never go into the key.
  const opts = registryOptions(ctx, name);
  const where = redactUrl(
    /^https?:\/\//i.test(url) ? url : `${npmFetch.pickRegistry(name, opts).replace(/\/$/, "")}${url}`,
  );
  if (!ctx.refresh && (await ctx.store.get("missing", where, ttl * 1000))) {
    throw Object.assign(new Error("HTTP 404 (remembered)"), { statusCode: 404 });
  }
  try {
    return await npmFetch.json(url, opts);
  } catch (err) {
    if (statusOf(err) === 404) await ctx.store.put("missing", where, 404);
    throw err;
  }
}

function registryOptions(ctx: FetchContext, name: string): npmFetch.Options {
  return {
    ...(ctx.registry.npmOptions as npmFetch.Options),
    registry: ctx.registry.url,
    spec: name,
    offline: ctx.offline,
    preferOnline: ctx.refresh,
  } as npmFetch.Options;
}

function statusOf(err: unknown): number | undefined {
  const s = (err as { statusCode?: unknown })?.statusCode;
  return typeof s === "number" ? s : undefined;
}

function describeError(err: unknown): string {
  const status = statusOf(err);
  if (status !== undefined) return `registry answered ${status}`;
  const code = (err as { code?: unknown })?.code;
  // npm-registry-fetch messages can hold the url: no credentials, no query string.
  return `${typeof code === "string" ? `${code}: ` : ""}${errorLine(err, 200)}`;
}

/** npm provenance and registry signatures of the version under vet. */
export const provenanceSource: Source<ProvenanceFacts> = {
  id: "provenance",
  async collect(ctx: FetchContext, seed: Seed): Promise<Collected<ProvenanceFacts>> {
    if (!seed.registryManifest) return registryOnly(seed.npm, "not a registry package");
    const part = await fetchProvenance(ctx, seed.registryManifest, { publishedAt: seed.publishedAt });
    return { part, url: ctx.registry.url };
  },
};
