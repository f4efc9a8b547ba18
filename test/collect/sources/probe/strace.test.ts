import { describe, expect, it } from "vitest";
import { TraceInterpreter } from "../../../../src/collect/sources/probe/events.js";
import {
  dnsQueryName,
  MAX_TRACE_LINE,
  parseCall,
  StraceParser,
  sockaddr,
  unescapeStrace,
} from "../../../../src/collect/sources/probe/strace.js";

describe("strace lines", () => {
  it("splits a call at the top level, whatever its strings hold", () => {
    const c = parseCall(
      'openat(AT_FDCWD</home/mcp>, "a, b) = 3 \\"q\\"", O_WRONLY|O_CREAT, 0666) = 19</home/mcp/a, b) = 3 \\"q\\">',
    );
    expect(c?.name).toBe("openat");
    expect(c?.args).toEqual(["AT_FDCWD</home/mcp>", '"a, b) = 3 \\"q\\""', "O_WRONLY|O_CREAT", "0666"]);
    expect(c?.ret).toBe('19</home/mcp/a, b) = 3 \\"q\\">');
  });

  it("joins a call split by another process's line", () => {
    const p = new StraceParser();
    expect(
      p.line(
        '12  1.000001 connect(19<socket:[1]>, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("1.2.3.4")}, 16 <unfinished ...>',
      ),
    ).toBeUndefined();
    expect(p.line("13  1.000002 +++ exited with 0 +++")).toMatchObject({ kind: "exit", pid: 13, code: 0 });
    const rec = p.line("12  1.000003 <... connect resumed>) = -1 ENETUNREACH (Network is unreachable)");
    expect(rec).toMatchObject({
      kind: "call",
      pid: 12,
      name: "connect",
      ret: "-1 ENETUNREACH (Network is unreachable)",
    });
  });

  it("skips what it cannot read, and lines past the cap, counting them", () => {
    const p = new StraceParser();
    expect(p.line("garbage")).toBeUndefined();
    expect(p.line(`1 1.0 openat(AT_FDCWD, "${"a".repeat(MAX_TRACE_LINE)}", O_RDONLY) = 3`)).toBeUndefined();
    expect(p.line("1 1.0 <... read resumed>) = 0")).toBeUndefined();
    expect(p.skipped).toBe(3);
  });

  it("reads strace's escapes back into bytes", () => {
    expect(unescapeStrace('"a\\nb\\"c\\\\d\\x41\\101\\0"').toString("latin1")).toBe('a\nb"c\\dAA\u0000');
    expect(unescapeStrace('"abc"...').toString()).toBe("abc");
  });

  it("decodes socket addresses and DNS queries", () => {
    expect(
      sockaddr('{sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("203.0.113.7")}')?.address,
    ).toBe("203.0.113.7:443");
    expect(
      sockaddr(
        '{sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}',
      )?.address,
    ).toBe("[::1]:80");
    expect(sockaddr('{sa_family=AF_UNIX, sun_path="/run/x.sock"}')?.address).toBe("unix:/run/x.sock");
    expect(sockaddr("{sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}")).toBeUndefined();
    expect(
      dnsQueryName(unescapeStrace('"\\2\\316\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0\\7example\\3com\\0\\0\\1\\0\\1"')),
    ).toBe("example.com");
    expect(dnsQueryName(Buffer.from("not a dns packet at all"))).toBeUndefined();
  });
});

describe("the trace interpreter", () => {
  const canaries = new Map([["/home/mcp/.ssh/id_rsa", "ssh-key"]]);
  const make = () =>
    new TraceInterpreter({
      phase: "run",
      startedAt: 1_000_000,
      canaryPaths: canaries,
      serverRoot: "/opt/mcp-server",
      runtimeRoots: [],
      writableRoots: [],
    });
  const feed = (it: TraceInterpreter, lines: string[]) => {
    const p = new StraceParser();
    for (const l of lines) {
      const r = p.line(l);
      if (r) it.feed(r);
    }
  };

  it("skips bubblewrap's set-up, keeps the launch chain apart, and records what the server did", () => {
    const it = make();
    feed(it, [
      '10 1000.000 execve("/usr/bin/bwrap", ["bwrap", "--unshare-all"], 0x1 /* 3 vars */) = 0',
      '11 1000.010 openat(AT_FDCWD</>, "/newroot/home/mcp/.ssh/id_rsa", O_RDONLY|O_PATH) = 5</newroot/home/mcp/.ssh/id_rsa>',
      '12 1000.020 execve("/usr/bin/prlimit", ["/usr/bin/prlimit", "--cpu=30", "--", "/opt/mcp-server/node_modules/.bin/x"], 0x1 /* 3 vars */) = 0',
      '12 1000.030 execve("/opt/mcp-server/node_modules/.bin/x", ["/opt/mcp-server/node_modules/.bin/x"], 0x1 /* 3 vars */) = 0',
      '12 1000.100 openat(AT_FDCWD</home/mcp/project>, "/usr/lib/node/x.js", O_RDONLY) = 18</usr/lib/node/x.js>',
      '12 1000.110 openat(AT_FDCWD</home/mcp/project>, "/opt/package.json", O_RDONLY) = -1 ENOENT (No such file or directory)',
      '12 1000.270 openat(AT_FDCWD</home/mcp/project>, "../.ssh/id_rsa", O_RDONLY|O_CLOEXEC) = 18</home/mcp/.ssh/id_rsa>',
      '12 1000.275 connect(19<socket:[1]>, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("203.0.113.7")}, 16) = -1 ENETUNREACH (Network is unreachable)',
      "12 1000.280 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x1) = 9",
      '13 1000.290 execve("/bin/sh", ["sh", "-c", "uname -a\\nid"], 0x1 /* 3 vars */) = 0',
      '12 1000.300 openat(AT_FDCWD</home/mcp/project>, "notes.txt", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 20</home/mcp/project/notes.txt>',
      "12 1000.400 +++ exited with 0 +++",
    ]);
    expect(it.launch.map((a) => a[0])).toEqual(["/usr/bin/prlimit", "/opt/mcp-server/node_modules/.bin/x"]);
    expect(it.finish()).toEqual([
      { kind: "open", path: "~/.ssh/id_rsa", result: "ok", canary: "ssh-key", phase: "run", t: 270, proc: 1 },
      { kind: "connect", address: "203.0.113.7:443", result: "ENETUNREACH", phase: "run", t: 275, proc: 1 },
      {
        kind: "exec",
        path: "/bin/sh",
        argv: ["sh", "-c", "uname -a\nid"],
        result: "ok",
        phase: "run",
        t: 290,
        proc: 2,
      },
      {
        kind: "write",
        op: "create",
        path: "~/project/notes.txt",
        result: "ok",
        phase: "run",
        t: 300,
        proc: 1,
      },
    ]);
    expect(it.rootExit).toEqual({ code: 0 });
    expect(it.processCount).toBe(1);
  });

  it("marks what happens while a tool is called", () => {
    const it = make();
    it.callWindows.push({ from: 1_000_500, to: 1_000_600 });
    feed(it, [
      '10 1000.000 execve("/usr/bin/bwrap", ["bwrap"], 0x1 /* 3 vars */) = 0',
      '12 1000.020 execve("/usr/bin/prlimit", ["prlimit"], 0x1 /* 3 vars */) = 0',
      '12 1000.550 connect(19, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("198.51.100.1")}, 16) = -1 ENETUNREACH (Network is unreachable)',
    ]);
    expect(it.finish().map((e) => e.phase)).toEqual(["call"]);
  });
});
