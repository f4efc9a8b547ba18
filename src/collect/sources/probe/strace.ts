/**
 * Reading `strace -f -ttt -y` output. The text is strace's, but every string in it was chosen
 * by the code under test (file names, arguments, packet bytes): strace escapes them so a line
 * stays a line, and this parser never trusts more than that. Lines are capped; anything that
 * does not parse is counted and skipped.
 */

/** One finished system call, or the end of a process. */
export type TraceRecord =
  | { pid: number; ts: number; kind: "call"; name: string; args: string[]; ret: string }
  | { pid: number; ts: number; kind: "exit"; code?: number; signal?: string };

/** Longest line read; strace's own lines are far shorter, except for huge argument lists. */
export const MAX_TRACE_LINE = 64 * 1024;

/**
 * Turns lines into records, joining calls strace split across other processes' lines
 * (`<unfinished ...>` / `<... name resumed>`).
 */
export class StraceParser {
  private readonly pending = new Map<number, { name: string; head: string }>();
  skipped = 0;

  line(text: string): TraceRecord | undefined {
    if (text.length > MAX_TRACE_LINE) {
      this.skipped++;
      return undefined;
    }
    const m = /^(\d+)\s+(\d+(?:\.\d+)?)\s+(.*)$/.exec(text);
    if (!m) {
      if (text.trim()) this.skipped++;
      return undefined;
    }
    const pid = Number(m[1]);
    const ts = Number(m[2]);
    const rest = m[3]!;
    if (rest.startsWith("+++ ")) {
      const exited = /^\+\+\+ exited with (\d+) \+\+\+$/.exec(rest);
      if (exited) return { pid, ts, kind: "exit", code: Number(exited[1]) };
      const killed = /^\+\+\+ killed by (SIG[A-Z0-9]+)/.exec(rest);
      if (killed) return { pid, ts, kind: "exit", signal: killed[1]! };
      this.skipped++;
      return undefined;
    }
    if (rest.startsWith("---")) return undefined;
    let call = rest;
    const resumed = /^<\.\.\. ([a-z0-9_]+) resumed>(.*)$/.exec(rest);
    if (resumed) {
      const p = this.pending.get(pid);
      this.pending.delete(pid);
      if (!p || p.name !== resumed[1]) {
        this.skipped++;
        return undefined;
      }
      call = `${p.head}${resumed[2]!.replace(/^\s*,?\s*/, (s) => (s.includes(",") ? ", " : ""))}`;
    } else if (rest.endsWith(" <unfinished ...>")) {
      const name = /^([a-z0-9_]+)\(/.exec(rest)?.[1];
      if (!name) {
        this.skipped++;
        return undefined;
      }
      this.pending.set(pid, { name, head: rest.slice(0, -" <unfinished ...>".length) });
      if (this.pending.size > 10_000) this.pending.clear();
      return undefined;
    }
    const parsed = parseCall(call);
    if (!parsed) {
      this.skipped++;
      return undefined;
    }
    return { pid, ts, kind: "call", ...parsed };
  }
}

/** `name(arg, arg, ...) = ret` split at the top level (quotes, brackets and braces respected). */
export function parseCall(text: string): { name: string; args: string[]; ret: string } | undefined {
  const open = text.indexOf("(");
  if (open <= 0) return undefined;
  const name = text.slice(0, open);
  if (!/^[a-z0-9_]+$/.test(name)) return undefined;
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  let i = open + 1;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i = skipString(text, i);
      continue;
    }
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") depth--;
    else if (c === ")") {
      if (depth === 0) break;
      depth--;
    } else if (c === "," && depth === 0) {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (i >= text.length) return undefined;
  const last = text.slice(start, i).trim();
  if (last || args.length) args.push(last);
  const ret = /^\)\s*=\s*(.*)$/.exec(text.slice(i))?.[1];
  if (ret === undefined) return undefined;
  return { name, args, ret: ret.trim() };
}

/** Index of the closing quote of the string starting at `i` (or the end of the text). */
function skipString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === "\\") j++;
    else if (text[j] === '"') return j;
  }
  return text.length;
}

/** The bytes of a strace string literal (with or without its quotes; a trailing `...` dropped). */
export function unescapeStrace(literal: string): Buffer {
  let s = literal.trim();
  if (s.endsWith("...")) s = s.slice(0, -3);
  if (s.startsWith('"')) s = s.slice(1);
  if (s.endsWith('"') && !s.endsWith('\\"')) s = s.slice(0, -1);
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== "\\") {
      for (const b of Buffer.from(c, "utf8")) out.push(b);
      continue;
    }
    const n = s[++i];
    if (n === undefined) break;
    const simple: Record<string, number> = {
      n: 10,
      t: 9,
      r: 13,
      v: 11,
      f: 12,
      a: 7,
      b: 8,
      "\\": 92,
      '"': 34,
    };
    if (n in simple) out.push(simple[n]!);
    else if (n === "x") {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1))?.[0] ?? "";
      out.push(Number.parseInt(hex || "0", 16));
      i += hex.length;
    } else if (/[0-7]/.test(n)) {
      const oct = /^[0-7]{1,3}/.exec(s.slice(i))![0];
      out.push(Number.parseInt(oct, 8) & 0xff);
      i += oct.length - 1;
    } else out.push(n.charCodeAt(0) & 0xff);
  }
  return Buffer.from(out);
}

