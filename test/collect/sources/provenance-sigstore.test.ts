import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchProvenance } from "../../../src/collect/sources/provenance.js";
import { manifest } from "../../support/evidence.js";
import { fixtureContext } from "../../support/fetch-context.js";
import { FixtureServer } from "../../support/fixture-server.js";
import {
  dsseBundle,
  integrityOf,
  keysBody,
  npmSecurityFace,
  publishStatement,
  registryKeyPair,
} from "../../support/signing.js";

// Sigstore's own verifier, run against a local trusted root (no logs, no CAs) and the test
// registry key: proves the wiring to @sigstore/verify without the public-good instance.
const key = registryKeyPair("SHA256:local");
const integrity = integrityOf("x");
const bundle = dsseBundle(publishStatement("local-mcp", "1.0.0", integrity), {
  privateKey: key.privateKey,
  keyHint: key.keyid,
});
const server = new FixtureServer().face(
  "",
  npmSecurityFace({ keys: keysBody(key), attestations: { "local-mcp@1.0.0": [bundle] } }),
);
const EMPTY_ROOT = {
  mediaType: "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
  tlogs: [],
  certificateAuthorities: [],
  ctlogs: [],
  timestampAuthorities: [],
};

beforeAll(() => server.start());
afterAll(() => server.stop());

describe("fetchProvenance with a Sigstore trusted root", () => {
  it("verifies a key-signed bundle through @sigstore/verify", async () => {
    const m = manifest({ name: "local-mcp", version: "1.0.0", dist: { integrity } });
    const part = await fetchProvenance(fixtureContext(server), m, {
      trustedRoot: EMPTY_ROOT,
      tlogThreshold: 0,
      ctlogThreshold: 0,
      timestampThreshold: 0,
    });
    expect(part.status === "ok" && part.data.items[0]).toMatchObject({ verification: "verified" });
    expect(part.status === "ok" && part.data.items[0]?.verificationDetail).toMatch(/^Sigstore: /);
  });
});
