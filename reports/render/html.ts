import { createHash } from "node:crypto";
import type { AuditDiff } from "../index-model.js";
import type { Report } from "../model.js";
import { notChecked, SEVERITIES, worstFinding } from "../model.js";
import { firstPackages } from "./dependency-capabilities.js";
import { escapeHtml as h, htmlLink } from "./escape.js";
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

export interface HtmlOptions {
  diff?: AuditDiff;
  title?: string;
  /** Targets that could not be audited, with why. */
  failed?: { target: string; error: string }[];
}

const GRADE_RANK: Record<string, number> = { A: 1, B: 2, C: 3, D: 4, F: 5 };

const CSS = `
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--pass:#1a7f37;--warn:#9a6700;--fail:#cf222e;--inc:#8250df}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1100px;padding:24px;overflow-wrap:break-word}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:0}h3{font-size:15px;margin:16px 0 6px}
.muted{color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}
th button::after{content:" \\2195";color:var(--muted)}
th[aria-sort=ascending] button::after{content:" \\2191"}th[aria-sort=descending] button::after{content:" \\2193"}
.verdict{font-weight:700;text-transform:uppercase}
.v-pass{color:var(--pass)}.v-warn{color:var(--warn)}.v-fail{color:var(--fail)}.v-incomplete{color:var(--inc)}
.grade{display:inline-block;min-width:1.6em;text-align:center;font-weight:700;border:1px solid var(--line);border-radius:4px}
.wide{overflow-x:auto;max-width:100%}
td{overflow-wrap:anywhere}td:first-child{overflow-wrap:normal}
section.target{border-top:2px solid var(--line);margin-top:28px;padding-top:16px;break-before:auto}
.finding{border-left:4px solid var(--line);padding:4px 10px;margin:8px 0;break-inside:avoid}
.finding.s-critical,.finding.s-high{border-left-width:6px;background:#fff8f7;padding:8px 12px}
.finding.s-critical .title,.finding.s-high .title{font-size:15px}
.s-critical{border-color:#82071e}.s-high{border-color:var(--fail)}.s-medium{border-color:var(--warn)}.s-low{border-color:#0969da}.s-info{border-color:var(--line)}
.sev{font-weight:700;text-transform:uppercase;font-size:12px}
ul.minor{list-style:none;padding:0;margin:4px 0}
ul.minor>li{border-left:3px solid var(--line);padding:1px 8px;margin:2px 0;font-size:13px;break-inside:avoid}
ul.minor summary{cursor:pointer}
ul.minor p{margin:4px 0}
table.cats{width:auto;max-width:100%;margin:4px 0}
table.cats th,table.cats td{border:0;padding:1px 10px 1px 0;vertical-align:middle;font-weight:400}
table.cats th{white-space:nowrap}
table.cats td.bar{width:300px;min-width:60px}
table.cats svg{display:block;width:100%;height:12px;border:1px solid var(--line)}
table.cats td.num span{white-space:nowrap}
pre.config{user-select:all;white-space:pre;overflow-x:auto;padding:8px}
ul.checks{margin:4px 0;padding-left:18px}
details.skipped>summary{cursor:pointer;color:var(--muted)}
code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace;background:#f6f8fa;border-radius:4px}
code{padding:1px 4px}pre{padding:6px;white-space:pre-wrap;word-break:break-word;margin:4px 0}
ul.evidence{margin:4px 0;padding-left:18px}
.rugpull{border:3px solid var(--fail);background:#ffebe9;padding:8px 12px;margin:12px 0}
.rugpull strong{color:var(--fail);font-size:16px}
.error{color:var(--fail)}
@media print{
  body{max-width:none;padding:0;font-size:11px}
  th button::after{content:""}
  a{color:inherit;text-decoration:none}
  a[href]::after{content:" (" attr(href) ")";font-size:9px;color:var(--muted)}
  a[href^="#"]::after{content:""}
  section.target{break-before:page}
  .wide{overflow:visible}
  details>*{display:block}
  .noprint{display:none}
}
`;

