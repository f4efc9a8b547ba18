import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { marked } from "marked";
import { describe, expect, it } from "vitest";
import indexSchema from "../../reports/index.schema.json" with { type: "json" };
import { escapeHtml, escapeMarkdown, htmlLink, linkableUrl } from "../../reports/render/escape.js";
import { renderHtml } from "../../reports/render/html.js";
import { renderMarkdown } from "../../reports/render/markdown.js";
import { renderSarif, type SarifLog } from "../../reports/render/sarif.js";
import { renderText } from "../../reports/render/text.js";
import { defaultPolicy } from "../../scoring/engine/policy.js";
import type { Finding } from "../../scoring/engine/types.js";
import { diffIndex } from "../../src/audit/diff.js";
import { buildIndex, entryFor } from "../../src/audit/run.js";
import { judge } from "../../src/pipeline.js";
import { expectValidReport } from "../support/cli.js";
import { evidenceWith } from "../support/evidence.js";
import { HOSTILE, sampleReports } from "../support/reports.js";
import { expectValidSarif } from "../support/sarif.js";

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateIndex = ajv.compile(indexSchema);

describe("escapeHtml", () => {
  it.each([
    [HOSTILE.script, /<script/i],
    [HOSTILE.attribute, /"/],
    [HOSTILE.attribute, /'/],
    [HOSTILE.img, /<img/i],
    [HOSTILE.bidi, /[\u202e\u2066]/],
    ["a\u001b[2Jb", /\u001b/],
  ])("%j never contains %s", (input, forbidden) => {
    expect(escapeHtml(input)).not.toMatch(forbidden);
  });

  it("shows bidi overrides instead of applying them", () => {
    expect(escapeHtml("a\u202eb")).toBe("a&lt;U+202E&gt;b");
  });

  it.each([
    ["javascript:alert(1)", undefined],
    ["JaVaScRiPt:alert(1)", undefined],
    [" javascript:alert(1)", undefined],
    ["data:text/html,<script>", undefined],
    ["vbscript:msgbox", undefined],
    ["//evil.example/x", undefined],
    ["https://user:pw@example.com/", undefined],
    ["https://example.com/a b?q=<x>", "https://example.com/a%20b?q=%3Cx%3E"],
  ])("linkableUrl(%j) = %j", (url, expected) => {
    expect(linkableUrl(url)).toBe(expected);
  });

  it("never makes a link of a javascript: url", () => {
    expect(htmlLink(HOSTILE.jsUrl)).not.toMatch(/href/);
    expect(htmlLink("https://example.com/")).toMatch(/^<a href="https:\/\/example.com\/" rel="noopener/);
  });

  it("escapes Markdown syntax and HTML in package text", () => {
    const out = escapeMarkdown(HOSTILE.markdown + HOSTILE.script);
    expect(out).not.toMatch(/(?<!\\)\[/);
    expect(out).not.toMatch(/(?<!\\)\|/);
    expect(out).not.toMatch(/<script/);
  });
});

describe("renderHtml", () => {
  const reports = sampleReports();
  const html = renderHtml(reports);

  it("is one self-contained file: its only script and style are inline and allowed by hash", () => {
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;/);
    expect(html).not.toMatch(/<(img|iframe|link|object|embed)\b/i);
    expect(html).not.toMatch(/<[a-z][^>]*\ssrc=/i);
    expect(html).not.toMatch(/url\(/i);
  });

  it("links only http(s) urls and in-page anchors", () => {
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^(#t\d+|https?:\/\/)/);
    expect(html).toContain('href="https://github.com/example/example-mcp-server/blob/main/SECURITY.md"');
  });

  it("escapes hostile text everywhere it appears", () => {
    expect(html).not.toContain(HOSTILE.script);
    expect(html).not.toContain(HOSTILE.attribute);
    expect(html).not.toMatch(/[\u202e\u2066]/);
    expect(html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    expect(html).not.toMatch(/onmouseover="/);
  });

  it("shows which dependencies bring which capability, escaped", () => {
    expect(html).toContain("<h3>What its dependencies bring</h3>");
    expect(html).toMatch(/<td><code>process\.exec<\/code><\/td><td>4<\/td>/);
    expect(html).toContain("<code>execa@9.5.2</code> is execa (process execution)");
    expect(html).toContain("… 2 more");
  });

  it("has a sortable summary, a chart per target, findings with remediation, sources and print styles", () => {
    expect(html).toMatch(/<th data-key="grade"><button/);
    expect(html.match(/<table class="cats"/g)).toHaveLength(reports.length);
    expect(html).toContain("Remediation:");
    expect(html).toContain("<h3>Sources</h3>");
    expect(html).toContain("@media print");
  });

  it("shows what the package's own code can do, with where each capability was seen, escaped", () => {
    const section = html.slice(html.indexOf("<h3>What its own code can do (2)</h3>"));
    expect(section).toMatch(/^<h3>What its own code can do \(2\)<\/h3>/);
    expect(section).toMatch(/<td><code>process\.exec<\/code><\/td><td>7<\/td>/);
    expect(section).toContain("<code>dist/&quot; onmouseover=&quot;alert(1)&quot; x=&#39;.js:12</code>");
    expect(section).toContain("child_process.exec: exec(&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;)");
    expect(section).toContain('<code>dist/index.js:40</code> <span class="muted">safe&lt;U+202E&gt;txt.exe');
    expect(section).toContain("… 5 more");
    expect(html.match(/<h3>What its own code can do/g)).toHaveLength(1); // the clean reports have none
  });

  it("shows the safer config as one escaped JSON block that reads back as the report's", () => {
    const block = /<pre class="config" tabindex="0">([^<]*)<\/pre>/.exec(html)?.[1];
    expect(block).toBeDefined();
    expect(block).not.toMatch(/[<>"']/);
    const text = block!
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&#96;/g, "`")
      .replace(/&amp;/g, "&");
    expect(JSON.parse(text)).toEqual(reports[0]!.suggestedConfig);
    expect(html.match(/<pre class="config"/g)).toHaveLength(reports.length);
  });

  it("lists the checks that could not run by reason, escaped, and folds away the skipped ones", () => {
    const start = html.indexOf('<h3 id="checks-not-run">');
    const section = html.slice(start, html.indexOf("<h3>Findings", start));
    const unknown = reports[0]!.checks.filter((c) => c.status === "unknown");
    const skipped = reports[0]!.checks.filter((c) => c.status === "skipped");
    expect(section).toContain(
      `Checks not run (${unknown.length} could not run, ${skipped.length} skipped)</h3>`,
    );
    expect(section).toContain(
      "<li>&lt;img src=&quot;https://tracker.example/pixel.gif&quot;&gt;: <code>tool-hidden-instructions-deep</code></li>",
    );
    expect(section).toMatch(/<details class="skipped"><summary>\d+ skipped: they did not apply to this run/);
    for (const c of skipped) expect(section).toContain(`<code>${c.id}</code>`);
    expect(section).not.toContain(HOSTILE.img);
  });

  it("scales findings by severity: high as full cards, info as a one-line entry that opens", () => {
    const high = reports[0]!.findings.find((f) => f.severity === "high")!;
    const info = reports[0]!.findings.find((f) => f.severity === "info")!;
    expect(html).toMatch(
      new RegExp(`<div class="finding s-high">\\n<div><span class="sev">high</span> <code>${high.id}</code>`),
    );
    expect(html).toMatch(
      new RegExp(
        `<li class="s-info"><details><summary><span class="sev">info</span> <code>${info.id}</code>`,
      ),
    );
    expect(html).not.toContain('<div class="finding s-info">');
    expect(html).toContain("Low and informational (");
  });

  it("shows the baseline diff with rug pulls loudly", () => {
    const index = buildIndex(
      reports.map((r) => entryFor({ key: `npm:${r.target.name}`, kind: "package", spec: r.target.name }, r)),
      { inventory: null, shard: null, generatedAt: "2026-11-02T00:00:00.000Z" },
    );
    const baseline = structuredClone(index);
    baseline.targets[0]!.tools = { [Object.keys(index.targets[0]!.tools)[0] ?? "x"]: "b".repeat(64) };
    const diff = diffIndex({ ...baseline, source: "old/index.json" }, index, 5);
    const out = renderHtml(reports, { diff });
    expect(out).toMatch(/class="rugpull"/);
  });

  it("compares capabilities only when both runs analysed the code", () => {
    const index = buildIndex(
      reports.map((r) => entryFor({ key: `npm:${r.target.name}`, kind: "package", spec: r.target.name }, r)),
      { inventory: null, shard: null, generatedAt: "2026-11-02T00:00:00.000Z" },
    );
    const baseline = structuredClone(index);
    baseline.targets[0]!.capabilities = ["process.exec", "fs.read"];
    index.targets[0]!.capabilities = ["fs.read", "net.outbound"];
    baseline.targets[1]!.capabilities = ["process.exec"];
    index.targets[1]!.capabilities = null; // not analysed this time: nothing lost
    const diff = diffIndex({ ...baseline, source: "old/index.json" }, index, 5);
    expect(diff.capabilityChanges).toEqual([
      {
        key: index.targets[0]!.key,
        gained: ["net.outbound"],
        lost: ["process.exec"],
        version: index.targets[0]!.version,
      },
    ]);
    expect(renderHtml(reports, { diff })).toContain("gained net.outbound; lost process.exec");
  });
});

describe("renderSarif", () => {
  const reports = sampleReports();
  const log = JSON.parse(renderSarif(reports)) as SarifLog;
  const run = log.runs[0]!;

  it("validates against the official SARIF 2.1.0 schema and GitHub's limits", () => {
    expectValidSarif(log);
    expectValidSarif(renderSarif([]));
    expectValidSarif(renderSarif(reports.slice(1)));
  });

  it("gives every rule unique tags, a supply-chain rule included", () => {
    const supplyChain = run.tool.driver.rules.filter((r) => r.properties.category === "supply-chain");
    expect(supplyChain.length).toBeGreaterThan(0);
    for (const rule of run.tool.driver.rules) {
      expect(new Set(rule.properties.tags).size).toBe(rule.properties.tags.length);
    }
    expect(supplyChain[0]!.properties.tags).toEqual(["security", "supply-chain"]);
  });

  it("stays valid with hostile paths, odd line numbers and a finding from outside the registry", () => {
    const [base] = sampleReports();
    const finding = (file: string, line?: number): Finding => ({
      id: "policy-rule-x",
      severity: "info",
      category: "supply-chain",
      title: HOSTILE.script,
      detail: "",
      evidence: [{ file, ...(line === undefined ? {} : { line }) }],
      remediation: "",
    });
    const out = renderSarif([
      {
        ...base!,
        findings: [
          finding("a:b/[x]{y}|^.js", 2.5),
          finding("%2e%2e/#?.js", -1),
          finding(HOSTILE.bidi, 0),
          finding("", 1),
        ],
      },
    ]);
    expectValidSarif(out);
    const uris = (JSON.parse(out) as SarifLog).runs[0]!.results.map((r) => r.locations[0]!.physicalLocation);
    expect(uris.map((u) => u.artifactLocation.uri)).toEqual([
      "a%3Ab/%5Bx%5D%7By%7D%7C%5E.js",
      "%252e%252e/%23%3F.js",
      "safe%E2%80%AEtxt.exe%E2%81%A6",
      "package.json",
    ]);
    expect(uris.every((u) => u.region === undefined)).toBe(true);
  });

  it("is SARIF 2.1.0 with one rule per heuristic its results cite, from the reports' rules", () => {
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver.name).toBe("mcp-vet");
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Exactly the rules the results cite: none missing, none without a result.
    expect([...ids].sort()).toEqual([...new Set(run.results.map((r) => r.ruleId))].sort());
    for (const report of reports)
      for (const rule of report.rules ?? [])
        if (report.findings.some((f) => f.id === rule.id && !f.credit))
          expect(run.tool.driver.rules.find((r) => r.id === rule.id)?.fullDescription.text).toBe(
            rule.rationale,
          );
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.fullDescription.text.length).toBeGreaterThan(0);
      expect(rule.help.text.length).toBeGreaterThan(0);
      expect(["error", "warning", "note"]).toContain(rule.defaultConfiguration.level);
      if (rule.properties["security-severity"]) {
        expect(Number(rule.properties["security-severity"])).toBeGreaterThan(0);
      }
    }
  });

  it("makes each non-credit finding a result pointing at its rule and a file in the package", () => {
    const expected = reports.flatMap((r) => r.findings.filter((f) => !f.credit));
    expect(run.results).toHaveLength(expected.length);
    for (const res of run.results) {
      expect(run.tool.driver.rules[res.ruleIndex]!.id).toBe(res.ruleId);
      expect(["error", "warning", "note"]).toContain(res.level);
      expect(res.message.text.length).toBeGreaterThan(0);
      expect(res.partialFingerprints["mcpVetFinding/v2"]).toMatch(/^[0-9a-f]{32}$/);
      expect(res.locations.length).toBeGreaterThan(0);
      for (const loc of res.locations) {
        const uri = loc.physicalLocation.artifactLocation.uri;
        expect(uri).not.toMatch(/^\/|\.\.|^[a-z]+:/i);
        expect(loc.physicalLocation.artifactLocation.uriBaseId).toBe("PACKAGE_ROOT");
        if (loc.physicalLocation.region)
          expect(loc.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
      }
    }
    const hostile = run.results.find((r) => r.ruleId === "tool-hidden-instructions")!;
    expect(hostile.level).toBe("error");
    expect(hostile.locations[0]!.physicalLocation.region).toEqual({ startLine: 3 });
    expect(hostile.message.text).not.toMatch(/\u202e/);
    const withoutFile = run.results.find((r) => r.ruleId === "install-scripts")!;
    expect(withoutFile.locations[0]!.physicalLocation.artifactLocation.uri).toBe("package.json");
  });
});

describe("renderMarkdown", () => {
  it("renders one report or many with escaped package text and no unsafe links", () => {
    const reports = sampleReports();
    for (const md of [renderMarkdown(reports[0]!), renderMarkdown(reports)]) {
      expect(md).not.toContain(HOSTILE.script);
      expect(md).not.toMatch(/(?<!\\)\]\(javascript:/i);
      expect(md).not.toMatch(/<img/i);
      expect(md).toMatch(/Remediation:/);
    }
    expect(renderMarkdown(reports)).toMatch(/^# mcp-vet audit: 3 targets/);
  });

  it("has a row per capability the dependencies bring", () => {
    const md = renderMarkdown(sampleReports()[0]!);
    expect(md).toContain("## What its dependencies bring");
    expect(md).toMatch(/\| process\.exec \| 4 \| .*execa \(is execa \(process execution\)\), … 2 more \|/);
    expect(md).not.toMatch(/<img/i);
  });

  it("lists the tools with their annotations and what their code reaches", () => {
    const base = sampleReports()[0]!;
    const md = renderMarkdown({
      ...base,
      capabilities: [{ id: "process.exec", count: 2, evidence: [] }],
      tools: [
        {
          name: "run_cmd|<b>x</b>",
          description: "",
          source: "static",
          hash: "0".repeat(64),
          annotations: { readOnlyHint: true },
          capabilities: ["process.exec"],
          handler: { file: "dist/index.js", line: 3, complete: false },
        },
        { name: "plain", description: "", source: "static", hash: "1".repeat(64) },
      ],
    });
    expect(md).toContain("# What it can touch");
    expect(md).toContain(
      "| run\\_cmd\\|&lt;b&gt;x&lt;/b&gt; | readOnlyHint: true | process.exec (partial) |",
    );
    expect(md).toContain("| plain | – | not linked |");
  });

  it("renders scoped names and @ or # in package text as written, with no entity and no mention", () => {
    const report = judge(
      evidenceWith({
        name: "@modelcontextprotocol/server-filesystem",
        description: "Ask @octocat or @org/team, see #12; mail me@example.com",
      }),
      defaultPolicy(),
    );
    report.dependencyCapabilities = [
      {
        id: "process.exec",
        count: 1,
        packages: [
          {
            name: "@scope/runner",
            version: "1.0.0",
            path: [report.target.name, "@scope/runner"],
            reasons: [{ kind: "library", detail: "runs @scope/child" }],
          },
        ],
      },
    ];
    for (const out of [renderMarkdown(report), renderMarkdown([report, sampleReports()[1]!])]) {
      expect(out).not.toMatch(/&#\d+;/);
      const html = marked.parse(out, { async: false, gfm: true });
      expect(html).not.toMatch(/&amp;#|&#64;|&#35;/);
      expect(html).toContain("<code>@modelcontextprotocol/server-filesystem@1.2.0</code>");
      expect(html).toContain("Ask <code>@octocat</code> or <code>@org/team</code>, see <code>#12</code>");
      expect(html).toContain("me@example.com");
      expect(html).toContain("<code>@scope/runner</code> (runs <code>@scope/child</code>)");
      // Outside code spans no @ or # could start a GitHub mention or issue link.
      const text = html.replace(/<code>[^<]*<\/code>/g, " ").replace(/<[^>]+>/g, " ");
      expect(text).not.toMatch(/(?<![A-Za-z0-9_])@[A-Za-z0-9]/);
      expect(text).not.toMatch(/#\d/);
    }
    expect(renderMarkdown(report)).toMatch(/^# `@modelcontextprotocol\/server-filesystem@1\.2\.0`: /);
  });

  it("renders to HTML with hostile package text as text", () => {
    const html = marked.parse(renderMarkdown(sampleReports()[0]!), { async: false, gfm: true });
    expect(html).not.toMatch(/<(script|img)\b/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain("&lt;script&gt;");
  });

  it("writes identifiers as code spans without backslash escapes, backticks neutralised", async () => {
    const { markdownCode } = await import("../../reports/render/escape.js");
    expect(markdownCode("read_file")).toBe("`read_file`");
    expect(markdownCode("a`b\nc")).toBe("`a'b c`");
  });
});

describe("renderText", () => {
  it("says in one line which dependencies bring which capability; --verbose says why", () => {
    const report = sampleReports()[0]!;
    const short = renderText(report, { color: false, verbose: false, quiet: false });
    expect(short).toContain(
      "  Dependencies that bring: process.exec 4 (<script>alert('x')</script>, execa, …)",
    );
    const long = renderText(report, { color: false, verbose: true, quiet: false });
    expect(long).toContain(
      "    process.exec  execa@9.5.2: is execa (process execution) (hostile-mcp > execa)",
    );
    expect(long).toContain("    process.exec  … 2 more");
    expect(long).not.toMatch(/[\u202e\u2066]/);
    expect(renderText(sampleReports()[1]!, { color: false, verbose: false, quiet: false })).not.toContain(
      "Dependencies that bring",
    );
  });
});

describe("hostile text in the renderers", () => {
  it("strips terminal controls from evidence file paths in text", () => {
    const base = sampleReports()[0]!;
    const finding = {
      ...base.findings[0]!,
      evidence: [{ file: "lib/\u001b]8;;https://x\u0007a\u001b[2K.js", line: 3 }],
    };
    const text = renderText({ ...base, findings: [finding] }, { color: false, verbose: true, quiet: false });
    expect(text).not.toContain("\u001b");
    expect(text).not.toContain("\u0007");
  });

  it("does not let Markdown mention people or link issues: references become code spans, no entities", () => {
    expect(escapeMarkdown("ping @octocat and @org/team about #123.")).toBe(
      "ping `@octocat` and `@org/team` about `#123`.",
    );
    expect(escapeMarkdown("@scope/pkg@1.0.0, @a@b, x#12, me@example.com, _@x, a @ b")).toBe(
      "`@scope/pkg@1.0.0`, `@a@b`, x`#12`, me@example.com, \\_@x, a @ b",
    );
    expect(escapeMarkdown("@x*y_ `z`")).toBe("`@x`\\*y\\_ \\`z\\`");
  });

  it("diffs tools named like Object's own properties", () => {
    const reports = sampleReports();
    const index = buildIndex(
      reports.map((r) => entryFor({ key: `npm:${r.target.name}`, kind: "package", spec: r.target.name }, r)),
      { inventory: null, shard: null, generatedAt: "2026-11-02T00:00:00.000Z" },
    );
    const baseline = structuredClone(index);
    const proto = JSON.parse('{"__proto__": "a", "toString": "b"}') as Record<string, string>;
    baseline.targets[0]!.tools = proto;
    index.targets[0]!.tools = JSON.parse('{"__proto__": "a"}') as Record<string, string>;
    const diff = diffIndex({ ...baseline, source: "x" }, index, 5);
    expect(diff.toolChanges).toEqual([
      {
        key: index.targets[0]!.key,
        tool: "toString",
        change: "removed",
        version: index.targets[0]!.version,
        rugPull: true,
      },
    ]);
  });
});

describe("renderText tools", () => {
  const base = sampleReports()[0]!;
  const tool = (name: string, capabilities?: string[], complete = true) => ({
    name,
    description: "",
    source: "static" as const,
    hash: "0".repeat(64),
    ...(capabilities ? { capabilities, handler: { file: "dist/index.js", line: 3, complete } } : {}),
  });
  const report = {
    ...base,
    tools: [
      tool("run\u001b[31m_cmd", ["process.exec", "fs.read"]),
      tool("write_note", ["fs.write"], false),
      tool("read_note", ["fs.read"]),
      tool("unlinked"),
    ],
  };

  it("groups tools by the dangerous capabilities their handlers reach", () => {
    const text = renderText(report, { color: false, verbose: false, quiet: false });
    expect(text).toContain(
      "  tools whose code reaches:\n    process.exec: run_cmd\n    fs.write: write_note\n",
    );
    expect(text).not.toContain("\u001b");
  });

  it("--verbose gives every linked tool's reach and handler location, and says when it is partial", () => {
    const text = renderText(report, { color: false, verbose: true, quiet: false });
    expect(text).toContain("    read_note → fs.read  dist/index.js:3");
    expect(text).toContain("    write_note → fs.write (partial: some calls not followed)  dist/index.js:3");
    expect(text).not.toContain("unlinked →");
  });
});

describe("index.json", () => {
  it("validates against reports/index.schema.json, with and without a diff", () => {
    const reports = sampleReports();
    for (const r of reports) expectValidReport(JSON.parse(JSON.stringify(r)));
    const index = buildIndex(
      [
        ...reports.map((r) =>
          entryFor({ key: `npm:${r.target.name}`, kind: "package", spec: r.target.name }, r),
        ),
      ],
      { inventory: "inv.yml", shard: { index: 1, count: 2 }, generatedAt: "2026-11-02T00:00:00.000Z" },
    );
    expect(validateIndex(index), ajv.errorsText(validateIndex.errors)).toBe(true);
    const older = structuredClone(index);
    older.targets[1]!.score = 10;
    older.targets[1]!.findings.push({ id: "old-thing", severity: "low", title: "gone now" });
    older.targets[1]!.maintainers = ["alice"];
    const withDiff = { ...index, diff: diffIndex({ ...older, source: "x" }, index, 5) };
    expect(validateIndex(withDiff), ajv.errorsText(validateIndex.errors)).toBe(true);
    expect(withDiff.diff.resolvedFindings).toEqual([
      { key: index.targets[1]!.key, id: "old-thing", severity: "low", title: "gone now" },
    ]);
    expect(withDiff.diff.scoreChanges[0]).toMatchObject({ from: 10 });
  });
});

describe("finding identity across runs", () => {
  it("a changed count or version in a title is the same finding; another problem is not", async () => {
    const { findingIdentity } = await import("../../reports/model.js");
    const id = "dependency-install-scripts";
    expect(findingIdentity({ id, title: "3 dependencies run install scripts" })).toBe(
      findingIdentity({ id, title: "4 dependencies run install scripts" }),
    );
    expect(findingIdentity({ id: "capability-jump", title: "Code gains `net.outbound` since 0.1.26" })).toBe(
      findingIdentity({ id: "capability-jump", title: "Code gains `net.outbound` since 0.2.0" }),
    );
    expect(
      findingIdentity({ id: "capability-jump", title: "Code gains `net.outbound` since 0.1.26" }),
    ).not.toBe(findingIdentity({ id: "capability-jump", title: "Code gains `process.exec` since 0.1.26" }));
  });
});

describe("config server keys in an audit", () => {
  it("use the name, or where the entry sits when a file uses a name twice", async () => {
    const { configServerIds } = await import("../../src/audit/run.js");
    expect(
      configServerIds([
        { name: "memory", entryPath: "mcpServers/memory" },
        { name: "memory", entryPath: "projects//home/a/api/mcpServers/memory" },
        { name: "sentry", entryPath: "projects//home/a/api/mcpServers/sentry" },
      ]),
    ).toEqual(["mcpServers/memory", "projects//home/a/api/mcpServers/memory", "sentry"]);
  });
});
