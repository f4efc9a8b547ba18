import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HttpClient } from "../../../cache/http.js";
import { CACHE_STATUS_HEADER, fetchVia } from "../../../src/collect/http-fetch.js";
import { type FixtureResponse, FixtureServer } from "../../support/fixture-server.js";

let home: FixtureServer;
let elsewhere: FixtureServer;
let cacheDir: string;

beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), "mcp-vet-fetch-"));
  elsewhere = await new FixtureServer().face("", () => ({ status: 200, body: { ok: true } })).start();
  home = await new FixtureServer()
    .face("", (req): FixtureResponse => {
      if (req.path === "/hop") return { status: 302, headers: { location: "/data" } };
      if (req.path === "/away") return { status: 302, headers: { location: `${elsewhere.url()}/data` } };
      if (req.headers["if-none-match"] === '"v1"') return { status: 304, headers: { etag: '"v1"' } };
      return { status: 200, headers: { etag: '"v1"' }, body: { path: req.path } };
    })
    .start();
});
afterEach(async () => {
  await Promise.all([home.stop(), elsewhere.stop()]);
  await rm(cacheDir, { recursive: true, force: true });
});

function client() {
  const http = new HttpClient({ cacheDir });
  return { http, fetch: fetchVia(http, { origin: new URL(home.url()).origin, ttlSeconds: () => 0 }) };
}

describe("fetchVia", () => {
  it("sends the credential to its own origin only", async () => {
    const { fetch } = client();
    const auth = { authorization: "token secret" };
    await fetch(`${home.url()}/data`, { headers: auth });
    await fetch(`${elsewhere.url()}/data`, { headers: auth });
    expect(home.requests[0]?.headers.authorization).toBe("token secret");
    expect(elsewhere.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("follows redirects within the origin and hands back the ones that leave it", async () => {
    const { fetch } = client();
    const inside = await fetch(`${home.url()}/hop`, { headers: { authorization: "token secret" } });
    expect(await inside.json()).toEqual({ path: "/data" });
    const away = await fetch(`${home.url()}/away`, { headers: { authorization: "token secret" } });
    expect(away.status).toBe(302);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it("revalidates with the stored ETag and answers a 304 as the stored 200", async () => {
    const { fetch, http } = client();
    const first = await fetch(`${home.url()}/data`);
    expect(first.headers.get(CACHE_STATUS_HEADER)).toBe("network");
    const second = await fetch(`${home.url()}/data`);
    expect(home.requests[1]?.headers["if-none-match"]).toBe('"v1"');
    expect(second.status).toBe(200);
    expect(second.headers.get(CACHE_STATUS_HEADER)).toBe("revalidated");
    expect(await second.json()).toEqual({ path: "/data" });
    expect(http.stats.revalidated).toBe(1);
  });

  it("refuses anything but GET", async () => {
    const { fetch } = client();
    await expect(fetch(`${home.url()}/data`, { method: "POST", body: "{}" })).rejects.toThrow(/only GET/);
  });
});
