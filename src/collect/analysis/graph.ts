import type { Manifest } from "../../evidence/index.js";
import { resolveImport } from "./paths.js";

/** Paths that hold tests, benchmarks, examples and fixtures rather than the program. */
const NOT_RUNTIME =
  /(?:^|\/)(?:__tests__|__mocks__|__fixtures__|tests?|specs?|benchmarks?|bench|examples?|fixtures?|demos?|e2e|test-utils|testing)(?:\/|$)|\.(?:test|spec|bench|e2e)\.[cm]?[jt]sx?$/i;

export function looksLikeTest(path: string): boolean {
  return NOT_RUNTIME.test(path);
}

/**
 * The files a package's entry points name: `bin`, `main`, every string in `exports`, and
 * `index.js` when there is no `main` (Node's default). Read from the tarball's own
 * package.json (hostile: only strings are taken, and only so many).
 */
export function entryPoints(
  manifest: Manifest | undefined,
  packageJson: string | undefined,
  analysed: ReadonlyMap<string, unknown>,
): string[] {
  const specs: string[] = [...Object.values(manifest?.bin ?? {})];
  let main: unknown;
  let exports: unknown;
  if (packageJson !== undefined) {
    try {
      const raw = JSON.parse(packageJson) as unknown;
      if (raw && typeof raw === "object" && !Array.isArray(raw)) {
        main = (raw as Record<string, unknown>).main;
        exports = (raw as Record<string, unknown>).exports;
        const bin = (raw as Record<string, unknown>).bin;
        if (typeof bin === "string") specs.push(bin);
        else if (bin && typeof bin === "object")
          for (const v of Object.values(bin)) if (typeof v === "string") specs.push(v);
      }
    } catch {
      // A package.json that does not parse names no entries; the manifest's bin still counts.
    }
  }
  if (typeof main === "string") specs.push(main);
  else specs.push("index.js");
  strings(exports, specs, 0);
  const out: string[] = [];
  for (const spec of specs.slice(0, 200)) {
    if (spec.includes("*")) continue;
    const rel = spec.startsWith("./") || spec.startsWith("../") ? spec : `./${spec}`;
    const path = resolveImport("package.json", rel, analysed);
    if (path && !out.includes(path)) out.push(path);
  }
  return out;
}

function strings(v: unknown, out: string[], depth: number): void {
  if (depth > 8 || out.length > 200) return;
  if (typeof v === "string") out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out, depth + 1);
  else if (v && typeof v === "object") for (const x of Object.values(v)) strings(x, out, depth + 1);
}

/** Files reachable from the entries through relative imports (require, import, import()). */
export function reachable(
  entries: readonly string[],
  importsOf: (path: string) => readonly string[],
  analysed: ReadonlyMap<string, unknown>,
): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0 && seen.size < 20_000) {
    const path = queue.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    for (const spec of importsOf(path)) {
      const target = resolveImport(path, spec, analysed);
      if (target && !seen.has(target)) queue.push(target);
    }
  }
  return seen;
}
