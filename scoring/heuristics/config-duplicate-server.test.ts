import { describe, expect, it } from "vitest";
import { configEntries, configEvidence, findingCount, npx } from "../../test/support/config.js";
import { evidence } from "../../test/support/evidence.js";
import duplicateServer from "./config-duplicate-server.js";

describe("config-duplicate-server", () => {
  /** The first entry of a config file given as text (JSON.stringify cannot repeat a key). */
  const fromText = (text: string) => evidence({ config: { status: "ok", data: configEntries(text)[0]! } });

  it("same key twice in the file", () => {
    const text = `{"mcpServers": {"a": {"command":"npx","args":["-y","p@1.0.0"]}, "a": {"command":"npx","args":["-y","p@2.0.0"]}}}`;
    expect(findingCount(duplicateServer.evaluate(fromText(text)))).toBe(1);
  });

  it("same key twice with the same settings is low, with different settings medium", () => {
    const severities = (text: string) => {
      const r = duplicateServer.evaluate(fromText(text));
      return r.status === "evaluated" ? r.findings.map((f) => f.severity) : r.status;
    };
    const a1 = `"a": {"command":"npx","args":["-y","p@1.0.0"]}`;
    const a2 = `"a": {"command":"npx","args":["-y","p@2.0.0"]}`;
    expect(severities(`{"mcpServers": {${a1}, ${a1}}}`)).toEqual(["low"]);
    expect(severities(`{"mcpServers": {${a1}, ${a2}}}`)).toEqual(["medium"]);
  });

  it.each([
    ["same target, different settings", { a: npx("p@1.0.0"), b: npx("p@2.0.0") }, 1],
    ["same target, same settings", { a: npx("p@1.0.0"), b: npx("p@1.0.0") }, 0],
    ["different servers", { a: npx("p@1.0.0"), b: npx("q@1.0.0") }, 0],
  ])("%s", (_n, servers, count) => {
    expect(findingCount(duplicateServer.evaluate(configEvidence(servers)))).toBe(count);
  });

  it("is skipped when the run has no config entry", () => {
    expect(duplicateServer.evaluate(evidence()).status).toBe("skipped");
  });
});