/** A strace string literal as text (invalid UTF-8 replaced). */
export function straceString(literal: string): string {
  return unescapeStrace(literal).toString("utf8");
}

/** The first quoted string in an argument (`"…"`), as text. */
export function firstString(arg: string | undefined): string | undefined {
  if (!arg) return undefined;
  const i = arg.indexOf('"');
  if (i < 0) return undefined;
  const end = skipString(arg, i);
  return straceString(arg.slice(i, end + 1));
}

/** Every quoted string in an argument (argv arrays, iovecs), in order. */
export function allStrings(arg: string, max: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < arg.length && out.length < max; i++) {
    if (arg[i] !== '"') continue;
    const end = skipString(arg, i);
    out.push(arg.slice(i, end + 1));
    i = end;
  }
  return out;
}

/** The path `-y` decodes for a file descriptor (`3</home/mcp/.ssh>`; `AT_FDCWD</home/mcp>`). */
export function fdPath(arg: string | undefined): string | undefined {
  if (!arg) return undefined;
  const m = /<(.*)>$/.exec(arg.trim());
  if (!m) return undefined;
  // -y escapes `<`, `>` and controls in the path the way strings are escaped.
  return straceString(m[1]!);
}

/** A call's outcome: `ok`, or its errno name; `-y` decoded fd path if the result is one. */
export function result(ret: string): { ok: boolean; errno?: string; path?: string; value?: number } {
  const err = /^-1\s+([A-Z][A-Z0-9]+)/.exec(ret);
  if (err) return { ok: false, errno: err[1]! };
  if (ret.startsWith("?")) return { ok: true };
  const n = /^(-?\d+)/.exec(ret);
  const path = /^\d+<(.*)>/.exec(ret)?.[1];
  return {
    ok: true,
    ...(n ? { value: Number(n[1]) } : {}),
    ...(path !== undefined ? { path: straceString(path) } : {}),
  };
}

/** The address in a decoded sockaddr: `1.2.3.4:443`, `[::1]:80`, `unix:/path`; undefined for netlink and the like. */
export function sockaddr(
  arg: string | undefined,
): { address: string; port?: number; family: string } | undefined {
  if (!arg) return undefined;
  const family = /sa_family=(AF_[A-Z0-9]+)/.exec(arg)?.[1];
  if (!family) return undefined;
  const port = /sin6?_port=htons\((\d+)\)/.exec(arg)?.[1];
  if (family === "AF_INET") {
    const ip = /inet_addr\("([0-9.]+)"\)/.exec(arg)?.[1];
    if (!ip) return undefined;
    return { address: `${ip}:${port ?? "?"}`, ...(port ? { port: Number(port) } : {}), family };
  }
  if (family === "AF_INET6") {
    const ip = /inet_pton\(AF_INET6,\s*"([0-9a-fA-F:.]+)"/.exec(arg)?.[1];
    if (!ip) return undefined;
    return { address: `[${ip}]:${port ?? "?"}`, ...(port ? { port: Number(port) } : {}), family };
  }
  if (family === "AF_UNIX") {
    const path = /sun_path=(@?"(?:[^"\\]|\\.)*")/.exec(arg)?.[1];
    if (!path) return { address: "unix:(unnamed)", family };
    const abstract = path.startsWith("@");
    return { address: `unix:${abstract ? "@" : ""}${straceString(abstract ? path.slice(1) : path)}`, family };
  }
  return undefined;
}

/**
 * The names asked for in DNS queries inside a sent buffer (`sendto`, `sendmmsg`, `sendmsg`):
 * glibc and c-ares send one query per packet, header then QNAME labels.
 */
export function dnsNames(args: string[]): string[] {
  const names: string[] = [];
  for (const arg of args) {
    for (const lit of allStrings(arg, 8)) {
      const name = dnsQueryName(unescapeStrace(lit));
      if (name && !names.includes(name)) names.push(name);
    }
  }
  return names;
}

/** The QNAME of a DNS query packet, when the bytes are one. */
export function dnsQueryName(buf: Buffer): string | undefined {
  if (buf.length < 17) return undefined;
  const flags = buf.readUInt16BE(2);
  const qd = buf.readUInt16BE(4);
  // A standard query (QR 0, opcode 0) with one question.
  if ((flags & 0xf800) !== 0 || qd !== 1) return undefined;
  const labels: string[] = [];
  let i = 12;
  while (i < buf.length) {
    const len = buf[i]!;
    if (len === 0) break;
    if (len > 63 || i + 1 + len > buf.length) return undefined;
    const label = buf.subarray(i + 1, i + 1 + len).toString("latin1");
    if (!/^[A-Za-z0-9_-]+$/.test(label)) return undefined;
    labels.push(label);
    i += 1 + len;
    if (labels.length > 40) return undefined;
  }
  return labels.length ? labels.join(".").toLowerCase() : undefined;
}
