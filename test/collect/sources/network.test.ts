import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rootCertificates } from "node:tls";
import { Agent } from "undici";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HttpClient } from "../../../cache/http.js";
import type { FetchContext, Logger } from "../../../src/collect/context.js";
import { createContext } from "../../../src/collect/context.js";
import { networkSettings, npmAgent } from "../../../src/collect/network.js";
import { fetchGitHub } from "../../../src/collect/sources/github/index.js";
import { parseRepository } from "../../../src/collect/sources/github/repository.js";
import { fetchMcpRegistry } from "../../../src/collect/sources/mcp-registry.js";
import { fetchAdvisories } from "../../../src/collect/sources/osv/index.js";
import { manifest, NOW } from "../../support/evidence.js";
import { GitHubFixture, healthyRepo } from "../../support/faces/github.js";
import { mcpRegistryFace } from "../../support/faces/mcp-registry.js";
import { ALL_OSV_FIXTURES, osvFace } from "../../support/faces/osv.js";
import { contextAt } from "../../support/fetch-context.js";
import { FixtureServer, TEST_CA_FILE } from "../../support/fixture-server.js";
import { LoopbackProxy } from "../../support/loopback-proxy.js";

// GitHub, OSV and the MCP registry over https, signed by the test CA nothing trusts by default.
const github = new GitHubFixture();
github.add(healthyRepo("acme", "weather-mcp", "weather-mcp"));
const server = new FixtureServer({ tls: true })
  .face("/github", github.route)
  .face("/osv", osvFace(ALL_OSV_FIXTURES))
  .face("/mcp-registry", mcpRegistryFace([{ name: "io.github.acme/weather-mcp", npm: "weather-mcp" }]));
const proxy = new LoopbackProxy();
const lockedProxy = new LoopbackProxy({ credentials: "alice:s3cret-pass" });
const dirs: string[] = [];

