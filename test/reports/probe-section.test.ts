import { marked } from "marked";
import { describe, expect, it } from "vitest";
import { renderHtml } from "../../reports/render/html.js";
import { renderMarkdown } from "../../reports/render/markdown.js";
import { renderSarif } from "../../reports/render/sarif.js";
import { renderText } from "../../reports/render/text.js";
import { defaultPolicy } from "../../scoring/engine/policy.js";
import { judge } from "../../src/pipeline.js";
import { expectValidReport } from "../support/cli.js";
import { event, listed, probeFacts, withProbe } from "../support/probe-evidence.js";
import { HOSTILE } from "../support/reports.js";
import { expectValidSarif } from "../support/sarif.js";

/** A probe that saw hostile text everywhere a server controls it: paths, arguments, tool names, stderr. */
function hostileProbeReport() {
  const evil = `${HOSTILE.script}\u001b[2J\u001b]0;pwned\u0007${HOSTILE.bidi}`;
  return judge(
    withProbe(
      probeFacts({
        first: {
          tools: listed({ name: evil, description: HOSTILE.img }),
          prompts: [{ name: evil }],
          resources: [],
        },
        second: {
          tools: listed({ name: evil, description: `${HOSTILE.img} changed` }),
          prompts: [],
          resources: [],
        },
        events: [
          event({ kind: "open", path: `~/.ssh/id_rsa`, canary: "ssh-key" }),
          event({ kind: "exec", path: "/bin/sh", argv: ["sh", "-c", evil] }),
          event({ kind: "write", op: "create", path: `~/${evil}` }),
        ],
        stderr: evil,
        limitsHit: [{ limit: "output", phase: "run", detail: "wrote more than 8 MB to stdout: stopped" }],
      }),
    ),
    defaultPolicy(),
  );
}

describe("the probe's section in every view", () => {
  const report = hostileProbeReport();

  it("is in the JSON report, valid against the schema, with the live tools beside the code's", () => {
    expectValidReport(JSON.parse(JSON.stringify(report)));
    expect(report.probe?.status).toBe("ok");
    expect(report.tools.filter((t) => t.source === "probe")).toHaveLength(1);
    expect(report.probe?.tools?.[0]).toMatchObject({ seen: "live-only", changedLater: ["description"] });
  });

  it("text: the headline, the limit and the canary; no terminal control gets through", () => {
    const text = renderText(report, { color: false, verbose: true, quiet: false });
    expect(text).toContain("Seen live (sandboxed probe)");
    expect(text).toContain("limit output (run): wrote more than 8 MB to stdout: stopped");
    expect(text).toMatch(/open ~\/\.ssh\/id_rsa → ok {2}canary ssh-key/);
    expect(text).not.toMatch(/[\u001b\u0007\u202e]/);
  });

  it("markdown and HTML escape what the server wrote", () => {
    const md = renderMarkdown(report);
    expect(md).toContain("# Seen live (sandboxed probe)");
    const mdHtml = marked.parse(md) as string;
    expect(mdHtml).not.toMatch(/<script|<img/i);
    const html = renderHtml(report);
    expect(html).toContain("<h3>Seen live (sandboxed probe)</h3>");
    expect(html).not.toMatch(/<script>alert|<img src/i);
    expect(html).not.toMatch(/[\u001b\u0007\u202e]/);
  });

  it("SARIF: a probe finding points at the package (its package.json), never at a path inside the sandbox", () => {
    const log = expectValidSarif(renderSarif([report], { srcRoot: "/tmp" }));
    const canary = log.runs[0]!.results!.find((r) => r.ruleId === "probe-canary-access");
    expect(canary).toBeDefined();
    const where = JSON.stringify(canary?.locations ?? []);
    expect(where).toContain('"uri":"package.json"');
    expect(where).not.toContain("id_rsa");
  });

  it("an unavailable probe says why, in one line", () => {
    const r = judge(
      {
        ...withProbe(probeFacts()),
        probe: { status: "unavailable", error: "bubblewrap (bwrap) is not installed" },
      },
      defaultPolicy(),
    );
    expect(r.probe).toEqual({ status: "unavailable", reason: "bubblewrap (bwrap) is not installed" });
    expect(renderText(r, { color: false, verbose: false, quiet: false })).toContain(
      "not run: bubblewrap (bwrap) is not installed",
    );
  });
});
