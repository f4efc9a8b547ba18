import { execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import * as tar from "tar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import indexSchema from "../../reports/index.schema.json" with { type: "json" };
import type { AuditIndex } from "../../reports/index-model.js";
import type { Report } from "../../reports/model.js";
import { expectValidReport } from "../support/cli.js";
import { NOW } from "../support/evidence.js";
import { useVetFixtures } from "../support/vet-e2e.js";

/**
 * The package as npm would publish it: `npm pack` of the built tree, unpacked into a
 * node_modules of its own, with each declared dependency linked from this repository's
 * node_modules (the locked versions; no registry, so the suite stays offline). Only declared
 * dependencies are linked, so code that needs a devDependency at run time fails here. Then
 * the bin runs, the library is imported by its name and called against the fixture server,
 * and a TypeScript consumer type-checks against the shipped declarations.
 * (.ci/run does the real install from the registry.)
 */

const ROOT = join(import.meta.dirname, "..", "..");
const run = promisify(execFile);
const fixtures = useVetFixtures();

interface PackedFile {
  path: string;
}
interface PackageJson {
  name: string;
  version: string;
  bin: Record<string, string>;
  types: string;
  exports: Record<string, string | Record<string, string>>;
  dependencies: Record<string, string>;
  devDependencies?: Record<string, string>;
}

let work: string;
let files: string[];
let pkgDir: string;
let pkg: PackageJson;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "mcp-vet-packed-"));
  // The tree is already built (npm test builds first); prepack's clean rebuild is .ci/run's job.
  const { stdout } = await run(
    "npm",
    ["pack", "--ignore-scripts", "--json", "--pack-destination", work, "--loglevel", "error"],
    { cwd: ROOT, env: withoutNpmVars(process.env) },
  );
  const [packed] = JSON.parse(stdout) as { filename: string; files: PackedFile[] }[];
  files = packed!.files.map((f) => f.path);
  const root = join(work, "consumer");
  pkgDir = join(root, "node_modules", "mcp-vet-cli");
  mkdirSync(pkgDir, { recursive: true });
  await tar.x({ file: join(work, packed!.filename), cwd: pkgDir, strip: 1 });
  pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")) as PackageJson;
  for (const dep of Object.keys(pkg.dependencies))
    link(join(ROOT, "node_modules", dep), join(pkgDir, "node_modules", dep));
  // A TypeScript consumer brings its own @types/node.
  link(join(ROOT, "node_modules", "@types", "node"), join(root, "node_modules", "@types", "node"));
  writeFileSync(
    join(root, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function link(target: string, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path, "dir");
}

/** The parent npm's npm_config_* variables would reconfigure a child npm or the CLI's registry. */
function withoutNpmVars(env: NodeJS.ProcessEnv): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v !== undefined && !/^npm_|^GITHUB_|^GH_|^MCP_VET_|^NO_COLOR$|^FORCE_COLOR$/i.test(k)) clean[k] = v;
  }
  return clean;
}

