import { createServer, type IncomingMessage, request, type Server } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";

/**
 * A forward proxy on 127.0.0.1 for the proxy tests: CONNECT tunnels (how https travels
 * through a proxy) and absolute-URI requests (plain http), each counted. It only ever
 * connects to loopback targets (anything else is a 502, as a proxy that cannot reach the
 * host would answer), so no test can reach the network through it. With `credentials` it
 * wants Basic proxy authentication, as corporate proxies often do.
 */
export class LoopbackProxy {
  /** CONNECT requests, as "host:port". */
  readonly tunnels: string[] = [];
  /** Plain-http requests forwarded, as absolute urls. */
  readonly forwarded: string[] = [];
  /** Local ports of the proxy's connections to targets: what the target sees as the peer. */
  readonly upstreamPorts = new Set<number>();
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly options: { credentials?: string } = {}) {}

  /** The proxy's url, with credentials when given (`user:password`). */
  url(credentials = this.options.credentials): string {
    return `http://${credentials ? `${credentials}@` : ""}127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      if (!this.authorized(req)) {
        res.writeHead(407, { "proxy-authenticate": 'Basic realm="test"' }).end();
        return;
      }
      const target = safeUrl(req.url ?? "");
      if (target?.protocol !== "http:" || !isLoopback(target.hostname)) {
        res.writeHead(502).end();
        return;
      }
      this.forwarded.push(target.href);
      const headers = { ...req.headers };
      delete headers["proxy-authorization"];
      delete headers["proxy-connection"];
      const upstream = request(target, { method: req.method, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on("socket", (s) => s.once("connect", () => this.upstreamPorts.add(s.localPort ?? 0)));
      upstream.on("error", () => res.writeHead(502).end());
      req.pipe(upstream);
    });
    this.server.on("connect", (req: IncomingMessage, client: Socket, head: Buffer) => {
      this.sockets.add(client);
      client.on("close", () => this.sockets.delete(client));
      client.on("error", () => client.destroy());
      if (!this.authorized(req)) {
        client.end(
          'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n',
        );
        return;
      }
      const [host = "", port = ""] = splitHostPort(req.url ?? "");
      this.tunnels.push(`${host}:${port}`);
      if (!isLoopback(host)) {
        client.end("HTTP/1.1 502 Bad Gateway\r\n\r\n");
        return;
      }
      const upstream = connect(Number(port), host, () => {
        this.upstreamPorts.add(upstream.localPort ?? 0);
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        if (head.length) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      this.sockets.add(upstream);
      upstream.on("close", () => this.sockets.delete(upstream));
      upstream.on("error", () => client.destroy());
      client.on("close", () => upstream.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    for (const s of this.sockets) s.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private authorized(req: IncomingMessage): boolean {
    if (!this.options.credentials) return true;
    const expected = `Basic ${Buffer.from(this.options.credentials).toString("base64")}`;
    return req.headers["proxy-authorization"] === expected;
  }
}

function splitHostPort(authority: string): [string, string] {
  const i = authority.lastIndexOf(":");
  return i < 0 ? [authority, "443"] : [authority.slice(0, i).replace(/^\[|\]$/g, ""), authority.slice(i + 1)];
}

function isLoopback(host: string): boolean {
  return host === "127.0.0.1" || host === "localhost" || host === "::1";
}

function safeUrl(s: string): URL | undefined {
  try {
    return new URL(s);
  } catch {
    return undefined;
  }
}
