import {
  CAPABILITY_IDS,
  type CapabilityId,
  type DependencyCapability,
  type DependencyNode,
  type DependencyReason,
} from "../../../evidence/index.js";
import { LIBRARY_CAPABILITIES, type LibraryCapabilityTable } from "../../analysis/library-capabilities.js";

/** Dependencies listed per capability; the count covers the rest. */
export const DEPENDENCY_CAPABILITY_LISTED = 50;
const DETAIL_MAX_CHARS = 200;

// Install commands that compile or fetch a native addon.
const NATIVE_BUILD = /\b(?:node-gyp|node-pre-gyp|prebuild-install|prebuildify|cmake-js|node-gyp-build)\b/;

/**
 * Which dependencies bring each capability, from the tree's nodes alone (their names and
 * manifest signals) and the table in scoring/knowledge/dependency-capabilities.json. Pure. The target
 * itself (depth 0) is left out: its own code is analysed, not guessed from its manifest.
 */
export function dependencyCapabilities(
  nodes: readonly DependencyNode[],
  table: LibraryCapabilityTable = LIBRARY_CAPABILITIES,
): DependencyCapability[] {
  const libraries = libraryIndex(table);
  const byId = new Map<CapabilityId, DependencyCapability>();
  // Nearest first, so the listed ones carry the shortest paths and a stable order.
  const sorted = [...nodes].sort(
    (a, b) => a.depth - b.depth || a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
  );
  for (const node of sorted) {
    if (node.depth === 0) continue;
    for (const [id, reasons] of reasonsOf(node, libraries)) {
      const entry = byId.get(id) ?? { id, count: 0, packages: [] };
      byId.set(id, entry);
      entry.count++;
      if (entry.packages.length >= DEPENDENCY_CAPABILITY_LISTED) continue;
      entry.packages.push({
        name: node.name,
        version: node.version,
        path: node.path,
        reasons,
        ...(node.dev ? { dev: true as const } : {}),
      });
    }
  }
  return CAPABILITY_IDS.flatMap((id) => byId.get(id) ?? []);
}

interface Library {
  group: string;
  capabilities: readonly CapabilityId[];
}

function libraryIndex(table: LibraryCapabilityTable): Map<string, Library[]> {
  const index = new Map<string, Library[]>();
  for (const lib of table.libraries) {
    for (const name of lib.packages) index.set(name, [...(index.get(name) ?? []), lib]);
  }
  return index;
}

function reasonsOf(
  node: DependencyNode,
  libraries: Map<string, Library[]>,
): Map<CapabilityId, DependencyReason[]> {
  const out = new Map<CapabilityId, DependencyReason[]>();
  const add = (id: CapabilityId, kind: DependencyReason["kind"], detail: string) => {
    const list = out.get(id) ?? [];
    if (!list.some((r) => r.kind === kind && r.detail === detail)) {
      list.push({ kind, detail: cap(detail) });
    }
    out.set(id, list);
  };
  for (const lib of libraries.get(node.name) ?? []) {
    for (const id of lib.capabilities) add(id, "library", `is ${node.name} (${lib.group})`);
  }
  const s = node.signals ?? {};
  // npm runs a lifecycle script as a shell command: shell access at install time.
  for (const { hook, command } of s.installScripts ?? []) {
    add("process.exec", "install-script", `${hook}: ${command}`);
    if (NATIVE_BUILD.test(command)) add("native", "native-build", `${hook}: ${command}`);
  }
  if (node.hasInstallScript === true && !s.installScripts?.length) {
    add("process.exec", "install-script", "runs an install script (its command is not in the manifest)");
  }
  if (s.gypfile && !out.get("native")?.some((r) => r.kind === "native-build")) {
    add("native", "native-build", "gypfile: builds a binding.gyp with node-gyp at install");
  }
  for (const helper of s.nativeHelpers ?? []) add("native", "native-helper", `depends on ${helper}`);
  if (s.binary) add("native", "binary", "has a `binary` field (downloads a prebuilt addon)");
  if (s.platformPackages?.length) {
    add(
      "native",
      "platform-binaries",
      `ships platform binaries as optional dependencies (${few(s.platformPackages)})`,
    );
  }
  // A platform package reached only as an optional dependency is counted once, on the package
  // that lists it (esbuild, not each of its two dozen @esbuild/* builds).
  if ((s.os || s.cpu) && !node.optional) {
    const where = [s.os ? `os ${s.os.join(", ")}` : "", s.cpu ? `cpu ${s.cpu.join(", ")}` : ""];
    add("native", "platform-package", `platform-specific package (${where.filter(Boolean).join("; ")})`);
  }
  return out;
}

function few(names: readonly string[]): string {
  return names.length > 2 ? `${names.slice(0, 2).join(", ")}, … ${names.length - 2} more` : names.join(", ");
}

function cap(text: string): string {
  return text.length > DETAIL_MAX_CHARS ? `${text.slice(0, DETAIL_MAX_CHARS)}…` : text;
}
