import type { JSONRPCMessage, Transport } from "@modelcontextprotocol/client";
import type { RunningSandbox } from "./sandbox.js";

/** A line longer than this on stdout is no JSON-RPC message: the server is flooding. */
const MAX_LINE_BYTES = 4 * 1024 * 1024;
/** Lines on stdout that are not JSON (log lines) before the server counts as flooding. */
const MAX_GARBAGE_LINES = 10_000;

/**
 * MCP's stdio transport over the sandbox's pipes: newline-delimited JSON-RPC, every line and
 * every byte counted against the limits (the SDK's own stdio transport spawns its child
 * itself and buffers without a cap). A line that does not parse is skipped, as clients do.
 */
export class SandboxStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport["onmessage"];
  garbageLines = 0;
  private buffer: Buffer[] = [];
  private bufferBytes = 0;
  private closed = false;

  constructor(private readonly box: RunningSandbox) {}

  async start(): Promise<void> {
    this.box.stdout.on("data", (chunk: Buffer) => this.read(chunk));
    this.box.exited.then(() => this.finish());
    this.box.stdin.on("error", () => {});
  }

  private read(chunk: Buffer): void {
    let start = 0;
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, start)) {
      this.buffer.push(chunk.subarray(start, i));
      const line = Buffer.concat(this.buffer).toString("utf8");
      this.buffer = [];
      this.bufferBytes = 0;
      start = i + 1;
      this.line(line);
    }
    if (start < chunk.length) {
      this.buffer.push(chunk.subarray(start));
      this.bufferBytes += chunk.length - start;
      if (this.bufferBytes > MAX_LINE_BYTES) {
        this.buffer = [];
        this.bufferBytes = 0;
        this.box.stop({
          limit: "output",
          phase: "run",
          detail: `wrote a line of more than ${MAX_LINE_BYTES / 1024 / 1024} MB to stdout: stopped`,
        });
      }
    }
  }

  private line(text: string): void {
    const trimmed = text.trim();
    if (!trimmed) return;
    let message: unknown;
    try {
      message = JSON.parse(trimmed);
    } catch {
      message = undefined;
    }
    if (!message || typeof message !== "object" || (message as { jsonrpc?: unknown }).jsonrpc !== "2.0") {
      if (++this.garbageLines > MAX_GARBAGE_LINES)
        this.box.stop({
          limit: "output",
          phase: "run",
          detail: `wrote more than ${MAX_GARBAGE_LINES} lines that are not JSON-RPC to stdout: stopped`,
        });
      return;
    }
    this.onmessage?.(message as JSONRPCMessage);
  }

  send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) return Promise.reject(new Error("the server exited"));
    return new Promise((resolve, reject) => {
      const ok = this.box.stdin.write(`${JSON.stringify(message)}\n`, (err) =>
        err ? reject(err) : resolve(),
      );
      if (!ok) this.box.stdin.once("drain", () => {});
    });
  }

  async close(): Promise<void> {
    if (!this.closed) {
      // The server gets end of input first, as a client closing would give it; then the sandbox goes.
      this.box.stdin.end();
      await Promise.race([this.box.exited, new Promise((r) => setTimeout(r, 300))]);
      this.box.stop();
    }
    this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.onclose?.();
  }
}
