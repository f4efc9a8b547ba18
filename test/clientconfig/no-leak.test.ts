import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HEURISTICS } from "../../scoring/heuristics/index.js";
import { clientForPath } from "../../src/clientconfig/discover.js";
import { markDuplicates, parseConfigBytes } from "../../src/clientconfig/parse.js";
import { evidence } from "../support/evidence.js";

const dir = new URL("../fixtures/config/", import.meta.url);
const RAW =
  /1f2e3d4c5b6a7988|LEAK\w*|FAKEFAKEFAKE|Sup3rS3cret|9f86d081884c7d659a2feaa0c55ad015|abcdefABCDEF1234|FAKEkey1234567890|11FAKEFAKE/;

describe("every config heuristic over every fixture", () => {
  const files = readdirSync(dir).map((name) => {
    const ref = clientForPath(`/fx/${name.replace(/^(vscode|zed|gemini|cursor)-/, "")}`);
    return parseConfigBytes(readFileSync(new URL(name, dir)), { ...ref, path: `/fx/${name}` });
  });
  markDuplicates(files);
  const entries = files.flatMap((f) => f.entries);

  it("has entries to judge", () => {
    expect(entries.length).toBeGreaterThan(30);
  });

  it("never throws and never prints a raw secret", () => {
    let count = 0;
    for (const entry of entries) {
      const e = evidence({ config: { status: "ok", data: entry } });
      for (const h of HEURISTICS) {
        const r = h.evaluate(e);
        const text = JSON.stringify(r);
        expect(text, `${h.definition.id} on ${entry.file}#${entry.name}`).not.toMatch(RAW);
        if (r.status === "evaluated") {
          count += r.findings.length;
          for (const f of r.findings) {
            expect(f.evidence.length).toBeGreaterThan(0);
            expect(f.remediation.length).toBeGreaterThan(0);
          }
        }
      }
    }
    expect(count).toBeGreaterThan(20);
  });

  it("config heuristics are registered with the configuration category", () => {
    const ids = HEURISTICS.filter((h) => h.definition.id.startsWith("config-"));
    expect(ids.length).toBe(17);
    expect(
      ids.every((h) => h.definition.category === "configuration" && h.definition.needs.includes("config")),
    ).toBe(true);
  });
});