beforeAll(async () => {
  await Promise.all([server.start(), proxy.start(), lockedProxy.start()]);
});
afterAll(async () => {
  await Promise.all([server.stop(), proxy.stop(), lockedProxy.stop()]);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
beforeEach(() => {
  server.requests.length = 0;
  for (const p of [proxy, lockedProxy]) {
    p.tunnels.length = 0;
    p.upstreamPorts.clear();
  }
});

interface Captured {
  ctx: FetchContext;
  debug: string[];
  warnings: string[];
}

/** A context as the CLI builds it: from an npmrc (and no global one) and the given environment. */
async function contextWith(npmrc: string[], env: Record<string, string> = {}): Promise<Captured> {
  const dir = mkdtempSync(join(tmpdir(), "mcp-vet-network-"));
  dirs.push(dir);
  writeFileSync(join(dir, "npmrc"), `${npmrc.join("\n")}\n`);
  writeFileSync(join(dir, "global-npmrc"), "");
  const debug: string[] = [];
  const warnings: string[] = [];
  const log: Logger = { debug: (m) => debug.push(m), warn: (m) => warnings.push(m) };
  const ctx = await createContext({
    cacheDir: join(dir, "cache"),
    registry: server.url(),
    githubApiUrl: server.url("/github"),
    osvApiUrl: server.url("/osv"),
    mcpRegistryUrl: server.url("/mcp-registry"),
    env: {
      HOME: dir,
      npm_config_userconfig: join(dir, "npmrc"),
      npm_config_globalconfig: join(dir, "global-npmrc"),
      ...env,
    },
    log,
    now: NOW,
  });
  return { ctx, debug, warnings };
}

/** The three non-npm sources, each as "ok" or its error line. */
async function sources(ctx: FetchContext): Promise<Record<string, string>> {
  const [gh, osv, mcp] = await Promise.all([
    fetchGitHub(ctx, parseRepository("github:acme/weather-mcp"), "weather-mcp"),
    fetchAdvisories(ctx, [{ name: "mcp-remote", version: "0.1.15", depth: 0, path: ["mcp-remote"] }]),
    fetchMcpRegistry(ctx, manifest({ name: "weather-mcp" })),
  ]);
  const line = (p: { status: string; error?: string }) => (p.status === "ok" ? "ok" : (p.error ?? p.status));
  return { github: line(gh), osv: line(osv), mcpRegistry: line(mcp) };
}

const ALL_OK = { github: "ok", osv: "ok", mcpRegistry: "ok" };
const fixtureHost = () => new URL(server.url()).host;

/** Every request the fixture server answered arrived from the proxy's own connections. */
function allThrough(p: LoopbackProxy): boolean {
  const paths = ["/github/", "/osv/", "/mcp-registry/"];
  const seen = paths.map((prefix) => server.requests.filter((r) => r.path.startsWith(prefix)));
  return seen.every((reqs) => reqs.length > 0 && reqs.every((r) => p.upstreamPorts.has(r.remotePort ?? -1)));
}

describe("GitHub, OSV and the MCP registry use npm's proxy and CA settings", () => {
  it("npm config https-proxy and cafile: every request goes through the proxy's tunnel", async () => {
    const { ctx } = await contextWith([`https-proxy=${proxy.url()}`, `cafile=${TEST_CA_FILE}`]);
    expect(await sources(ctx)).toEqual(ALL_OK);
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(new Set(proxy.tunnels)).toEqual(new Set([fixtureHost()]));
    expect(allThrough(proxy)).toBe(true);
  });

  it("HTTPS_PROXY from the environment when npm config names no proxy", async () => {
    const { ctx } = await contextWith([`cafile=${TEST_CA_FILE}`], { HTTPS_PROXY: proxy.url() });
    expect(await sources(ctx)).toEqual(ALL_OK);
    expect(allThrough(proxy)).toBe(true);
  });

  it("NO_PROXY=127.0.0.1 goes direct; so does npm config noproxy", async () => {
    for (const [npmrc, env] of [
      [[], { HTTPS_PROXY: proxy.url(), NO_PROXY: "127.0.0.1" }],
      [[`https-proxy=${proxy.url()}`, "noproxy=localhost,127.0.0.1"], {}],
    ] as const) {
      const { ctx } = await contextWith([...npmrc, `cafile=${TEST_CA_FILE}`], env);
      expect(await sources(ctx)).toEqual(ALL_OK);
      expect(proxy.tunnels).toEqual([]);
    }
  });

  it("proxy credentials from the url reach the proxy, and never the logs", async () => {
    const { ctx, debug } = await contextWith([`https-proxy=${lockedProxy.url()}`, `cafile=${TEST_CA_FILE}`]);
    expect(await sources(ctx)).toEqual(ALL_OK);
    expect(allThrough(lockedProxy)).toBe(true);
    expect(debug.join("\n")).toContain(`127.0.0.1:${lockedProxy.port}`);
    expect(debug.join("\n")).not.toContain("s3cret");
  });

  it("a proxy that wants other credentials: each source says so in one line, without the password", async () => {
    const { ctx } = await contextWith([
      `https-proxy=${lockedProxy.url("alice:wrong-pass")}`,
      `cafile=${TEST_CA_FILE}`,
    ]);
    const answers = await sources(ctx);
    for (const line of Object.values(answers)) {
      expect(line).toMatch(/the proxy refused a tunnel to 127\.0\.0\.1:\d+ \(HTTP 407\)/);
      expect(line).not.toContain("wrong-pass");
    }
  });

  it("without the CA the https sources are unavailable with a TLS error that says what to set", async () => {
    const { ctx } = await contextWith([]);
    const answers = await sources(ctx);
    for (const line of Object.values(answers)) {
      expect(line).toMatch(/TLS: the certificate of 127\.0\.0\.1:\d+ is not trusted/);
      expect(line).toMatch(/cafile or NODE_EXTRA_CA_CERTS/);
    }
  });

  it("npm's CAs are added to Node's roots and NODE_EXTRA_CA_CERTS, not put in their place", async () => {
    const other = join(mkdtempSync(join(tmpdir(), "mcp-vet-network-ca-")), "other-ca.pem");
    dirs.push(join(other, ".."));
    writeFileSync(other, rootCertificates[0]!);
    const { ctx } = await contextWith([`cafile=${other}`], { NODE_EXTRA_CA_CERTS: TEST_CA_FILE });
    expect(await sources(ctx)).toEqual(ALL_OK);
  });

  it("strict-ssl=false accepts the untrusted certificate, with one warning", async () => {
    const { ctx, warnings } = await contextWith(["strict-ssl=false"]);
    expect(await sources(ctx)).toEqual(ALL_OK);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/strict-ssl is false.*not checked/);
  });

  it("a proxy setting that is not a url stops the run with a line that does not echo it", async () => {
    await expect(contextWith([], { HTTPS_PROXY: "not a url at all" })).rejects.toThrow(
      /^HTTPS_PROXY is not a URL/,
    );
    await expect(contextWith([], { HTTPS_PROXY: "ftp://proxy.example" })).rejects.toThrow(
      /ftp:\/\/ proxy is not supported/,
    );
  });
});

describe("networkSettings: npm's precedence", () => {
  const env = { HTTPS_PROXY: "http://env-https:1", HTTP_PROXY: "http://env-http:2", NO_PROXY: "env.example" };

  it("npm's https-proxy, then proxy, serve every url; the environment only without them", () => {
    expect(networkSettings({ httpsProxy: "http://a:1", proxy: "http://b:2" }, env)).toMatchObject({
      httpsProxy: "http://a:1",
      httpProxy: "http://a:1",
      proxySource: "npm config https-proxy",
    });
    expect(networkSettings({ proxy: "http://b:2" }, env)).toMatchObject({
      httpsProxy: "http://b:2",
      httpProxy: "http://b:2",
    });
    expect(networkSettings({}, env)).toMatchObject({
      httpsProxy: "http://env-https:1",
      httpProxy: "http://env-http:2",
      proxySource: "environment",
    });
  });

  it("lower-case variables win over upper-case ones; npm's noproxy over NO_PROXY", () => {
    expect(networkSettings({}, { ...env, https_proxy: "http://lower:3" }).httpsProxy).toBe("http://lower:3");
    expect(networkSettings({}, env).noProxy).toBe("env.example");
    expect(networkSettings({ noProxy: "npm.example" }, env).noProxy).toBe("npm.example");
  });

  it("reads npm's ca (one or many) and strict-ssl", () => {
    expect(networkSettings({ ca: "PEM" }, {}).ca).toEqual(["PEM"]);
    expect(networkSettings({ ca: ["A", "B"], strictSSL: false }, {})).toMatchObject({
      ca: ["A", "B"],
      strictSsl: false,
    });
    expect(networkSettings({ ca: null }, {})).toMatchObject({ ca: [], strictSsl: true });
  });
});

describe("npm's agent: one per run, sharing one TLS context", () => {
  const ca = rootCertificates[0]!;
  const proxyOf = (agent: unknown) => (agent as { proxy: { url?: URL } }).proxy.url?.href;

  it("is built when npm has a CA, with npm's proxy", () => {
    expect(proxyOf(npmAgent({ ca: [ca] }, {}))).toBeUndefined();
    expect(proxyOf(npmAgent({ ca: [ca], httpsProxy: "http://p:1" }, {}))).toBe("http://p:1/");
    expect(proxyOf(npmAgent({ ca: [ca] }, { HTTPS_PROXY: "http://e:2" }))).toBe("http://e:2/");
  });

  it("is left to npm without a CA, with a client certificate, or when npm's http and https proxies differ", () => {
    expect(npmAgent({}, {})).toBeUndefined();
    expect(npmAgent({ ca: [ca], "//reg.example/:certfile": "/x.pem" }, {})).toBeUndefined();
    expect(npmAgent({ ca: [ca] }, { HTTP_PROXY: "http://e:2" })).toBeUndefined();
  });
});

describe("a name that does not resolve", () => {
  it("is said as such and not retried, for GitHub (Octokit would retry twice) and the others", async () => {
    const lookups: string[] = [];
    const unresolvable = new Agent({
      connect: {
        lookup: (hostname, _options, callback) => {
          lookups.push(hostname);
          const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
            code: "ENOTFOUND",
            hostname,
          });
          (callback as (e: Error) => void)(err);
        },
      },
    });
    const dir = mkdtempSync(join(tmpdir(), "mcp-vet-network-dns-"));
    dirs.push(dir);
    const ctx = contextAt("http://127.0.0.1:9", {
      http: new HttpClient({ cacheDir: dir, dispatcher: unresolvable }),
      githubApiUrl: "http://github.invalid",
      osvApiUrl: "http://osv.invalid",
      mcpRegistryUrl: "http://mcp-registry.invalid",
    });
    expect(await sources(ctx)).toEqual({
      github: "could not reach GitHub: could not resolve github.invalid",
      osv: "OSV unreachable: could not resolve osv.invalid",
      mcpRegistry: "MCP registry: could not resolve mcp-registry.invalid",
    });
    expect(lookups.filter((h) => h === "github.invalid")).toHaveLength(1);
    // The next target of the run is told at once: the name is not looked up again.
    const before = lookups.length;
    expect((await sources(ctx)).osv).toBe("OSV unreachable: could not resolve osv.invalid");
    expect(lookups.length).toBe(before);
    await unresolvable.close();
  });
});
