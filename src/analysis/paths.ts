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
  const ts = path.replace(/\.(m|c)?js$/, ".$1ts");
  for (const c of [path, `${path}.js`, `${path}.mjs`, `${path}.cjs`, `${path}/index.js`, ts, `${path}.ts`]) {
    if (perFile.has(c)) return c;
  }
  return undefined;
}