/** Runs node in the consumer folder with a clean environment; fails rather than waits if it does not exit. */
function node(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: join(work, "consumer"),
      env: { ...withoutNpmVars(process.env), ...fixtures.home.env, MCP_VET_NOW: NOW, ...env },
      timeout: 90_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function sources(cache: string) {
  const { server } = fixtures;
  return {
    registry: server.url(),
    githubApiUrl: server.url("/github"),
    osvApiUrl: server.url("/osv"),
    mcpRegistryUrl: server.url("/mcp-registry"),
    cacheDir: join(work, cache),
    now: NOW,
  };
}

describe("the packed package", () => {
  it("ships the built code, its declarations, the schemas, README and LICENSE, and nothing else", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "LICENSE",
        "README.md",
        "package.json",
        "dist/package.json",
        "dist/mcp-vet.mjs",
      ]),
    );
    for (const path of files) {
      expect(path).toMatch(
        /^(dist\/(src|scoring|cache|reports)\/.+\.(js|d\.ts|json)|dist\/mcp-vet\.mjs|dist\/package\.json|reports\/[\w-]+\.schema\.json|scoring\/engine\/(policy\.schema|default-policy)\.json|LICENSE|README\.md|package\.json)$/,
      );
    }
    expect(files.filter((f) => f.endsWith(".map") || /^dist\/(test|scripts)\//.test(f))).toEqual([]);
    expect(readFileSync(join(pkgDir, "LICENSE"), "utf8")).toMatch(/Apache License\s+Version 2\.0/);
  });

  it("points bin, types and exports at files it ships", () => {
    const targets = [
      ...Object.values(pkg.bin),
      pkg.types,
      ...Object.values(pkg.exports).flatMap((e) => (typeof e === "string" ? [e] : Object.values(e))),
    ];
    for (const t of targets) expect(files).toContain(t.replace(/^\.\//, ""));
    // The bin is the bundled CLI (one file); the library stays unbundled in dist/src.
    expect(pkg.bin).toEqual({ "mcp-vet": "dist/mcp-vet.mjs" });
    expect(readFileSync(join(pkgDir, pkg.bin["mcp-vet"]!), "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it("needs no devDependency at run time: test-only libraries are not dependencies", () => {
    expect(Object.keys(pkg.dependencies)).not.toContain("ajv");
    expect(Object.keys(pkg.dependencies)).not.toContain("ajv-formats");
  });

  it("runs its bin: --version, and a vet of a fixture package", async () => {
    const bin = join(pkgDir, pkg.bin["mcp-vet"]!);
    const version = await node([bin, "--version"]);
    expect(version.stdout.trim()).toBe(pkg.version);
    const s = sources("cache-bin");
    const res = await node([
      bin,
      "weather-mcp",
      "--json",
      ...["--registry", s.registry, "--github-api-url", s.githubApiUrl, "--osv-api-url", s.osvApiUrl],
      ...["--mcp-registry-url", s.mcpRegistryUrl, "--cache-dir", s.cacheDir],
    ]);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const report = expectValidReport(JSON.parse(res.stdout)) as unknown as Report;
    expect(report.target).toMatchObject({ name: "weather-mcp", version: "1.0.0" });
  }, 120_000);

  it("is a library: vet, auditConfigs and runAudit imported by the package's name", async () => {
    const configFile = join(work, "project", ".cursor", "mcp.json");
    mkdirSync(dirname(configFile), { recursive: true });
    writeFileSync(
      configFile,
      JSON.stringify({ mcpServers: { weather: { command: "npx", args: ["-y", "weather-mcp@1.0.0"] } } }),
    );
    const script = join(work, "consumer", "use-library.mjs");
    // No process.exit: the library must let the process end by itself once the work is done.
    writeFileSync(
      script,
      `import { auditConfigs, runAudit, TargetError, vet } from "mcp-vet-cli";
const options = JSON.parse(process.env.OPTIONS);
const report = await vet("weather-mcp", options);
const configs = await auditConfigs({ ...options, paths: [process.env.CONFIG_FILE] });
const audit = await runAudit({ ...options, packages: ["weather-mcp"], outDir: process.env.OUT_DIR });
let missing = null;
try {
  await vet("no-such-package-anywhere", options);
} catch (err) {
  missing = { targetError: err instanceof TargetError, message: err.message };
}
process.stdout.write(JSON.stringify({ report, configs, index: audit.index, keys: [...audit.reports.keys()], missing }));
`,
    );
    const outDir = join(work, "audit-out");
    const res = await node([script], {
      OPTIONS: JSON.stringify(sources("cache-lib")),
      CONFIG_FILE: configFile,
      OUT_DIR: outDir,
    });
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as {
      report: Report;
      configs: { files: { client: string }[]; servers: { name: string; vetted: string; report?: Report }[] };
      index: AuditIndex;
      keys: string[];
      missing: { targetError: boolean; message: string } | null;
    };

    expectValidReport(out.report);
    expect(out.report.target).toMatchObject({ kind: "registry", name: "weather-mcp", version: "1.0.0" });
    expect(out.report.generatedAt).toBe(NOW);

    expect(out.configs.files.map((f) => f.client)).toEqual(["cursor"]);
    expect(out.configs.servers).toHaveLength(1);
    expect(out.configs.servers[0]).toMatchObject({ name: "weather", vetted: "package" });
    expectValidReport(out.configs.servers[0]!.report);

    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validIndex = ajv.compile(indexSchema);
    expect(validIndex(out.index), ajv.errorsText(validIndex.errors)).toBe(true);
    expect(out.index.targets.map((t) => `${t.key}:${t.status}`)).toEqual(["npm:weather-mcp:ok"]);
    expect(out.keys).toEqual(["npm:weather-mcp"]);
    expect(JSON.parse(readFileSync(join(outDir, "index.json"), "utf8"))).toEqual(out.index);

    expect(out.missing).toMatchObject({ targetError: true });
  }, 120_000);

  it("types a TypeScript consumer, and README's example, through `types` and `exports`", async () => {
    const root = join(work, "consumer");
    writeFileSync(
      join(root, "consumer.ts"),
      `import { type AuditIndex, auditConfigs, type ConfigRun, type Report, runAudit, vet } from "mcp-vet-cli";
export async function check(): Promise<string> {
  const report: Report = await vet("pkg", { deps: false, policy: { verdict: { passAt: 80 } } });
  const verdict: "pass" | "warn" | "fail" | "incomplete" = report.score.verdict;
  // @ts-expect-error: the report is typed, not any
  report.notAField;
  const { index }: { index: AuditIndex } = await runAudit({ packages: ["pkg"] });
  const configs: ConfigRun = await auditConfigs({ paths: ["mcp.json"] });
  return \`\${verdict} \${index.summary.targets} \${configs.servers.length}\`;
}
`,
    );
    // README's library example, type-checked as written (top-level await: the consumer is ESM).
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const example = /## Use as a library[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toContain('from "mcp-vet-cli"');
    writeFileSync(join(root, "readme-example.ts"), example!);
    writeFileSync(
      join(root, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "NodeNext",
          moduleResolution: "NodeNext",
          target: "ES2023",
          strict: true,
          noEmit: true,
          types: ["node"],
        },
        files: ["consumer.ts", "readme-example.ts"],
      }),
    );
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const res = await run(process.execPath, [tsc, "-p", join(root, "tsconfig.json")]).catch(
      (err: { stdout?: string; stderr?: string }) => ({ stdout: `${err.stdout ?? ""}${err.stderr ?? ""}` }),
    );
    expect(res.stdout).toBe("");
  }, 60_000);
});
