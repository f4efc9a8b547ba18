import {
  EVIDENCE_VERSION,
  type Evidence,
  type NpmFacts,
  type Part,
  type SourceStatus,
} from "./evidence/index.js";
import type { FetchContext } from "./fetchers/context.js";
import { fetchPackument } from "./fetchers/npm.js";
import { type FileContent, fetchTarball } from "./fetchers/tarball.js";
import { TargetError, type TargetSpec } from "./target.js";

/**
 * Collects the evidence for one target: the only stage that does I/O. Each source either
 * answers or is recorded as unavailable; none aborts the run. A target that does not exist
 * is the exception: that is the user's error, thrown as a TargetError (exit 2).
 */
export async function collectEvidence(ctx: FetchContext, target: TargetSpec): Promise<Evidence> {
  const sources: SourceStatus[] = [];
  const notes: string[] = [];
  const stamp = () => new Date().toISOString();

  let npm: Part<NpmFacts> = { status: "skipped", reason: "local target: not looked up in the registry" };
  let tarballSource: { spec: string; integrity?: string; where: string; directory?: boolean } | undefined;
  let name = "";
  let version: string | undefined;
  let requested: string | undefined;

  switch (target.kind) {
    case "registry": {
      requested = target.requested;
      const res = await fetchPackument(ctx, target.name, target.requested);
      if (res.status === "not-found") throw new TargetError(res.message);
      name = target.name;
      if (res.status === "unavailable") {
        npm = { status: "unavailable", error: res.error };
        sources.push({ id: "npm", status: "unavailable", url: res.url, error: res.error });
        break;
      }
      npm = res.part;
      notes.push(...res.notes);
      sources.push({ id: "npm", status: "ok", url: res.url, fetchedAt: stamp(), cached: res.cached });
      const m = res.part.status === "ok" ? res.part.data.manifest : undefined;
      version = m?.version;
      if (m?.dist?.tarball) {
        tarballSource = { spec: m.dist.tarball, integrity: m.dist.integrity, where: m.dist.tarball };
      } else if (m) {
        notes.push(`registry manifest of ${name}@${version} has no tarball url`);
      }
      break;
    }
    case "directory":
    case "tarball":
      sources.push({ id: "npm", status: "skipped", error: "local target" });
      tarballSource = {
        spec: `file:${target.path}`,
        where: target.path,
        directory: target.kind === "directory",
      };
      name = target.path.split(/[\\/]/).filter(Boolean).at(-1) ?? target.spec;
      break;
    case "github":
      throw new TargetError(
        `GitHub targets (${target.spec}) need the GitHub source, which this build cannot reach yet; vet the npm package instead`,
      );
  }

  let pkg: Evidence["package"] = { status: "unavailable", error: "the registry did not answer" };
  let integrity: string | undefined;
  let contents: FileContent[] = [];
  if (tarballSource) {
    const res = await fetchTarball(ctx, tarballSource);
    pkg = res.part;
    integrity = res.integrity;
    contents = res.contents;
    notes.push(...res.notes);
    sources.push(
      res.part.status === "ok"
        ? { id: "tarball", status: "ok", url: res.url, fetchedAt: stamp() }
        : {
            id: "tarball",
            status: "unavailable",
            url: res.url,
            error: res.part.status === "unavailable" ? res.part.error : "",
          },
    );
    if (pkg.status === "ok" && target.kind !== "registry") {
      name = pkg.data.manifest?.name || target.spec;
      version = pkg.data.manifest?.version || undefined;
    }
  } else {
    if (npm.status === "ok")
      pkg = { status: "unavailable", error: "no tarball url in the registry's manifest" };
    sources.push({
      id: "tarball",
      status: "unavailable",
      error: pkg.status === "unavailable" ? pkg.error : "",
    });
  }
  void contents;

  return {
    evidenceVersion: EVIDENCE_VERSION,
    collectedAt: ctx.now,
    target: {
      kind: target.kind,
      spec: target.spec,
      name,
      version,
      ...(requested ? { requested } : {}),
      ...(integrity ? { integrity } : {}),
    },
    npm,
    package: pkg,
    sources,
    notes: notes.slice(0, 200),
  };
}
