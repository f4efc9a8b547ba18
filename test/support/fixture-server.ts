import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

/**
 * A real HTTP server on 127.0.0.1 that plays the remote services mcp-vet talks to: the npm
 * registry at `/`, GitHub's API under `/github`, OSV under `/osv`, the MCP registry under
 * `/mcp-registry`. Each face is a route table; tests add faults and latency on top.
 *
 * Real sockets (not undici's MockAgent) so that e2e tests can point the built CLI at it with
 * the same flags a user with a private registry or GitHub Enterprise would use.
 */

export interface FixtureRequest {
  method: string;
  /** Path with the face prefix removed, percent-decoded once. */
  path: string;
  rawPath: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: Buffer;
  /** This server's origin, for answers that contain absolute urls (tarball links). */
  origin: string;
}

export interface FixtureResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer | object;
}

export type Route = (
  req: FixtureRequest,
) => FixtureResponse | undefined | Promise<FixtureResponse | undefined>;

export type Fault =
  | { kind: "status"; status: number; headers?: Record<string, string>; body?: string }
  /** Close the socket without an answer. */
  | { kind: "reset" }
  /** Send headers and only part of the body, then close. */
  | { kind: "truncate"; bytes: number }
  /** Send the body slowly: `chunkBytes` every `everyMs`. */
  | { kind: "slow"; chunkBytes: number; everyMs: number }
  /** Answer with this body instead (garbage, wrong types). */
  | { kind: "body"; body: string | Buffer; status?: number; headers?: Record<string, string> }
  /** Accept the request and never answer (the socket stays open until the client gives up). */
  | { kind: "hang" }
  /** Send a 200's headers, then `bytes` bytes every `everyMs` ms without end and without a length. */
  | { kind: "drip"; bytes?: number; everyMs: number }
  /** 429 with a Retry-After (and GitHub's rate-limit headers). */
  | { kind: "rate-limit"; retryAfterSeconds: number }
  /** 200 with `bytes` bytes of seeded random noise under a JSON content type. */
  | { kind: "garbage"; bytes: number; seed?: number }
  /** A 200 body of `bytes` bytes sent as fast as the socket takes it, with no content-length. */
  | { kind: "flood"; bytes: number };

export interface FaultRule {
  /** Matched against the raw path including the face prefix. */
  match: RegExp;
  fault: Fault;
  /** How many requests it applies to; unlimited when unset. */
  times?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  headers: IncomingMessage["headers"];
  /** The peer's port: a proxy's outgoing connection when the request came through one. */
  remotePort?: number;
}

export interface FixtureServerOptions {
  /** Added before every answer, ms: a stand-in for a network round trip. */
  latencyMs?: number;
  /**
   * Speak https with the certificate in test/fixtures/tls (127.0.0.1, signed by the test CA
   * at TEST_CA_FILE, which nothing trusts unless a test says so).
   */
  tls?: boolean;
}

// From test/support, or from dist/test/support when the bench runs the compiled copy.
const TLS_FIXTURES = [
  join(import.meta.dirname, "..", "fixtures", "tls"),
  join(import.meta.dirname, "..", "..", "..", "test", "fixtures", "tls"),
].find((dir) => existsSync(dir))!;
/** The CA that signs the https fixture server's certificate. */
export const TEST_CA_FILE = join(TLS_FIXTURES, "ca.pem");

export class FixtureServer {
  readonly requests: RecordedRequest[] = [];
  private readonly faces = new Map<string, Route[]>();
  private readonly faults: FaultRule[] = [];
  private server: Server | undefined;
  latencyMs: number;
  origin = "";
  private readonly tls: boolean;

  constructor(options: FixtureServerOptions = {}) {
    this.latencyMs = options.latencyMs ?? 0;
    this.tls = options.tls ?? false;
  }

  /** Adds routes under a prefix ("" for the npm face at the root). Earlier routes win. */
  face(prefix: string, ...routes: Route[]): this {
    const list = this.faces.get(prefix) ?? [];
    list.push(...routes);
    this.faces.set(prefix, list);
    return this;
  }

