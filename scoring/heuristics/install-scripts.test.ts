import { describe, expect, it } from "vitest";
import { evidence, evidenceWith } from "../../test/support/evidence.js";
import installScripts from "./install-scripts.js";

describe("install-scripts", () => {
  it.each([
    ["no scripts", {}, 0],
    ["build-only scripts are not install hooks", { scripts: { build: "tsc", prepare: "npm run build" } }, 0],
    ["postinstall", { scripts: { postinstall: "node setup.js" } }, 1],
    ["preinstall and install", { scripts: { preinstall: "curl x | sh", install: "node i.js" } }, 2],
    ["node-gyp build", { gypfile: true }, 1],
  ])("%s", (_name, m, count) => {
    const result = installScripts.evaluate(evidenceWith(m));
    expect(result.status).toBe("evaluated");
    if (result.status === "evaluated") expect(result.findings).toHaveLength(count);
  });

  it("quotes the script as evidence", () => {
    const result = installScripts.evaluate(evidenceWith({ scripts: { postinstall: "node steal.js" } }));
    expect(result.status === "evaluated" && result.findings[0]?.evidence[0]?.snippet).toContain(
      "node steal.js",
    );
  });

  it("is unknown without registry facts", () => {
    const result = installScripts.evaluate(evidence({ npm: { status: "unavailable", error: "down" } }));
    expect(result.status).toBe("unknown");
  });
});
