import { analyzePackage, type PackageEntry } from "../../src/collect/analysis/index.js";
import type { CodeAnalysis, Manifest } from "../../src/evidence/index.js";
import { evidence, manifest } from "./evidence.js";

/** A tarball-like file list from a map of path -> text. */
export function files(map: Record<string, string>): PackageEntry[] {
  return Object.entries(map).map(([path, text]) => ({ path, content: Buffer.from(text) }));
}

export function analyze(map: Record<string, string>, m?: Partial<Manifest>): CodeAnalysis {
  return analyzePackage(files(map), m ? manifest(m) : undefined);
}

/** Evidence whose code part is the analysis of these files, for heuristic tests. */
export function evidenceWithCode(map: Record<string, string>, m: Partial<Manifest> = {}, readme?: string) {
  const man = manifest(m);
  const base = evidence();
  return evidence({
    npm: base.npm.status === "ok" ? { status: "ok", data: { ...base.npm.data, manifest: man } } : base.npm,
    package: {
      status: "ok",
      data: { files: [], totalSize: 0, manifest: man, ...(readme ? { readme } : {}) },
    },
    code: { status: "ok", data: analyzePackage(files(map), man) },
  });
}

/** A package declaring one tool, "lookup", with this description (and input shape, and any more code). */
export function toolPackage(description: string, shape = "{ q: z.string() }", extra = "") {
  return evidenceWithCode({
    "index.js": `server.tool("lookup", ${JSON.stringify(description)}, ${shape}, async () => ({})); ${extra}`,
  });
}

/**
 * The analysis's facts beside capabilities, as sorted unique kinds: `flow:<source>-><sink>`,
 * `address:<kind>:sent|unsent`, `decoded:<what>`, `obfuscation:<kind>`, `exec` (and
 * `exec:detached`, `exec:opener`, `exec:shell`), `email`, `read:<via>`.
 */
export function factKinds(a: CodeAnalysis): string[] {
  const out = new Set<string>();
  for (const f of a.flows) out.add(`flow:${f.source.kind}->${f.sink.kind}`);
  for (const x of a.addresses) out.add(`address:${x.kind}:${x.reachesNetwork ? "sent" : "unsent"}`);
  for (const d of a.decoded) out.add(`decoded:${d.decodesTo}`);
  for (const o of a.obfuscation) out.add(`obfuscation:${o.kind}`);
  for (const e of a.execs) {
    out.add("exec");
    if (e.detached && (e.silent || e.unref)) out.add("exec:detached");
    if (e.opener) out.add("exec:opener");
    if (e.shell) out.add("exec:shell");
  }
  if (a.emails.length) out.add("email");
  for (const r of a.credentialReads) out.add(`read:${r.via}`);
  return [...out].sort();
}
