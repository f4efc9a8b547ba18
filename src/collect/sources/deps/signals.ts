import { z } from "zod";
import type { DependencySignals } from "../../../evidence/index.js";
import { INSTALL_HOOKS } from "../../../evidence/index.js";

const COMMAND_MAX_CHARS = 300;
const LIST_MAX = 50;

// A packument is written by whoever published it: each field is checked on its own, and one
// that does not parse is left out (unknown) rather than failing the tree.
const scripts = z.record(z.string(), z.unknown());
const platformList = z.array(z.string().max(40)).max(LIST_MAX);
// node-pre-gyp's `binary` block says where the prebuilt addon goes and comes from; an empty or
// unrelated object is not one.
const binary = z
  .record(z.string(), z.unknown())
  .refine((b) => ["module_name", "module_path", "host", "remote_path", "napi_versions"].some((k) => k in b));

/** One out-edge of a tree node, as the signals need it. */
export interface SignalEdge {
  name: string;
  /** An optionalDependencies edge. */
  optional: boolean;
  /** Its target is restricted to an os or cpu (see platformRestricted). */
  platform: boolean;
}

/**
 * The capability signals of one manifest (arborist's `node.package`, from the full packument)
 * and its dependency edges. Pure; never throws on malformed input.
 */
export function dependencySignals(
  pkg: Record<string, unknown>,
  edges: readonly SignalEdge[],
  nativeHelpers: ReadonlySet<string>,
): DependencySignals {
  const out: DependencySignals = {};
  const s = scripts.safeParse(pkg.scripts);
  if (s.success) {
    const hooks = INSTALL_HOOKS.flatMap((hook) => {
      const command = s.data[hook];
      return typeof command === "string" && command.trim()
        ? [{ hook, command: command.slice(0, COMMAND_MAX_CHARS) }]
        : [];
    });
    if (hooks.length) out.installScripts = hooks;
  }
  if (pkg.gypfile === true) out.gypfile = true;
  if (binary.safeParse(pkg.binary).success) out.binary = true;
  const os = platform(pkg.os);
  const cpu = platform(pkg.cpu);
  if (os) out.os = os;
  if (cpu) out.cpu = cpu;
  const helpers = unique(edges.filter((e) => nativeHelpers.has(e.name)).map((e) => e.name));
  if (helpers.length) out.nativeHelpers = helpers.slice(0, LIST_MAX);
  const binaries = unique(edges.filter((e) => e.optional && e.platform).map((e) => e.name));
  if (binaries.length) out.platformPackages = binaries.slice(0, LIST_MAX);
  return out;
}

/** `os` or `cpu` names a platform: the mark of a prebuilt binary package. */
export function platformRestricted(pkg: Record<string, unknown>): boolean {
  return platform(pkg.os) !== undefined || platform(pkg.cpu) !== undefined;
}

/** Only a list that names platforms: `["!win32"]` excludes one and fits any other, so it is no binary's mark. */
function platform(value: unknown): string[] | undefined {
  const r = platformList.safeParse(value);
  return r.success && r.data.some((p) => !p.startsWith("!")) ? r.data : undefined;
}

function unique(names: string[]): string[] {
  return [...new Set(names)].sort();
}
