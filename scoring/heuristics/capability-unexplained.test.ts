import { describe, expect, it } from "vitest";
import { evidenceWithCode } from "../../test/support/code.js";
import { evidence } from "../../test/support/evidence.js";
import { findings } from "../../test/support/run.js";
import h from "./capability-unexplained.js";

const SHELL = `require("child_process").exec("ls");`;
const FETCH = `fetch("https://api.search.example/q");`;
const WRITE = `require("fs").writeFileSync("a", "b");`;

describe("capability-unexplained", () => {
  it.each([
    ["unit converter spawning a shell", { "i.js": SHELL }, { name: "unit-converter-mcp" }, ["high"]],
    [
      "…and reading ~/.ssh: critical",
      { "i.js": `${SHELL} const p = "~/.ssh/id_rsa";` },
      { name: "unit-converter-mcp" },
      ["critical"],
    ],
    ["fetch in a web-search server", { "i.js": FETCH }, { name: "web-search-mcp" }, []],
    ["fetch in a unit converter: low", { "i.js": FETCH }, { name: "unit-converter-mcp" }, ["low"]],
    ["filesystem server writing files", { "i.js": WRITE }, { name: "mcp-server-filesystem" }, []],
    [
      "shell in a terminal server",
      { "i.js": SHELL },
      { name: "mcp-shell", description: "Run shell commands" },
      [],
    ],
    [
      "purpose from keywords",
      { "i.js": SHELL },
      { name: "x-mcp", keywords: ["git"], description: "Helps" },
      [],
    ],
    ["env reads are always explained", { "i.js": "process.env.TOKEN;" }, { name: "calc-mcp" }, []],
  ])("%s", (_n, files, m, severities) => {
    expect(findings(h, evidenceWithCode(files, m)).map((f) => f.severity)).toEqual(severities);
  });

  it("takes purpose from tool names too", () => {
    const e = evidenceWithCode(
      { "i.js": `${SHELL} server.tool("run_command", "Runs a command", async () => ({}));` },
      { name: "helper" },
    );
    expect(findings(h, e)).toEqual([]);
  });

  it("takes purpose from the README's first section", () => {
    const e = evidenceWithCode(
      { "i.js": WRITE },
      { name: "helper" },
      "# helper\n\nManage your notes in Obsidian.\n",
    );
    expect(findings(h, e)).toEqual([]);
  });

  it("quotes the code", () => {
    const [f] = findings(h, evidenceWithCode({ "dist/i.js": SHELL }, { name: "calc" }));
    expect(f?.evidence[0]).toMatchObject({ file: "dist/i.js", line: 1 });
  });

  it("is skipped without code analysis", () => {
    expect(h.evaluate(evidence()).status).toBe("skipped");
  });
});
