import { redactUrl } from "../../../cache/http.js";
import { errorLine } from "../../errors.js";
import { EVIDENCE_VERSION, type Evidence, type PackageFiles } from "../../evidence/index.js";
import { TOOL } from "../../version.js";
import { analyzePackage } from "../analysis/index.js";
import type { FetchContext } from "../context.js";
import type { Collected, ProgressEvent } from "../source.js";
import { fetchTarball } from "./tarball.js";

/** A tarball to read: a registry url with its integrity, a local .tgz, or a folder to pack. */
export interface TarballLocation {
  spec: string;
  integrity?: string;
  /** Shown in the report: the url or the path as given. */
  where: string;
  directory?: boolean;
}

export interface PackageCode {
  files: Collected<PackageFiles>;
  code: Evidence["code"];
  /** sha512 of the bytes analysed. */
  integrity?: string;
}

/**
 * The tarball source: fetches a package's files and analyses its code. Registry tarballs are
 * named by their integrity, so their analysis is stored by it and reused as is; the files'
 * contents live only for this call and never enter the evidence.
 */
export async function readPackageCode(
  ctx: FetchContext,
  location: TarballLocation,
  progress?: (event: ProgressEvent) => void,
): Promise<PackageCode> {
  const url = displayLocation(location.where);
  const key = location.integrity ? `${TOOL.version}:${EVIDENCE_VERSION}:${location.integrity}` : undefined;
  if (key && !ctx.refresh) {
    const hit = await ctx.store.get<Stored>("evidence", key);
    if (hit) {
      const files = { part: hit.pkg, url, cached: true, notes: hit.notes };
      return { files, code: hit.code, integrity: location.integrity };
    }
  }
  const res = await fetchTarball(ctx, location);
  if (res.part.status !== "ok") {
    const code = { status: "unavailable" as const, error: "the tarball could not be read" };
    return { files: { part: res.part, url, notes: res.notes }, code };
  }
  let code: Evidence["code"];
  const notes = [...res.notes];
  progress?.({ phase: "analysing", files: res.contents.length });
  try {
    const analysis = analyzePackage(res.contents, res.part.data.manifest);
    notes.push(...analysis.notes.slice(0, 50));
    code = { status: "ok", data: analysis };
  } catch (err) {
    code = { status: "unavailable", error: `code analysis failed: ${errorLine(err)}` };
  }
  if (key && code.status === "ok") await ctx.store.put("evidence", key, { pkg: res.part, code, notes });
  return { files: { part: res.part, url, notes }, code, integrity: res.integrity };
}

/** The analysis as stored by tarball integrity. */
interface Stored {
  pkg: Collected<PackageFiles>["part"];
  code: Evidence["code"];
  notes: string[];
}

/** A tarball URL without credentials or query (npmrc registries may carry them); a local path as is. */
function displayLocation(where: string): string {
  return /^https?:\/\//i.test(where) ? redactUrl(where) : where;
}
