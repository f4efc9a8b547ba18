import { describe, expect, it } from "vitest";
import { evidenceWithCode } from "../../test/support/code.js";
import { withoutPart } from "../../test/support/heuristic.js";
import { findings } from "../../test/support/run.js";
import hardcodedIp from "./hardcoded-ip.js";

describe("hardcoded-ip", () => {
  it.each<[string, string, string[]]>([
    ["public IP", `fetch("http://45.133.1.1/x")`, ["medium"]],
    ["discord webhook", `fetch("https://discord.com/api/webhooks/1/x")`, ["high"]],
    ["discord invite link", `const s = "https://discord.com/invite/abc"`, []],
    ["private IP", `fetch("http://192.168.1.10/x")`, []],
    ["a public IP never sent to (a table entry): info", `const BLOCKED = ["45.133.1.1"];`, ["info"]],
    [
      "a webhook URL never sent to (documentation): low",
      `const DOC = "see https://webhook.site/abc";`,
      ["low"],
    ],
    ["a socket to a literal IP", `require("net").connect({ host: "45.133.1.1", port: 4444 })`, ["medium"]],
  ])("%s", (_n, code, severities) => {
    const fs = findings(hardcodedIp, evidenceWithCode({ "i.js": code }));
    expect(fs.map((f) => f.severity)).toEqual(severities);
    for (const f of fs) expect(f.evidence[0]?.file).toBe("i.js");
  });

  it("is unknown when the code could not be analysed, skipped when it was not", () => {
    expect(withoutPart(hardcodedIp, "code")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});

describe("hardcoded-ip grouping", () => {
  it("reports many addresses in one file as one finding", () => {
    const e = evidenceWithCode({ "i.js": `const a = ["45.1.2.3", "45.1.2.4", "45.1.2.5"];` });
    const fs = findings(hardcodedIp, e);
    expect(fs).toHaveLength(1);
    expect(fs[0]?.severity).toBe("info");
    expect(fs[0]?.evidence).toHaveLength(3);
    expect(fs[0]?.title).toContain("3 in i.js");
  });

  it("ignores documentation and link-local addresses", () => {
    const e = evidenceWithCode({
      "i.js": `const a = ["203.0.113.42", "198.51.100.7", "169.254.0.0", "192.0.2.1"];`,
    });
    expect(findings(hardcodedIp, e)).toEqual([]);
  });
});
