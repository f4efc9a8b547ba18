import { existsSync, statSync } from "node:fs";
import npa from "npm-package-arg";
import { errorLine } from "./util.js";

/** A target spec, parsed the way `npm install` parses it. */
export type TargetSpec =
  | {
      kind: "registry";
      spec: string;
      name: string /** version, range or tag */;
      requested: string;
    }
  | {
      kind: "directory";
      spec: string;
      path: string;
      /** The folder only holds a tarball's package.json: a relative `file:` path in it leads nowhere real. */
      standsForTarball?: boolean;
    }
  | { kind: "tarball"; spec: string; path: string }
  | { kind: "github"; spec: string; owner: string; repo: string };

/** A target the user gave that cannot be vetted: a usage error (exit 2). */
export class TargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TargetError";
  }
}

/**
 * Parses a target with npm-package-arg, so mcp-vet accepts exactly what `npm install` accepts:
 * `name`, `name@1.2.3`, `name@^1`, `name@next`, `@scope/name`, aliases (`x@npm:y@1`), a folder,
 * a `.tgz` file, or a GitHub repository.
 */
export function parseTarget(spec: string, cwd = process.cwd()): TargetSpec {
  const trimmed = spec.trim();
  if (!trimmed) throw new TargetError("no target given");
  const github = /^https?:\/\/github\.com\/([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/i.exec(trimmed);
  if (github) return { kind: "github", spec: trimmed, owner: github[1]!, repo: github[2]! };

  let parsed: npa.Result;
  try {
    parsed = npa(trimmed, cwd);
  } catch (err) {
    throw new TargetError(`invalid target "${trimmed}": ${errorLine(err)}`);
  }
  switch (parsed.type) {
    case "version":
    case "range":
    case "tag":
      return {
        kind: "registry",
        spec: trimmed,
        name: parsed.name!,
        requested: parsed.fetchSpec ?? "latest",
      };
    case "alias": {
      const sub = (parsed as npa.Result & { subSpec: npa.Result }).subSpec;
      return {
        kind: "registry",
        spec: trimmed,
        name: sub.name!,
        requested: sub.fetchSpec ?? "latest",
      };
    }
    case "directory":
    case "file": {
      const path = parsed.fetchSpec!;
      if (!existsSync(path)) throw new TargetError(`no such file or folder: ${trimmed}`);
      const kind = statSync(path).isDirectory() ? "directory" : "tarball";
      return { kind, spec: trimmed, path };
    }
    case "git": {
      const hosted = parsed.hosted;
      if (hosted?.type === "github" && hosted.user && hosted.project) {
        return { kind: "github", spec: trimmed, owner: hosted.user, repo: hosted.project };
      }
      throw new TargetError(
        `unsupported target "${trimmed}": only GitHub repositories are supported among git specs`,
      );
    }
    default:
      throw new TargetError(`unsupported target "${trimmed}": ${parsed.type} specs cannot be vetted`);
  }
}
