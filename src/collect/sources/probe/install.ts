import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import Arborist from "@npmcli/arborist";
import pacote from "pacote";
import type { ProbeInstallScript } from "../../../evidence/probe.js";
import type { FetchContext } from "../../context.js";
import type { TargetSpec } from "../../target.js";
import { SANDBOX_SERVER_ROOT } from "./sandbox.js";

export interface Installed {
  /** The install folder on the host (mounted at SANDBOX_SERVER_ROOT). */
  dir: string;
  /** The target's own folder inside the sandbox. */
  packageDir: string;
  manifest: Record<string, unknown>;
  packages: number;
  ms: number;
  hooks: InstallHook[];
}

export interface InstallHook extends ProbeInstallScript {
  /** The package's folder inside the sandbox. */
  cwd: string;
  version: string;
}

const HOOKS = ["preinstall", "install", "postinstall"] as const;

/** What the probe reads of an installed node (arborist ships no types; its tree fetcher's slice has no paths). */
interface InstalledNode {
  readonly name: string;
  readonly packageName: string;
  readonly path: string;
  readonly location: string;
  readonly isRoot: boolean;
  readonly isLink: boolean;
  readonly package: Record<string, unknown>;
  readonly inventory: Map<string, InstalledNode>;
}

/**
 * Installs the target as npm would, into `dir`, with scripts off: arborist reify with the same
 * registry, auth and cache the dependency tree was resolved with, so packuments and tarballs
 * come from the cache. A folder is packed first (scripts off), so the install holds a copy
 * and never links back into the user's tree. Install scripts are listed, not run: the probe
 * runs them in the sandbox.
 */
export async function installTarget(
  ctx: FetchContext,
  target: TargetSpec,
  name: string,
  version: string | undefined,
  dir: string,
): Promise<Installed> {
  const started = Date.now();
  const npmOptions = {
    ...ctx.registry.npmOptions,
    registry: ctx.registry.url,
    ...(ctx.offline ? { offline: true } : {}),
    ignoreScripts: true,
  };
  await mkdir(dir, { recursive: true });
  let spec: string;
  if (target.kind === "directory") {
    const tgz = join(dir, ".mcp-vet-target.tgz");
    await pacote.tarball.file(`file:${resolve(target.path)}`, tgz, {
      ...npmOptions,
      Arborist,
    } as pacote.Options);
    spec = `file:${tgz}`;
  } else if (target.kind === "tarball") {
    spec = `file:${resolve(target.path)}`;
  } else {
    if (!version) throw new Error("the version to install is not known");
    spec = version;
  }
  await writeFile(
    join(dir, "package.json"),
    JSON.stringify({
      name: "mcp-vet-probe",
      version: "0.0.0",
      private: true,
      dependencies: { [name]: spec },
    }),
  );
  const arborist = new Arborist({
    ...npmOptions,
    path: dir,
    audit: false,
    fund: false,
    save: false,
    binLinks: true,
  });
  const root = await (arborist as unknown as { reify(o: object): Promise<InstalledNode> }).reify({
    save: false,
  });
  const nodes = [...root.inventory.values()].filter((n) => !n.isRoot && !n.isLink);
  const own = nodes.find((n) => n.location === `node_modules/${name}`);
  if (!own) throw new Error(`${name} is not in the installed tree`);
  return {
    dir,
    packageDir: sandboxPath(dir, own.path),
    manifest: own.package,
    packages: nodes.length,
    ms: Date.now() - started,
    hooks: installHooks(dir, nodes),
  };
}

/** A host path under the install folder, as the sandbox sees it. */
function sandboxPath(dir: string, path: string): string {
  const rel = relative(dir, path);
  if (rel.startsWith("..") || isAbsolute(rel))
    throw new Error("an installed package lies outside the install folder");
  return `${SANDBOX_SERVER_ROOT}/${rel.split("\\").join("/")}`;
}

/**
 * The scripts npm would run at install, deepest packages first (a dependency is built before
 * what needs it), in hook order per package; a binding.gyp without an install script means
 * npm's default `node-gyp rebuild`.
 */
function installHooks(dir: string, nodes: InstalledNode[]): InstallHook[] {
  const depth = (n: InstalledNode) => n.location.split("node_modules/").length;
  const sorted = [...nodes].sort((a, b) => depth(b) - depth(a) || (a.location < b.location ? -1 : 1));
  const out: InstallHook[] = [];
  for (const n of sorted) {
    const scripts = (
      n.package.scripts && typeof n.package.scripts === "object" ? n.package.scripts : {}
    ) as Record<string, unknown>;
    const version = typeof n.package.version === "string" ? n.package.version : "";
    const name = n.packageName || n.name;
    for (const hook of HOOKS) {
      let command = typeof scripts[hook] === "string" ? (scripts[hook] as string) : undefined;
      if (
        hook === "install" &&
        command === undefined &&
        !scripts.preinstall &&
        existsSync(join(n.path, "binding.gyp"))
      )
        command = "node-gyp rebuild";
      if (command === undefined || !command.trim()) continue;
      out.push({
        package: name,
        hook,
        command: command.slice(0, 2000),
        cwd: sandboxPath(dir, n.path),
        version,
      });
      if (out.length >= 100) return out;
    }
  }
  return out;
}

/** Single quotes for sh: everything literal. */
function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The install driver: one sh script that runs each hook as npm would (in its package's folder,
 * with npm's lifecycle variables and the `.bin` folders on PATH), marked with its index in
 * `$0` so the trace can tell which hook a process belongs to.
 */
export function installDriver(hooks: InstallHook[], basePath: string): string {
  const lines = ["set +e"];
  hooks.forEach((h, i) => {
    const bins: string[] = [];
    // Every node_modules/.bin from the package's folder up to the install root, as npm puts on PATH.
    let p = h.cwd;
    while (p.startsWith(SANDBOX_SERVER_ROOT)) {
      bins.push(`${p}/node_modules/.bin`);
      if (p === SANDBOX_SERVER_ROOT) break;
      p = p.slice(0, p.lastIndexOf("/"));
    }
    const env = {
      npm_lifecycle_event: h.hook,
      npm_lifecycle_script: h.command,
      npm_package_name: h.package,
      npm_package_version: h.version,
      npm_package_json: `${h.cwd}/package.json`,
      npm_config_ignore_scripts: "",
      INIT_CWD: SANDBOX_SERVER_ROOT,
      PATH: [...bins, basePath].join(":"),
    };
    const assigns = Object.entries(env)
      .map(([k, v]) => `${k}=${shQuote(v)}`)
      .join(" ");
    lines.push(`(cd ${shQuote(h.cwd)} && env ${assigns} /bin/sh -c ${shQuote(h.command)} mcp-vet-hook-${i})`);
  });
  return lines.join("\n");
}
