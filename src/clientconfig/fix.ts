import {
  applyEdits,
  findNodeAtLocation,
  findNodeAtOffset,
  type JSONPath,
  modify,
  parseTree,
} from "jsonc-parser";
import type { ConfigEntryEvidence, ConfigValueFact } from "../evidence/config.js";

/**
 * `--fix`: the same config with secrets replaced by environment references and npm packages
 * pinned, edited in place through jsonc-parser so comments and layout survive. Pure: the
 * caller reads the file, and writes the result only when asked (`--write`, with a backup).
 */

export interface FixResult {
  text: string;
  /** One line per edit, safe to print (no secret values). */
  changes: string[];
  /** What the user must still do, or what could not be fixed. */
  warnings: string[];
}

function valueFacts(e: ConfigEntryEvidence): ConfigValueFact[] {
  return [
    ...(e.url ? [e.url] : []),
    ...e.headers,
    ...e.env,
    ...e.args,
    ...(e.cwd ? [e.cwd] : []),
    ...e.settings,
    ...(e.extra ?? []).filter((f) => f.where !== "key"),
  ];
}

function where(f: ConfigValueFact): string {
  if (f.where === "env" || f.where === "headers" || f.where === "settings") return `${f.where}.${f.key}`;
  if (f.where === "args") return `args[${f.index}]`;
  if (f.where === "other") return f.key ?? "a field";
  return f.where;
}

/**
 * Names that were credentials, renamed to the mask they were read under, last in the file
 * first so earlier offsets hold. Done before any other edit: the other facts' paths use the
 * new names.
 */
function renameKeys(text: string, entries: readonly ConfigEntryEvidence[], result: FixResult): string {
  const keys = entries
    .flatMap((e) =>
      (e.extra ?? []).filter((f) => f.where === "key" && f.keyOffset !== undefined).map((f) => ({ e, f })),
    )
    .sort((a, b) => b.f.keyOffset! - a.f.keyOffset!);
  let out = text;
  const done = new Set<number>();
  for (const { e, f } of keys) {
    if (done.has(f.keyOffset!)) continue;
    done.add(f.keyOffset!);
    const node = findNodeAtOffset(parseTree(out)!, f.keyOffset!);
    if (node?.type !== "string" || node.parent?.type !== "property" || node.parent.children?.[0] !== node) {
      result.warnings.push(
        `${e.name}: could not rename ${f.key ?? "a name"} that holds a credential; do it by hand`,
      );
      continue;
    }
    out = out.slice(0, node.offset) + JSON.stringify(f.masked) + out.slice(node.offset + node.length);
    result.changes.push(`${e.name}: ${f.key ?? "a name"} held a credential; renamed to ${f.masked}`);
  }
  if (done.size > 0)
    result.warnings.push(
      "names that held credentials were renamed: check each server still gets what it needs, and rotate those credentials",
    );
  return out;
}

/**
 * Rewrite `text` (the decoded file the `entries` were parsed from). `pins` maps a server's
 * name to the version to pin its npm package to (the version mcp-vet vetted).
 */
export function fixConfig(
  text: string,
  entries: readonly ConfigEntryEvidence[],
  pins: Readonly<Record<string, string>> = {},
): FixResult {
  const result: FixResult = { text, changes: [], warnings: [] };
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const indent = text.match(/\n([ \t]+)"/)?.[1] ?? "  ";
  const formattingOptions = {
    insertSpaces: !indent.startsWith("\t"),
    tabSize: indent.startsWith("\t") ? 1 : indent.length,
    eol,
  };
  const edit = (path: JSONPath, value: string) => {
    result.text = applyEdits(result.text, modify(result.text, path, value, { formattingOptions }));
  };
  result.text = renameKeys(result.text, entries, result);
  const needEnv = new Set<string>();

  for (const entry of entries) {
    for (const f of valueFacts(entry)) {
      if (!f.secret) continue;
      edit(f.path, f.secret.replacement);
      needEnv.add(f.secret.envName);
      result.changes.push(`${entry.name}: ${where(f)} now reads ${f.secret.envName} from the environment`);
      if (!entry.expandsReferences) {
        result.warnings.push(
          `${entry.name}: ${entry.client} does not expand \${…} references; ${where(f)} will be passed literally until the server gets ${f.secret.envName} another way (a launcher that sets it, or the client's environment)`,
        );
      }
    }

    const version = pins[entry.name];
    const launch = entry.launch;
    if (version === undefined || launch.kind !== "npm") continue;
    if (launch.specIndex < 0) {
      result.warnings.push(
        `${entry.name}: the package is inside a shell string; pin it by hand to ${launch.name}@${version}`,
      );
      continue;
    }
    const arg = entry.args.find((a) => a.index === launch.specIndex);
    const node = arg ? findNodeAtLocation(parseTree(result.text)!, arg.path) : undefined;
    const raw = typeof node?.value === "string" ? node.value : undefined;
    if (!arg || raw === undefined || raw.startsWith("npm:") || raw.includes("npm:")) {
      result.warnings.push(
        `${entry.name}: could not find the package argument to pin; pin it by hand to ${launch.name}@${version}`,
      );
      continue;
    }
    const prefix = raw.match(/^--package=/)?.[0] ?? "";
    const pinned = `${prefix}${launch.name}@${version}`;
    if (raw === pinned) continue;
    edit(arg.path, pinned);
    result.changes.push(`${entry.name}: ${launch.spec} pinned to ${launch.name}@${version}`);
  }
  if (needEnv.size > 0) {
    result.warnings.push(
      `set ${[...needEnv].join(", ")} in your environment (and rotate the credentials that were in the file)`,
    );
  }
  return result;
}