// Sorts the summary table by a column's data-sort values, and opens the collapsed findings
// before printing; the only script in the page.
const JS = `
document.querySelectorAll("table.sortable th[data-key] button").forEach(function(b){
  b.addEventListener("click",function(){
    var th=b.parentNode,table=th.closest("table"),key=th.getAttribute("data-key");
    var asc=th.getAttribute("aria-sort")!=="ascending";
    table.querySelectorAll("th[data-key]").forEach(function(o){o.removeAttribute("aria-sort")});
    th.setAttribute("aria-sort",asc?"ascending":"descending");
    var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
    rows.sort(function(x,y){
      var a=Number(x.getAttribute("data-"+key)),c=Number(y.getAttribute("data-"+key));
      return (asc?a-c:c-a)||(Number(x.getAttribute("data-i"))-Number(y.getAttribute("data-i")));
    });
    rows.forEach(function(r){body.appendChild(r)});
  });
});
window.addEventListener("beforeprint",function(){
  document.querySelectorAll("details").forEach(function(d){d.open=true});
});
`;

const sha256 = (s: string) => `'sha256-${createHash("sha256").update(s).digest("base64")}'`;

/**
 * One self-contained HTML file over one or more reports: no external requests (the page's
 * Content-Security-Policy allows only its own inline style and script, by hash), readable
 * printed, every piece of package text escaped, links only for http(s) URLs.
 */
