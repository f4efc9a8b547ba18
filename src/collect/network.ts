import { readFileSync } from "node:fs";
import type { Agent as HttpAgent } from "node:http";
import { createSecureContext, rootCertificates, type SecureContext } from "node:tls";
import { Agent as NpmAgent } from "@npmcli/agent";
import { Agent, type Dispatcher, EnvHttpProxyAgent } from "undici";
import { redactUrl } from "../../cache/http.js";

/**
 * How mcp-vet reaches what is not the npm registry (GitHub, OSV, the MCP registry): through
 * the proxy npm would use and with the certificates npm trusts, so a machine set up for npm
 * behind a corporate proxy gets advisories too instead of a quiet "unavailable".
 */
export interface NetworkSettings {
  /** Proxy for https:// urls; "" for none. May hold credentials: print with redactUrl only. */
  httpsProxy: string;
  /** Proxy for http:// urls; "" for none (https urls then use it too, as undici does). */
  httpProxy: string;
  /** Hosts reached without the proxy, NO_PROXY syntax ("" for none). */
  noProxy: string;
  /** Where the proxy setting came from, for messages. */
  proxySource: string;
  /** CAs (PEM) from npm's `ca` / `cafile`, trusted beside Node's roots and NODE_EXTRA_CA_CERTS. */
  ca: string[];
  /** npm's strict-ssl: false stops certificate checks. */
  strictSsl: boolean;
}

/**
 * npm's settings first, then the environment, the way npm resolves them: `https-proxy`, then
 * `proxy`, serves every url (npm-registry-fetch passes `httpsProxy || proxy`); without them
 * https_proxy / http_proxy apply. `noproxy`, else no_proxy. npm's config never copies these
 * variables into itself: npm's agent reads them, so do we.
 */
export function networkSettings(npm: Record<string, unknown>, env: NodeJS.ProcessEnv): NetworkSettings {
  const configured = text(npm.httpsProxy) || text(npm.proxy);
  const source = text(npm.httpsProxy) ? "npm config https-proxy" : "npm config proxy";
  const httpsProxy = configured
    ? checkedProxy(configured, source)
    : checkedProxy(envVar(env, "https_proxy"), "HTTPS_PROXY");
  const httpProxy = configured ? httpsProxy : checkedProxy(envVar(env, "http_proxy"), "HTTP_PROXY");
  return {
    httpsProxy,
    httpProxy,
    noProxy: text(npm.noProxy) || envVar(env, "no_proxy"),
    proxySource: configured ? source : "environment",
    ca: caList(npm.ca),
    strictSsl: npm.strictSSL !== false,
  };
}

/**
 * The one dispatcher a run's HTTP client uses for every request: a plain keep-alive Agent, or
 * undici's EnvHttpProxyAgent given the resolved proxies and no-proxy list explicitly (so it
 * never reads process.env behind the caller's back). Built once per run, with one TLS
 * context: a CA bundle is parsed once, not per connection.
 */
export function createDispatcher(settings: NetworkSettings, env: NodeJS.ProcessEnv): Dispatcher {
  const tls = tlsOptions(settings, env);
  if (!settings.httpsProxy && !settings.httpProxy) return new Agent({ connect: tls });
  return new EnvHttpProxyAgent({
    httpProxy: settings.httpProxy,
    httpsProxy: settings.httpsProxy,
    noProxy: settings.noProxy,
    connect: tls,
    // Through a tunnel: TLS to the target, and to the proxy itself when it is https.
    requestTls: tls,
    proxyTls: tls,
  });
}

/** One line for --verbose: which proxy, which exceptions, which CAs. No credentials. */
export function describeNetwork(settings: NetworkSettings): string {
  const proxies = [...new Set([settings.httpsProxy, settings.httpProxy].filter(Boolean))];
  const proxy = proxies.length
    ? `proxy ${proxies.map(redactUrl).join(", ")} (${settings.proxySource})${settings.noProxy ? `, not for ${settings.noProxy}` : ""}`
    : "no proxy";
  const ca = settings.ca.length ? `, ${settings.ca.length} CA certificate(s) from npm config` : "";
  return `network: ${proxy}${ca}${settings.strictSsl ? "" : ", strict-ssl off"}`;
}

/**
 * The agent npm's libraries get for the run (npm-registry-fetch's `agent` option): npm's own
 * agent class with the options npm would give it, plus one TLS context built from npm's `ca`
 * / `cafile` with npm's meaning (those CAs replace the defaults). Without it, npm's agent
 * hands the whole CA bundle to every connection and Node parses it each time (about 30 ms
 * for a 200 KB bundle, seconds over a large run). Undefined, leaving npm to choose its agent
 * per request as before, when there is no CA to share, when a client certificate is set (it
 * travels per request and a shared context would drop it), or when npm would pick different
 * proxies for http and https urls (one agent has one proxy).
 */
