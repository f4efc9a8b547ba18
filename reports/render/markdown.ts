import type { AuditDiff } from "../index-model.js";
import type { Report } from "../model.js";
import { notChecked, SEVERITIES, worstFinding } from "../model.js";
import { firstPackages } from "./dependency-capabilities.js";
import { markdownCode as code, linkableUrl, escapeMarkdown as md } from "./escape.js";
import {
  coverageCounts,
  coverageSentence,
  diffLists,
  evidenceWhere,
  type Inline,
  probeView,
  rugPullItems,
  toolReach,
} from "./view.js";

export interface MarkdownOptions {
  diff?: AuditDiff;
  /** Targets that could not be audited, with why. */
  failed?: { target: string; error: string }[];
  /** Include info findings (default: yes for one report, no for many). */
  verbose?: boolean;
}

/** Markdown for a PR comment or a procurement file. All package text is escaped. */
export function renderMarkdown(input: Report | readonly Report[], options: MarkdownOptions = {}): string {
  const reports = Array.isArray(input) ? (input as readonly Report[]) : [input as Report];
  const verbose = options.verbose ?? reports.length === 1;
  const out: string[] = [];
  if (reports.length !== 1) {
    out.push(`# mcp-vet audit: ${reports.length} targets`, "");
    out.push(`Coverage: ${md(coverageSentence(coverageCounts(reports)))}.`, "");
    out.push(
      "| Target | Version | Grade | Score | Verdict | Worst finding |",
      "| --- | --- | --- | --- | --- | --- |",
    );
    for (const r of reports) {
      const worst = worstFinding(r);
      out.push(
        `| [${md(r.target.name, 120)}](#${anchor(r)}) | ${md(r.target.version ?? "–")} | ${r.score.grade ?? "–"} | ${
          r.score.value ?? "–"
        } | ${r.score.verdict} | ${worst ? `${worst.severity}: ${md(worst.title, 120)}` : "–"} |`,
      );
    }
    out.push("");
  }
  if (options.failed?.length) {
    out.push(`## Not audited (${options.failed.length})`, "");
    for (const f of options.failed) out.push(`- ${md(f.target, 200)}: ${md(f.error, 300)}`);
    out.push("");
  }
  if (options.diff) for (const l of [...diffSection(options.diff), ""]) out.push(l);
  for (const r of reports)
    for (const l of [...reportSection(r, reports.length === 1 ? "#" : "##", verbose), ""]) out.push(l);
  return `${out.join("\n").trimEnd()}\n`;
}

function reportSection(r: Report, h: string, verbose: boolean): string[] {
  const t = r.target;
  const out = [
    // Anchors for the summary table's links; one report needs none.
    ...(h === "#" ? [] : [`<a id="${anchor(r)}"></a>`, ""]),
    // Name and version in one piece: a scoped name's code span then takes the version too.
    `${h} ${md(t.version ? `${t.name}@${t.version}` : t.name, 260)}: ${r.score.verdict.toUpperCase()}`,
    "",
    // What could not be checked, before the score.
    ...notChecked(r).flatMap((n) => [`> **${md(n.what)} NOT checked:** ${md(n.reason, 300)}`, ""]),
    `Score **${r.score.value ?? "–"}/100**, grade **${r.score.grade ?? "–"}**, policy ${code(r.policy.id)}.`,
  ];
  if (t.description) out.push("", `> ${md(t.description, 300)}`);
  if (r.score.reasons.length) out.push("", ...r.score.reasons.map((x) => `- ${md(x)}`));
  out.push("", "| Category | Score | Weight | Summary |", "| --- | --- | --- | --- |");
  for (const c of r.categories)
    out.push(`| ${c.id} | ${c.score ?? "–"} | ${c.weight} | ${md(c.summary, 160)} |`);

  for (const l of surfaceSection(r, h)) out.push(l);
  for (const l of probeSection(r, h)) out.push(l);
  for (const l of dependencyCapabilitiesSection(r, h)) out.push(l);

  const findings = r.findings
    .filter((f) => verbose || f.severity !== "info")
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  out.push("", `${h}# Findings (${findings.length})`);
  if (!findings.length) out.push("", "None.");
  for (const f of findings) {
    out.push("", `- **${f.severity}** ${f.blocking ? "(blocking) " : ""}\`${f.id}\`: ${md(f.title, 200)}`);
    if (f.detail) out.push(`  ${md(f.detail, 600)}`);
    for (const e of f.evidence.slice(0, 5)) {
      const where = md(evidenceWhere(e), 170);
      const url = e.url ? mdLink(e.url) : "";
      const snippet = e.snippet ? ` ${md(e.snippet, 200)}` : "";
      out.push(`  - ${[where, url].filter(Boolean).join(" ")}${snippet}`);
    }
    out.push(`  - Remediation: ${md(f.remediation, 400)}`);
  }
  if (r.advisories.length) {
    out.push("", `${h}# Advisories (${r.advisories.length})`, "");
    for (const a of r.advisories) {
      out.push(
        `- ${md(a.id)} ${a.severity} in ${md(`${a.package}@${a.version}`)}${a.fixed ? `, fixed in ${md(a.fixed)}` : ""}: ${md(a.summary, 200)}`,
      );
    }
  }
  out.push("", `${h}# Sources`, "", "| Source | Status | Fetched | Note |", "| --- | --- | --- | --- |");
  for (const s of r.sources) {
    out.push(
      `| ${s.id} | ${s.status}${s.cached ? " (cache)" : ""} | ${md(s.fetchedAt ?? "–")} | ${md(s.error ?? "", 200)} |`,
    );
  }
  return out;
}

