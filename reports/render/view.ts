import type { AuditDiff } from "../index-model.js";
import type { Report } from "../model.js";
import { type NotChecked, notChecked } from "../model.js";

/**
 * What every view derives from a report the same way. Package text stays raw here: each
 * renderer escapes it for its own format.
 */

/** "gained process.exec, net.outbound; lost fs.write", each id escaped for the format. */
export function capabilityChange(
  c: AuditDiff["capabilityChanges"][number],
  esc: (text: string) => string,
): string {
  const parts = [];
  if (c.gained.length) parts.push(`gained ${c.gained.map((x) => esc(x)).join(", ")}`);
  if (c.lost.length) parts.push(`lost ${c.lost.map((x) => esc(x)).join(", ")}`);
  return parts.join("; ");
}

/** What a tool's linked handler reaches ("nothing" when linked and empty); undefined when not linked. */
export function toolReach(t: Report["tools"][number]): { text: string; partial: boolean } | undefined {
  if (t.capabilities === undefined) return undefined;
  return { text: t.capabilities.join(", ") || "nothing", partial: t.handler?.complete === false };
}

/** `file:line` of a piece of evidence (raw: a package's file name is hostile text). */
export function evidenceWhere(e: { file?: string; line?: number }): string {
  return e.file ? `${e.file}${e.line !== undefined ? `:${e.line}` : ""}` : "";
}

/** How a format writes package text, identifiers and emphasis. */
export interface Inline {
  text: (s: string) => string;
  code: (s: string) => string;
  strong: (s: string) => string;
}

/** The tool changes within one version: the rug pulls every view shows first and loudest. */
export function rugPullItems(d: AuditDiff, f: Inline): string[] {
  return d.toolChanges
    .filter((c) => c.rugPull)
    .map(
      (c) =>
        `${f.text(`${c.key}@${c.version ?? "?"}`)}: tool ${f.code(c.tool)} ${c.change}${toolChangeFields(c, f)}`,
    );
}

/** What changed in a tool, field by field: `; description: "old" → "new"` (at most three). */
function toolChangeFields(c: AuditDiff["toolChanges"][number], f: Inline): string {
  const from = c.source === "probe" ? " (live)" : "";
  if (!c.fields?.length) return from;
  const shown = c.fields
    .slice(0, 3)
    .map(
      (x) =>
        `${f.code(x.path)}: ${f.text(JSON.stringify(x.old ?? "(none)").slice(0, 160))} → ${f.text(JSON.stringify(x.new ?? "(none)").slice(0, 160))}`,
    );
  return `${from}; ${shown.join("; ")}${c.fields.length > 3 ? `; ${c.fields.length - 3} more` : ""}`;
}

/** The rest of a baseline diff as titled lists, the same in every view; empty lists left out. */
export function diffLists(d: AuditDiff, f: Inline): { title: string; items: string[] }[] {
  const lists = [
    {
      title: "New findings",
      items: d.newFindings.map(
        (x) => `${f.text(x.key)}: ${f.strong(x.severity)} ${f.code(x.id)} ${f.text(x.title)}`,
      ),
    },
    {
      title: "Resolved findings",
      items: d.resolvedFindings.map((x) => `${f.text(x.key)}: ${f.code(x.id)} ${f.text(x.title)}`),
    },
    {
      title: `Score changes beyond ${d.scoreThreshold}`,
      items: d.scoreChanges.map((c) => `${f.text(c.key)}: ${c.from ?? "–"} → ${c.to ?? "–"}`),
    },
    {
      title: "New versions",
      items: d.newVersions.map((v) => `${f.text(v.key)}: ${f.text(v.from ?? "–")} → ${f.text(v.to ?? "–")}`),
    },
    {
      title: "New publishers or maintainers",
      items: d.newPublishers.map((p) => `${f.text(p.key)}: ${p.added.map((a) => f.text(a)).join(", ")}`),
    },
    {
      title: "Tool definition changes",
      items: d.toolChanges
        .filter((c) => !c.rugPull)
        .map((c) => `${f.text(c.key)}: ${f.code(c.tool)} ${c.change}${toolChangeFields(c, f)}`),
    },
    {
      title: "Capability changes",
      items: d.capabilityChanges.map(
        (c) => `${f.text(`${c.key}@${c.version ?? "?"}`)}: ${capabilityChange(c, f.text)}`,
      ),
    },
    { title: "New targets", items: d.newTargets.map((k) => f.text(k)) },
    { title: "Removed targets", items: d.removedTargets.map((k) => f.text(k)) },
  ];
  return lists.filter((l) => l.items.length > 0);
}