export function npmAgent(npm: Record<string, unknown>, env: NodeJS.ProcessEnv): HttpAgent | undefined {
  const ca = caList(npm.ca);
  if (!ca.length || usesClientCertificate(npm)) return undefined;
  const proxy = npmProxy(npm, env);
  if (proxy === undefined) return undefined;
  const noProxy = text(npm.noProxy) || envVar(env, "no_proxy");
  try {
    return new SharedContextAgent(ca, {
      ...(proxy ? { proxy } : {}),
      ...(noProxy ? { noProxy } : {}),
      timeout: typeof npm.timeout === "number" ? npm.timeout : 30_000,
      ...(typeof npm.maxSockets === "number" ? { maxSockets: npm.maxSockets } : {}),
      ...(text(npm.localAddress) ? { localAddress: text(npm.localAddress) } : {}),
    });
  } catch {
    // A proxy npm's agent refuses: npm's own per-request choice reports it, as before.
    return undefined;
  }
}

/**
 * npm's agent with one TLS context for every connection, built on the first one: parsing a
 * system bundle costs about 80 ms, and a run answered from the cache never connects.
 */
class SharedContextAgent extends NpmAgent {
  #context: SecureContext | undefined;

  constructor(
    private readonly ca: string[],
    options: ConstructorParameters<typeof NpmAgent>[0],
  ) {
    super(options);
  }

  override connect(request: unknown, options: { secureEndpoint?: boolean; secureContext?: SecureContext }) {
    if (options.secureEndpoint) {
      this.#context ??= createSecureContext({ ca: this.ca });
      options.secureContext ??= this.#context;
    }
    return super.connect(request, options);
  }
}

/**
 * The proxy npm uses for both http and https urls ("" for none), or undefined when they
 * differ. npm: `https-proxy || proxy` for every url; else https_proxy for https urls and
 * https_proxy || http_proxy || proxy for http ones (@npmcli/agent).
 */
function npmProxy(npm: Record<string, unknown>, env: NodeJS.ProcessEnv): string | undefined {
  const configured = text(npm.httpsProxy) || text(npm.proxy);
  if (configured) return configured;
  const https = envVar(env, "https_proxy");
  const http = https || envVar(env, "http_proxy") || envVar(env, "proxy");
  return https === http ? https : undefined;
}

export function tlsOptions(
  settings: NetworkSettings,
  env: NodeJS.ProcessEnv,
): { secureContext?: SecureContext; rejectUnauthorized?: boolean } {
  const out: { secureContext?: SecureContext; rejectUnauthorized?: boolean } = {};
  // A `ca` option replaces Node's trust store, NODE_EXTRA_CA_CERTS included: npm's CAs are
  // added to both instead, since a CA meant for a private registry must not cut GitHub off.
  if (settings.ca.length) {
    const ca = uniqueCertificates([...rootCertificates, ...extraCaCerts(env), ...settings.ca]);
    out.secureContext = createSecureContext({ ca });
  }
  if (!settings.strictSsl) out.rejectUnauthorized = false;
  return out;
}

/** NODE_EXTRA_CA_CERTS's PEM text; Node itself warns at startup when it cannot read it. */
function extraCaCerts(env: NodeJS.ProcessEnv): string[] {
  const path = env.NODE_EXTRA_CA_CERTS;
  if (!path) return [];
  try {
    return [readFileSync(path, "utf8")];
  } catch {
    return [];
  }
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * Each certificate once: a system bundle named by both cafile and NODE_EXTRA_CA_CERTS repeats
 * Node's roots, and parsing 430 certificates instead of 170 costs 40 ms more.
 */
function uniqueCertificates(pems: string[]): string[] {
  const byBody = new Map<string, string>();
  for (const pem of pems) {
    for (const cert of pem.match(PEM_CERTIFICATE) ?? []) {
      const key = cert.replace(/\s+/g, "");
      if (!byBody.has(key)) byBody.set(key, cert);
    }
  }
  return [...byBody.values()];
}

function caList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((c): c is string => typeof c === "string" && c.trim() !== "");
}

/** npm's `cert`/`key`, or a registry's `//host/:certfile` / `:keyfile`. */
function usesClientCertificate(npm: Record<string, unknown>): boolean {
  if (text(npm.cert) || text(npm.key)) return true;
  return Object.keys(npm).some((k) => k.startsWith("//") && /:(certfile|keyfile)$/.test(k));
}

const PROXY_PROTOCOLS = new Set(["http:", "https:", "socks:", "socks5:"]);

/** A proxy that cannot work ends the run with a clear line, never with silent direct traffic. */
function checkedProxy(proxy: string, source: string): string {
  if (!proxy) return "";
  let url: URL;
  try {
    url = new URL(proxy);
  } catch {
    // The value itself may hold credentials: not echoed.
    throw new Error(`${source} is not a URL; expected e.g. http://proxy.example:3128`);
  }
  if (!PROXY_PROTOCOLS.has(url.protocol)) {
    throw new Error(
      `${source}: a ${url.protocol.replace(/:$/, "")}:// proxy is not supported (http, https, socks5)`,
    );
  }
  return proxy;
}

/** A proxy variable, lower case first as curl and undici read them. */
function envVar(env: NodeJS.ProcessEnv, lower: string): string {
  return text(env[lower]) || text(env[lower.toUpperCase()]);
}

function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}
