import { describe, expect, it } from "vitest";
import { evidenceWithCode } from "../../test/support/code.js";
import { withoutPart } from "../../test/support/heuristic.js";
import { findings } from "../../test/support/run.js";
import h from "./tool-input-to-shell.js";

const tool = (name: string, description: string, body: string) =>
  `const cp = require("child_process");
   server.tool(${JSON.stringify(name)}, ${JSON.stringify(description)}, { a: z.string() }, async ({ a }) => { ${body} });`;

describe("tool-input-to-shell", () => {
  it.each<[string, string, Record<string, unknown>, string[]]>([
    [
      "a weather tool's argument in execSync: critical",
      tool("get_metar", "Latest METAR for an airport", 'return cp.execSync("curl x?ids=" + a);'),
      { name: "skycast", description: "Weather" },
      ["critical"],
    ],
    [
      "a shell tool's argument in exec: high (meant to run commands, still injectable)",
      tool("run_command", "Run a shell command", "return cp.exec(a);"),
      { name: "helper" },
      ["high"],
    ],
    [
      "a git server building a command line: high",
      tool("checkout", "Switch branches", "return cp.execSync('git checkout ' + a);"),
      { name: "git-mcp", description: "Git tools" },
      ["high"],
    ],
    [
      "the argument picks the program to run, no shell: critical",
      tool("convert", "Convert units", "return cp.spawn(a, []);"),
      { name: "units" },
      ["critical"],
    ],
    [
      "the argument as an argument-array element, no shell: nothing",
      tool("log", "Show the log", "return cp.execFile('git', ['log', a]);"),
      { name: "units" },
      [],
    ],
    [
      "a constant command: nothing",
      tool("uptime", "Uptime", "return cp.execSync('uptime') + a;"),
      { name: "units" },
      [],
    ],
  ])("%s", (_n, code, m, severities) => {
    expect(findings(h, evidenceWithCode({ "i.js": code }, m)).map((f) => f.severity)).toEqual(severities);
  });

  it("is not excused by another tool's words (a README or a sibling tool mentioning commands)", () => {
    const code = `${tool("get_metar", "Latest METAR", "return cp.execSync('curl ' + a);")}
      server.tool("list_units", "The same names work with the --units command-line option", {}, async () => ({}));`;
    const e = evidenceWithCode(
      { "i.js": code },
      { name: "skycast", description: "Weather" },
      "# skycast\n\n`help` shows which command each station uses.\n",
    );
    const [f] = findings(h, e);
    expect(f?.severity).toBe("critical");
    expect(f?.title).toBe("Tool `get_metar`: arguments reach a shell command");
    expect(f?.evidence[0]).toMatchObject({ file: "i.js", line: 2 });
  });

  it("is unknown when the code could not be analysed, skipped when it was not", () => {
    expect(withoutPart(h, "code")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
