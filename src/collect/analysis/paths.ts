/** Node's own order first, then the TypeScript source a package may ship beside it. */
const EXTENSIONS = [".js", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts"];

/** The analysed file a relative specifier names, as Node (and TypeScript's `.js` for `.ts`) would find it. */
export function resolveImport(
  fromPath: string,
  spec: string,
  perFile: ReadonlyMap<string, unknown>,
): string | undefined {
  const dir = fromPath.includes("/") ? fromPath.slice(0, fromPath.lastIndexOf("/")) : "";
  const parts: string[] = [];
  for (const part of `${dir}/${spec}`.replace(/\\/g, "/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  const path = parts.join("/");
  // TypeScript sources import `./x.js` meaning `./x.ts` (or .tsx; .mjs -> .mts, .cjs -> .cts).
  const ts = path.replace(/\.(m|c)?js$/, ".$1ts");
  const candidates = [
    path,
    ...EXTENSIONS.map((e) => `${path}${e}`),
    ...EXTENSIONS.map((e) => `${path}/index${e}`),
  ];
  if (ts !== path) candidates.push(ts, `${ts}x`);
  for (const c of candidates) if (perFile.has(c)) return c;
  return undefined;
}