/** What the code takes and the MCP tools it declares, each with what its handler reaches. */
function surfaceSection(r: Report, h: string): string[] {
  if (!r.capabilities.length && !r.tools.length) return [];
  const out = ["", `${h}# What it can touch`];
  if (r.capabilities.length) out.push("", r.capabilities.map((c) => `\`${c.id}\` (${c.count})`).join(" · "));
  const declared = r.tools.filter((t) => t.source !== "probe");
  if (declared.length) {
    out.push("", "| Tool | Annotations | Its code reaches |", "| --- | --- | --- |");
    for (const t of declared.slice(0, 100)) {
      const hints = Object.entries(t.annotations ?? {})
        .map(([k, v]) => `${md(k, 40)}: ${v}`)
        .join(", ");
      const r = toolReach(t);
      const reach = r ? `${r.text}${r.partial ? " (partial)" : ""}` : "not linked";
      out.push(`| ${md(t.name, 80)} | ${hints || "–"} | ${reach} |`);
    }
    if (declared.length > 100) out.push(`| … ${declared.length - 100} more | | |`);
  }
  return out;
}

/** What the sandboxed probe saw, beside what the code declares. */
function probeSection(r: Report, h: string): string[] {
  const v = probeView(r);
  if (!v) return [];
  const out = ["", `${h}# Seen live (sandboxed probe)`, "", md(v.headline, 400)];
  if (v.tools.length) {
    out.push("", "| Tool | In the code | Listed live | Note |", "| --- | --- | --- | --- |");
    for (const t of v.tools.slice(0, 100))
      out.push(
        `| ${md(t.name, 80)} | ${t.code ? "yes" : "no"} | ${t.live ? "yes" : "no"} | ${md(t.note, 200)} |`,
      );
  }
  for (const l of v.limits) out.push("", `**Limit:** ${md(l, 300)}`);
  if (v.install.length) out.push("", ...v.install.slice(0, 20).map((s) => `- install script: ${md(s, 300)}`));
  if (v.events.length) {
    out.push("", "| When | What | |", "| --- | --- | --- |");
    for (const e of v.events.slice(0, 50))
      out.push(`| ${md(e.when, 80)} | ${md(e.what, 200)} | ${md(e.flag, 60)} |`);
    if (v.events.length > 50) out.push(`| … ${v.events.length - 50} more | | |`);
  }
  return out;
}

/** Which dependencies bring which capability: one table row per capability. */
function dependencyCapabilitiesSection(r: Report, h: string): string[] {
  const caps = r.dependencyCapabilities ?? [];
  if (!caps.length) return [];
  const out = [
    "",
    `${h}# What its dependencies bring`,
    "",
    "| Capability | Dependencies | Which (nearest first) |",
  ];
  out.push("| --- | --- | --- |");
  for (const c of caps) {
    const { packages, more } = firstPackages(c, 5);
    const which = packages.map((p) => `${md(p.name, 100)} (${md(p.reasons[0]?.detail ?? "", 80)})`);
    out.push(`| ${md(c.id)} | ${c.count} | ${which.join(", ")}${more ? `, … ${more} more` : ""} |`);
  }
  return out;
}

const MD_INLINE: Inline = { text: (s) => md(s), code: (s) => code(s), strong: (s) => `**${md(s)}**` };

function diffSection(d: AuditDiff): string[] {
  const out = [`## Changes since ${md(d.baseline.generatedAt)}`, ""];
  const rug = rugPullItems(d, MD_INLINE);
  if (rug.length) {
    out.push("**⚠ RUG PULL: tool definitions changed within the same version**", "");
    for (const i of rug) out.push(`- ${i}`);
    out.push("");
  }
  for (const l of diffLists(d, MD_INLINE)) {
    out.push(`### ${md(l.title)} (${l.items.length})`, "");
    for (const i of l.items) out.push(`- ${i}`);
    out.push("");
  }
  if (out.length === 2) out.push("No changes.");
  return out;
}

function anchor(r: Report): string {
  return `t-${`${r.target.name}-${r.target.version ?? ""}`.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
}

/** http(s) URLs become links (parentheses encoded so the target cannot end early); others stay text. */
function mdLink(url: string): string {
  const href = linkableUrl(url);
  return href ? `[${md(href, 200)}](${href.replace(/\(/g, "%28").replace(/\)/g, "%29")})` : md(url, 200);
}
