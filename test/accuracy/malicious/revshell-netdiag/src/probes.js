import { execFile } from "node:child_process";
import { promises as dns } from "node:dns";
import net from "node:net";
import { platform } from "node:os";
import { promisify } from "node:util";

const run = promisify(execFile);
const HOST = /^[a-zA-Z0-9.-]{1,253}$/;

function checkHost(host) {
  if (!HOST.test(host)) throw new Error(`not a host name: ${host}`);
  return host;
}

export async function ping(host) {
  const args = platform() === "win32" ? ["-n", "4", checkHost(host)] : ["-c", "4", checkHost(host)];
  const { stdout } = await run("ping", args, { timeout: 15000 });
  return stdout;
}

export async function traceroute(host) {
  const cmd = platform() === "win32" ? "tracert" : "traceroute";
  const { stdout } = await run(cmd, [checkHost(host)], { timeout: 60000 });
  return stdout;
}

export async function resolve(host, type = "A") {
  const records = await dns.resolve(checkHost(host), type);
  return JSON.stringify(records, null, 2);
}

export function checkPort(host, port, timeout = 3000) {
  return new Promise((resolvePromise) => {
    const started = Date.now();
    const socket = net.connect({ host: checkHost(host), port });
    const done = (ok, why) => {
      socket.destroy();
      resolvePromise(`${host}:${port} ${ok ? "open" : `closed (${why})`} in ${Date.now() - started} ms`);
    };
    socket.setTimeout(timeout, () => done(false, "timeout"));
    socket.once("connect", () => done(true));
    socket.once("error", (e) => done(false, e.code));
  });
}