/** "advisories NOT checked: OSV unreachable: connection refused" (raw: escape per format). */
export function notCheckedLine(n: NotChecked): string {
  return `${n.what} NOT checked: ${n.reason}`;
}

export interface CoverageCounts {
  targets: number;
  /** Targets every applicable source answered for. */
  complete: number;
  /** Per source that did not answer somewhere: for how many targets, most first. */
  missing: { source: string; what: string; targets: number }[];
}

/** Coverage over a report set: how many targets had every source, and which sources were missing how often. */
export function coverageCounts(reports: readonly Report[]): CoverageCounts {
  const missing = new Map<string, { source: string; what: string; targets: number }>();
  let complete = 0;
  for (const r of reports) {
    const list = notChecked(r);
    if (list.length === 0) complete++;
    for (const n of list) {
      const m = missing.get(n.source) ?? { source: n.source, what: n.what, targets: 0 };
      m.targets++;
      missing.set(n.source, m);
    }
  }
  return {
    targets: reports.length,
    complete,
    missing: [...missing.values()].sort((a, b) => b.targets - a.targets || a.source.localeCompare(b.source)),
  };
}

/** "5 of 7 targets checked against every source; not checked: advisories for 2, repository history for 1". */
export function coverageSentence(c: CoverageCounts): string {
  const head = `${c.complete} of ${c.targets} target${c.targets === 1 ? "" : "s"} checked against every source`;
  if (!c.missing.length) return head;
  return `${head}; not checked: ${c.missing.map((m) => `${m.what} for ${m.targets}`).join(", ")}`;
}

/** The probe's section as every view shows it: a headline, the tools side by side, the events. Raw text. */
export interface ProbeView {
  headline: string;
  tools: { name: string; code: boolean; live: boolean; note: string }[];
  events: { when: string; what: string; flag: string }[];
  limits: string[];
  install: string[];
}

export function probeView(r: Report): ProbeView | undefined {
  const p = r.probe;
  if (!p) return undefined;
  if (p.status === "unavailable")
    return {
      headline: `not run: ${p.reason ?? "unavailable"}`,
      tools: [],
      events: [],
      limits: [],
      install: [],
    };
  const tools = (p.tools ?? []).map((t) => {
    const notes: string[] = [];
    if (t.differs?.length) notes.push(`live differs from the code: ${t.differs.join(", ")}`);
    if (t.changedLater?.length) notes.push(`changed after the first listing: ${t.changedLater.join(", ")}`);
    return {
      name: t.name,
      code: t.seen !== "live-only",
      live: t.seen !== "static-only",
      note: notes.join("; "),
    };
  });
  const live = tools.filter((t) => t.live).length;
  const c = p.counts;
  const parts = [
    p.started
      ? `started in ${p.sandbox?.tool ?? "a sandbox"} with no network; ${live} tool${live === 1 ? "" : "s"} listed live${p.timings?.listMs !== undefined ? ` in ${(p.timings.listMs / 1000).toFixed(2)} s` : ""}`
      : `did not start: ${p.failure ?? "no answer"}`,
  ];
  if (c)
    parts.push(
      `${c.opens} files opened, ${c.connects} connection${c.connects === 1 ? "" : "s"} and ${c.dns} name lookup${c.dns === 1 ? "" : "s"} attempted, ${c.execs} program${c.execs === 1 ? "" : "s"} run, ${c.writes} write${c.writes === 1 ? "" : "s"} outside /tmp`,
    );
  const events = (p.events ?? []).map((e) => {
    const when = `${e.phase === "install" ? `install${e.script ? ` (${e.script})` : ""}` : e.phase === "call" ? "tool call" : "start-up"} +${(e.t / 1000).toFixed(2)} s`;
    const target = e.kind === "exec" ? (e.argv ?? [e.path ?? ""]).join(" ") : (e.path ?? e.address ?? "");
    const what = `${e.kind}${e.op ? ` (${e.op})` : ""} ${target} → ${e.result}`;
    return { when, what, flag: e.canary ? `canary ${e.canary}` : "" };
  });
  return {
    headline: parts.join("; "),
    tools,
    events,
    limits: (p.limitsHit ?? []).map((l) => `${l.limit} (${l.phase}): ${l.detail}`),
    install: (p.install?.scripts ?? []).map(
      (s) =>
        `${s.package} ${s.hook}: ${s.command} → ${s.exitCode !== undefined ? `exit ${s.exitCode}` : (s.signal ?? "stopped")}`,
    ),
  };
}