  fault(rule: FaultRule): this {
    this.faults.push(rule);
    return this;
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  url(prefix = ""): string {
    return `${this.origin}${prefix}`;
  }

  /** Requests whose path matches, for counting round trips in tests and the bench. */
  count(match: RegExp): number {
    return this.requests.filter((r) => match.test(r.path)).length;
  }

  async start(): Promise<this> {
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res).catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
    };
    this.server = this.tls
      ? createHttpsServer(
          {
            key: readFileSync(join(TLS_FIXTURES, "server-key.pem")),
            cert: readFileSync(join(TLS_FIXTURES, "server.pem")),
          },
          handler,
        )
      : createServer(handler);
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.origin = `${this.tls ? "https" : "http"}://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawUrl = new URL(req.url ?? "/", this.origin);
    const rawPath = rawUrl.pathname;
    if (this.latencyMs > 0) await sleep(this.latencyMs);

    const record = (status: number) =>
      this.requests.push({
        method: req.method ?? "GET",
        path: rawPath + rawUrl.search,
        status,
        headers: req.headers,
        remotePort: req.socket.remotePort,
      });

    const rule = this.faults.find((f) => f.match.test(rawPath) && (f.times === undefined || f.times > 0));
    if (rule) {
      if (rule.times !== undefined) rule.times--;
      if (await this.applyFault(rule.fault, req, res, rawPath, chunks, rawUrl, record)) return;
    }

    const answer = await this.route(req, rawPath, rawUrl, Buffer.concat(chunks));
    record(answer.status);
    send(res, answer);
  }

  private async applyFault(
    fault: Fault,
    req: IncomingMessage,
    res: ServerResponse,
    rawPath: string,
    chunks: Buffer[],
    rawUrl: URL,
    record: (status: number) => void,
  ): Promise<boolean> {
    switch (fault.kind) {
      case "status":
        record(fault.status);
        send(res, { status: fault.status, headers: fault.headers, body: fault.body ?? "" });
        return true;
      case "body":
        record(fault.status ?? 200);
        send(res, {
          status: fault.status ?? 200,
          headers: { "content-type": "application/json", ...fault.headers },
          body: fault.body,
        });
        return true;
      case "reset":
        record(0);
        req.socket.destroy();
        return true;
      case "hang":
        record(0);
        // Nothing is sent; stop() closes the socket.
        await new Promise<void>((resolve) => req.socket.once("close", () => resolve()));
        return true;
      case "drip": {
        record(200);
        res.writeHead(200, { "content-type": "application/json" });
        res.flushHeaders();
        const chunk = Buffer.alloc(fault.bytes ?? 1, 0x20);
        while (!res.destroyed && !req.socket.destroyed) {
          res.write(chunk);
          await sleep(fault.everyMs);
        }
        return true;
      }
      case "rate-limit":
        record(429);
        send(res, {
          status: 429,
          headers: {
            "retry-after": String(fault.retryAfterSeconds),
            "x-ratelimit-remaining": "0",
            "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + fault.retryAfterSeconds),
          },
          body: { message: "API rate limit exceeded" },
        });
        return true;
      case "garbage":
        record(200);
        send(res, {
          status: 200,
          headers: { "content-type": "application/json" },
          body: noise(fault.bytes, fault.seed ?? 1),
        });
        return true;
      case "flood": {
        record(200);
        res.writeHead(200, { "content-type": "application/octet-stream" });
        const block = Buffer.alloc(64 * 1024, 0x61);
        for (let sent = 0; sent < fault.bytes && !res.destroyed; sent += block.length) {
          if (!res.write(block)) await new Promise((r) => res.once("drain", r));
        }
        res.end();
        return true;
      }
      case "truncate":
      case "slow": {
        const answer = await this.route(req, rawPath, rawUrl, Buffer.concat(chunks));
        const body = toBuffer(answer.body);
        record(answer.status);
        res.writeHead(answer.status, { ...answer.headers, "content-length": String(body.length) });
        if (fault.kind === "truncate") {
          res.write(body.subarray(0, fault.bytes));
          await sleep(10);
          req.socket.destroy();
          return true;
        }
        for (let i = 0; i < body.length; i += fault.chunkBytes) {
          if (res.destroyed) return true;
          res.write(body.subarray(i, i + fault.chunkBytes));
          await sleep(fault.everyMs);
        }
        res.end();
        return true;
      }
    }
  }

  private async route(
    req: IncomingMessage,
    rawPath: string,
    rawUrl: URL,
    body: Buffer,
  ): Promise<FixtureResponse> {
    // Longest prefix first, so "/github" wins over the npm face at "".
    const prefixes = [...this.faces.keys()].sort((a, b) => b.length - a.length);
    for (const prefix of prefixes) {
      if (prefix && rawPath !== prefix && !rawPath.startsWith(`${prefix}/`)) continue;
      const sub = rawPath.slice(prefix.length) || "/";
      const fr: FixtureRequest = {
        method: req.method ?? "GET",
        path: safeDecode(sub),
        rawPath: sub,
        query: rawUrl.searchParams,
        headers: req.headers,
        body,
        origin: this.origin,
      };
      for (const route of this.faces.get(prefix) ?? []) {
        const answer = await route(fr);
        if (answer) return answer;
      }
      return { status: 404, body: { error: "Not found" } };
    }
    return { status: 404, body: { error: "Not found" } };
  }
}

function send(res: ServerResponse, answer: FixtureResponse): void {
  const body = toBuffer(answer.body);
  const headers: Record<string, string> = { ...answer.headers };
  if (answer.body !== undefined && typeof answer.body === "object" && !Buffer.isBuffer(answer.body)) {
    headers["content-type"] ??= "application/json";
  }
  headers["content-length"] = String(body.length);
  res.writeHead(answer.status, headers);
  res.end(body);
}

function toBuffer(body: FixtureResponse["body"]): Buffer {
  if (body === undefined) return Buffer.alloc(0);
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === "string") return Buffer.from(body);
  return Buffer.from(JSON.stringify(body));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Seeded noise (xorshift), so a failing case can be replayed byte for byte. */
export function noise(bytes: number, seed: number): Buffer {
  const out = Buffer.alloc(bytes);
  let x = seed || 1;
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