export function renderHtml(input: Report | readonly Report[], options: HtmlOptions = {}): string {
  const reports = Array.isArray(input) ? (input as readonly Report[]) : [input as Report];
  const title =
    options.title ??
    (reports.length === 1
      ? `mcp-vet: ${reports[0]!.target.name}${reports[0]!.target.version ? `@${reports[0]!.target.version}` : ""}`
      : `mcp-vet audit: ${reports.length} targets`);
  const csp = `default-src 'none'; style-src ${sha256(CSS)}; script-src ${sha256(JS)}; img-src data:; base-uri 'none'; form-action 'none'`;
  const generated =
    reports
      .map((r) => r.generatedAt)
      .sort()
      .at(-1) ?? "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${h(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${h(title, 300)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${h(title, 300)}</h1>
<p class="muted">Generated ${h(generated)} by mcp-vet ${h(reports[0]?.tool.version ?? "")}. Package text below is quoted as found and may be hostile.</p>
</header>
${reports.length === 1 ? "" : `<p id="coverage">Coverage: ${h(coverageSentence(coverageCounts(reports)))}.</p>`}
${summaryTable(reports)}
${failedHtml(options.failed ?? [])}
${options.diff ? diffSection(options.diff) : ""}
${reports.map((r, i) => targetSection(r, i)).join("\n")}
<script>${JS}</script>
</body>
</html>
`;
}

function summaryTable(reports: readonly Report[]): string {
  const rows = reports.map((r, i) => {
    const worst = worstFinding(r);
    const counts = SEVERITIES.map((s) => r.findings.filter((f) => f.severity === s && !f.credit).length);
    return `<tr data-i="${i}" data-grade="${GRADE_RANK[r.score.grade ?? ""] ?? 9}" data-score="${r.score.value ?? -1}">
<td><a href="#t${i}">${h(r.target.name, 200)}</a></td><td>${h(r.target.version ?? "–")}</td>
<td><span class="grade">${r.score.grade ?? "–"}</span></td><td>${r.score.value ?? "–"}</td>
<td class="verdict v-${r.score.verdict}">${r.score.verdict}</td>
<td>${
      counts
        .map((n, k) => (n ? `${n} ${SEVERITIES[k]}` : ""))
        .filter(Boolean)
        .join(", ") || "none"
    }</td>
<td>${worst ? `<span class="sev">${worst.severity}</span> ${h(worst.title, 160)}` : "–"}</td></tr>`;
  });
  return `<div class="wide"><table class="sortable" id="summary">
<thead><tr><th>Target</th><th>Version</th><th data-key="grade"><button type="button">Grade</button></th><th data-key="score"><button type="button">Score</button></th><th>Verdict</th><th>Findings</th><th>Worst finding</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table></div>`;
}

/**
 * One row per category: its name, a bar, score and weight. A table rather than one SVG, so the
 * names take the room they need at any width and the bar is what shrinks; the bar is inline
 * SVG (attributes, not style="": the CSP allows no inline styles).
 */
function categoryChart(r: Report): string {
  const rows = r.categories.map((c) => {
    const score = c.score;
    const w = score === null ? 0 : Math.max(0, Math.min(100, score));
    const fill = score === null ? "#d0d7de" : score >= 80 ? "#1a7f37" : score >= 60 ? "#9a6700" : "#cf222e";
    return `<tr><th scope="row" class="cat">${h(c.id)}</th><td class="bar"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="${h(c.id)}: ${score ?? "unknown"} of 100"><rect width="100" height="10" fill="#f6f8fa"/><rect width="${w.toFixed(1)}" height="10" fill="${fill}"/></svg></td><td class="num">${score ?? "unknown"} <span class="muted">(weight ${c.weight})</span></td></tr>`;
  });
  return `<div class="wide"><table class="cats" aria-label="Score by category"><tbody>
${rows.join("\n")}
</tbody></table></div>`;
}

function targetSection(r: Report, i: number): string {
  const t = r.target;
  const findings = [...r.findings].sort(
    (a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity),
  );
  const repo = t.repository ? `<p>Repository: ${htmlLink(t.repository)}</p>` : "";
  // One block per line, in reading order: a new block is one more line.
  return [
    `<section class="target" id="t${i}">`,
    `<h2>${h(t.name, 200)}${t.version ? `@${h(t.version)}` : ""} <span class="verdict v-${r.score.verdict}">${r.score.verdict}</span></h2>`,
    notCheckedHtml(r),
    `<p>Score <strong>${r.score.value ?? "–"}</strong>/100, grade <span class="grade">${r.score.grade ?? "–"}</span>, policy <code>${h(r.policy.id)}</code>. Spec <code>${h(t.spec, 300)}</code>${t.integrity ? `, integrity <code>${h(t.integrity.slice(0, 24))}…</code>` : ""}.</p>`,
    t.description ? `<blockquote class="muted">${h(t.description, 600)}</blockquote>` : "",
    repo,
    r.score.reasons.length ? `<ul>${r.score.reasons.map((x) => `<li>${h(x)}</li>`).join("")}</ul>` : "",
    `<h3>Score by category</h3>`,
    categoryChart(r),
    checksNotRunHtml(r),
    findingsHtml(findings),
    advisoriesHtml(r),
    capabilitiesHtml(r),
    toolsHtml(r),
    probeHtml(r),
    dependencyCapabilitiesHtml(r),
    suggestedConfigHtml(r),
    sourcesHtml(r),
    r.notes.length ? `<h3>Notes</h3><ul>${r.notes.map((n) => `<li>${h(n, 300)}</li>`).join("")}</ul>` : "",
    `</section>`,
  ]
    .filter(Boolean)
    .join("\n");
}

/** What could not be checked, before the score. */
function notCheckedHtml(r: Report): string {
  const list = notChecked(r);
  if (!list.length) return "";
  return `<ul class="error not-checked">${list
    .map((n) => `<li><strong>${h(n.what)} NOT checked:</strong> ${h(n.reason, 300)}</li>`)
    .join("")}</ul>`;
}

/**
 * Findings scaled by severity: critical, high and medium as full cards (critical and high
 * tinted), low and info (and credits) as one compact list of one-line entries that open.
 */
function findingsHtml(findings: readonly Report["findings"][number][]): string {
  const major = findings.filter((f) => isMajor(f));
  const minor = findings.filter((f) => !isMajor(f));
  const out = [`<h3>Findings (${findings.length})</h3>`];
  if (!findings.length) out.push("<p>None.</p>");
  for (const f of major) out.push(findingCard(f));
  if (minor.length) {
    out.push(
      `<h3>Low and informational (${minor.length})</h3>`,
      `<ul class="minor">${minor.map(findingLine).join("\n")}</ul>`,
    );
  }
  return out.join("\n");
}

function isMajor(f: Report["findings"][number]): boolean {
  return !f.credit && (f.severity === "critical" || f.severity === "high" || f.severity === "medium");
}

function findingHead(f: Report["findings"][number]): string {
  return `<span class="sev">${f.severity}</span>${f.blocking ? " <strong>blocking</strong>" : ""}${f.credit ? " <em>credit</em>" : ""} <code>${h(f.id)}</code> <strong class="title">${h(f.title, 300)}</strong>`;
}

function findingBody(f: Report["findings"][number]): string {
  const evidence = f.evidence.slice(0, 10).map((e) => {
    const where = e.file ? `<code>${h(evidenceWhere(e), 210)}</code>` : "";
    const url = e.url ? htmlLink(e.url) : "";
    const snippet = e.snippet ? `<pre>${h(e.snippet, 2000)}</pre>` : "";
    return `<li>${[where, url].filter(Boolean).join(" ")}${snippet}</li>`;
  });
  return [
    f.detail ? `<p>${h(f.detail, 2000)}</p>` : "",
    evidence.length ? `<ul class="evidence">${evidence.join("")}</ul>` : "",
    f.credit ? "" : `<p><strong>Remediation:</strong> ${h(f.remediation, 1000)}</p>`,
  ]
    .filter(Boolean)
    .join("\n");
}

function findingCard(f: Report["findings"][number]): string {
  return `<div class="finding s-${f.severity}">
<div>${findingHead(f)}</div>
${findingBody(f)}
</div>`;
}

function findingLine(f: Report["findings"][number]): string {
  return `<li class="s-${f.severity}"><details><summary>${findingHead(f)}</summary>
${findingBody(f)}
</details></li>`;
}

/**
 * The checks the score does not rest on, grouped by why. Those that could not run (evidence
 * missing, which the policy never counts as good) are listed; those skipped (they did not
 * apply to this run) are folded away, as most runs skip whole families (config checks).
 */
function checksNotRunHtml(r: Report): string {
  const unknown = checkGroups(r.checks.filter((c) => c.status === "unknown"));
  const skipped = checkGroups(r.checks.filter((c) => c.status === "skipped"));
  const count = (groups: { ids: string[] }[]) => groups.reduce((n, g) => n + g.ids.length, 0);
  if (!unknown.length && !skipped.length) return "";
  const item = (g: { reason: string; ids: string[] }) =>
    `<li>${g.reason ? `${h(g.reason, 300)}: ` : ""}${g.ids.map((id) => `<code>${h(id, 100)}</code>`).join(", ")}</li>`;
  return [
    `<h3 id="checks-not-run">Checks not run (${count(unknown)} could not run, ${count(skipped)} skipped)</h3>`,
    unknown.length ? `<ul class="checks">${unknown.map(item).join("\n")}</ul>` : "",
    skipped.length
      ? `<details class="skipped"><summary>${count(skipped)} skipped: they did not apply to this run</summary><ul class="checks muted">${skipped.map(item).join("\n")}</ul></details>`
      : "",
  ]
    .filter(Boolean)
    .join("\n");
}

function checkGroups(checks: Report["checks"]): { reason: string; ids: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const c of checks) groups.set(c.reason ?? "", [...(groups.get(c.reason ?? "") ?? []), c.id]);
  return [...groups].map(([reason, ids]) => ({ reason, ids }));
}

/** What the package's own code reaches, each capability with where it was seen. */
function capabilitiesHtml(r: Report): string {
  if (!r.capabilities.length) return "";
  const rows = r.capabilities.map((c) => {
    const shown = c.evidence.slice(0, 5);
    const items = shown.map(
      (e) =>
        `<li>${e.file ? `<code>${h(evidenceWhere(e), 210)}</code>` : ""}${e.snippet ? ` <span class="muted">${h(e.snippet, 200)}</span>` : ""}</li>`,
    );
    const more = Math.max(c.count, c.evidence.length) - shown.length;
    if (more > 0) items.push(`<li class="muted">… ${more} more</li>`);
    return `<tr><td><code>${h(c.id, 100)}</code></td><td>${c.count}</td><td><ul class="evidence">${items.join("")}</ul></td></tr>`;
  });
  return `<h3>What its own code can do (${r.capabilities.length})</h3>
<div class="wide"><table><thead><tr><th>Capability</th><th>Uses</th><th>Where</th></tr></thead><tbody>
${rows.join("\n")}
</tbody></table></div>`;
}

/** The report's pinned, scripts-off client entry, as JSON to copy (one click selects it all). */
function suggestedConfigHtml(r: Report): string {
  if (!r.suggestedConfig) return "";
  return `<h3>Safer config</h3>
<p>A client config entry that starts exactly this version with install scripts off and credentials read from the environment, not written into the file:</p>
<pre class="config" tabindex="0">${h(JSON.stringify(r.suggestedConfig, null, 2), 8000)}</pre>`;
}

function sourcesHtml(r: Report): string {
  return `<h3>Sources</h3>
<div class="wide"><table><thead><tr><th>Source</th><th>Status</th><th>Fetched</th><th>From cache</th><th>Note</th></tr></thead><tbody>
${r.sources
  .map(
    (s) =>
      `<tr><td>${h(s.id)}</td><td>${h(s.status)}</td><td>${h(s.fetchedAt ?? "–")}</td><td>${s.cached ? "yes" : "no"}</td><td>${h(s.error ?? "", 300)}</td></tr>`,
  )
  .join("\n")}
</tbody></table></div>`;
}

function advisoriesHtml(r: Report): string {
  if (!r.advisories.length) return "";
  return `<h3>Advisories (${r.advisories.length})</h3>
<div class="wide"><table><thead><tr><th>Advisory</th><th>Severity</th><th>Package</th><th>Fixed in</th><th>Summary</th></tr></thead><tbody>
${r.advisories
  .map(
    (a) =>
      `<tr><td>${a.url ? htmlLink(a.url, a.id) : h(a.id)}</td><td>${h(a.severity)}</td><td>${h(a.package)}@${h(a.version)}${a.direct ? "" : ` <span class="muted">via ${h(a.path.join(" › "), 300)}</span>`}</td><td>${h(a.fixed ?? "–")}</td><td>${h(a.summary, 300)}</td></tr>`,
  )
  .join("\n")}
</tbody></table></div>`;
}

/** Which dependencies bring which capability, each with why and the path that brings it in. */
function dependencyCapabilitiesHtml(r: Report): string {
  const caps = r.dependencyCapabilities ?? [];
  if (!caps.length) return "";
  const rows = caps.map((c) => {
    const { packages, more } = firstPackages(c, 10);
    const items = packages.map(
      (p) =>
        `<li><code>${h(p.name, 200)}@${h(p.version, 100)}</code> ${h(p.reasons.map((x) => x.detail).join("; "), 600)} <span class="muted">via ${h(p.path.join(" › "), 300)}</span></li>`,
    );
    if (more) items.push(`<li class="muted">… ${more} more</li>`);
    return `<tr><td><code>${h(c.id)}</code></td><td>${c.count}</td><td><ul class="evidence">${items.join("")}</ul></td></tr>`;
  });
  return `<h3>What its dependencies bring</h3>
<div class="wide"><table><thead><tr><th>Capability</th><th>Dependencies</th><th>Which (nearest first)</th></tr></thead><tbody>
${rows.join("\n")}
</tbody></table></div>`;
}

function toolsHtml(r: Report): string {
  const declared = r.tools.filter((t) => t.source !== "probe");
  if (!declared.length) return "";
  return `<h3>MCP tools (${declared.length})</h3>
<div class="wide"><table><thead><tr><th>Tool</th><th>Description</th><th>Its code reaches</th><th>Hash</th></tr></thead><tbody>
${declared
  .slice(0, 200)
  .map(
    (t) =>
      `<tr><td><code>${h(t.name, 100)}</code></td><td>${h(t.description, 500)}</td><td>${reachHtml(t)}</td><td><code>${h(t.hash.slice(0, 12))}</code></td></tr>`,
  )
  .join("\n")}
</tbody></table></div>`;
}

function probeHtml(r: Report): string {
  const v = probeView(r);
  if (!v) return "";
  const tools = v.tools.length
    ? `<div class="wide"><table><thead><tr><th>Tool</th><th>In the code</th><th>Listed live</th><th>Note</th></tr></thead><tbody>
${v.tools
  .slice(0, 200)
  .map(
    (t) =>
      `<tr><td><code>${h(t.name, 100)}</code></td><td>${t.code ? "yes" : "no"}</td><td>${t.live ? "yes" : "no"}</td><td>${h(t.note, 300)}</td></tr>`,
  )
  .join("\n")}
</tbody></table></div>`
    : "";
  const events = v.events.length
    ? `<div class="wide"><table><thead><tr><th>When</th><th>What</th><th></th></tr></thead><tbody>
${v.events
  .slice(0, 100)
  .map(
    (e) =>
      `<tr><td>${h(e.when, 100)}</td><td><code>${h(e.what, 300)}</code></td><td>${e.flag ? `<span class="sev">${h(e.flag, 80)}</span>` : ""}</td></tr>`,
  )
  .join("\n")}
</tbody></table></div>`
    : "";
  return `<h3>Seen live (sandboxed probe)</h3>
<p>${h(v.headline, 500)}</p>${v.limits.map((l) => `<p><strong>Limit:</strong> ${h(l, 300)}</p>`).join("")}${
    v.install.length
      ? `<ul>${v.install
          .slice(0, 20)
          .map((s) => `<li>install script: ${h(s, 300)}</li>`)
          .join("")}</ul>`
      : ""
  }${tools}${events}`;
}

function reachHtml(t: Report["tools"][number]): string {
  const r = toolReach(t);
  if (!r) return '<span class="muted">not linked</span>';
  return h(r.text) + (r.partial ? ' <span class="muted">(partial)</span>' : "");
}

const HTML_INLINE: Inline = {
  text: (s) => h(s),
  code: (s) => `<code>${h(s)}</code>`,
  strong: (s) => `<span class="sev">${h(s)}</span>`,
};

function diffSection(d: AuditDiff): string {
  const rug = rugPullItems(d, HTML_INLINE);
  const body = [
    rug.length
      ? `<div class="rugpull"><strong>⚠ Rug pull: tool definitions changed within the same version</strong><ul>${rug
          .map((i) => `<li>${i}</li>`)
          .join("")}</ul></div>`
      : "",
    ...diffLists(d, HTML_INLINE).map(
      (l) =>
        `<h3>${h(l.title)} (${l.items.length})</h3><ul>${l.items.map((i) => `<li>${i}</li>`).join("")}</ul>`,
    ),
  ].join("\n");
  return `<section id="diff"><h2>Changes since ${h(d.baseline.generatedAt)}</h2>
${body.trim() ? body : "<p>No changes.</p>"}
</section>`;
}

function failedHtml(failed: readonly { target: string; error: string }[]): string {
  if (!failed.length) return "";
  return `<h3 class="error">Not audited (${failed.length})</h3><ul>${failed
    .map((f) => `<li><code>${h(f.target, 200)}</code>: ${h(f.error, 300)}</li>`)
    .join("")}</ul>`;
}
