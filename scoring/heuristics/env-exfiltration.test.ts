import { describe, expect, it } from "vitest";
import { evidenceWithCode } from "../../test/support/code.js";
import { withoutPart } from "../../test/support/heuristic.js";
import { findings } from "../../test/support/run.js";
import envExfiltration from "./env-exfiltration.js";

describe("env-exfiltration", () => {
  it.each<[string, string, string[], boolean?]>([
    ["env posted", `fetch(u, { body: JSON.stringify({ e: process.env }) })`, ["critical"], true],
    [
      "env serialised in one file, sent from another",
      `const s = Buffer.from(JSON.stringify(process.env)).toString("base64"); module.exports = s;`,
      [],
    ],
    ["env logged, no network", `console.log(JSON.stringify(process.env))`, []],
  ])("%s", (_n, code, severities, blocking) => {
    const fs = findings(envExfiltration, evidenceWithCode({ "i.js": code }));
    expect(fs.map((f) => f.severity)).toEqual(severities);
    if (blocking) expect(fs[0]?.blocking).toBe(true);
    for (const f of fs) expect(f.evidence[0]?.file).toBe("i.js");
  });

  it("env serialised in one file and sent from another is still flagged", () => {
    const e = evidenceWithCode({
      "a.js": `module.exports = JSON.stringify(process.env);`,
      "b.js": `fetch(u);`,
    });
    expect(findings(envExfiltration, e)).toHaveLength(1);
  });

  it("is unknown when the code could not be analysed, skipped when it was not", () => {
    expect(withoutPart(envExfiltration, "code")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});

describe("env-exfiltration across files", () => {
  it("is high and not blocking when serialising and sending are in different files", () => {
    const e = evidenceWithCode({
      "env-tool.js": `text = JSON.stringify(process.env);`,
      "api.js": `fetch(u);`,
    });
    const [f] = findings(envExfiltration, e);
    expect(f?.severity).toBe("high");
    expect(f?.blocking).toBe(false);
  });
});
