/**
 * `npm run build` and prepack (after tsc; plain JavaScript so it runs without a build): bundles the CLI into one file, dist/mcp-vet.mjs, the `bin` of the
 * published package. Loading one file is much cheaper than resolving and reading some 1,500
 * modules: `mcp-vet --version` took 1.3 s unbundled. The library (dist/src) stays as tsc built it.
 *
 * Bundled from tsc's output (tsc is the compiler of record; esbuild only joins files):
 * - ESM, with `require`, `__filename` and `__dirname` defined for the CommonJS dependencies that
 *   read them (@npmcli/run-script names node-gyp-bin by __dirname; never used: scripts never run);
 * - `module` before `main`, so packages that ship both (jsonc-parser) give their ESM build,
 *   whose relative imports esbuild can follow (its UMD build requires by computed paths);
 * - JSON imports inlined; dynamic imports (Octokit, sigstore, arborist, the analysers) stay
 *   lazy: esbuild evaluates a module reached only by import() when it is imported.
 * Files read by path at run time resolve from the installed package's dependencies as before
 * (@sigstore/tuf's seeds.json); the dependencies stay declared for the library.
 */
import { chmodSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const ROOT = join(import.meta.dirname, "..");
const OUT = join(ROOT, "dist", "mcp-vet.mjs");

const banner = [
  'import { createRequire as __mcpVetCreateRequire } from "node:module";',
  'import { fileURLToPath as __mcpVetFileURLToPath } from "node:url";',
  'import { dirname as __mcpVetDirname } from "node:path";',
  "const require = __mcpVetCreateRequire(import.meta.url);",
  "const __filename = __mcpVetFileURLToPath(import.meta.url);",
  "const __dirname = __mcpVetDirname(__filename);",
].join("\n");

const result = await build({
  entryPoints: [join(ROOT, "dist", "src", "cli", "bin.js")],
  outfile: OUT,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  mainFields: ["module", "main"],
  banner: { js: banner },
  // Keeps names for stack traces (--verbose) and drops comments and whitespace to parse less.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "none",
  logLevel: "warning",
  metafile: process.argv.includes("--meta"),
});
chmodSync(OUT, 0o755);
if (result.metafile) {
  const inputs = Object.entries(result.metafile.inputs)
    .map(([path, { bytes }]) => ({
      pkg: /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? "(mcp-vet)",
      bytes,
    }))
    .reduce((m, { pkg, bytes }) => m.set(pkg, (m.get(pkg) ?? 0) + bytes), new Map());
  for (const [pkg, bytes] of [...inputs].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`${(bytes / 1024).toFixed(0).padStart(7)} KB  ${pkg}`);
}
