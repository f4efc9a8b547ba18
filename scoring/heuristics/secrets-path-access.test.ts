import { describe, expect, it } from "vitest";
import { evidenceWithCode } from "../../test/support/code.js";
import { withoutPart } from "../../test/support/heuristic.js";
import { findings } from "../../test/support/run.js";
import h from "./secrets-path-access.js";

describe("secrets-path-access", () => {
  it.each([
    ["ssh key with network: critical", `const k = "~/.ssh/id_rsa"; fetch(u);`, {}, ["critical"]],
    ["aws credentials, no network: high", `const p = ".aws/credentials";`, {}, ["high"]],
    ["dotenv: low", `const p = ".env";`, {}, ["low"]],
    ["ssh server reading ~/.ssh: medium", `const k = "~/.ssh/id_rsa";`, { name: "ssh-mcp" }, ["medium"]],
    ["comment only: nothing", `// reads ~/.ssh/id_rsa`, {}, []],
    ["prose in a string: nothing", `const d = "We will never ever read your ~/.ssh keys";`, {}, []],
  ])("%s", (_n, code, m, severities) => {
    expect(findings(h, evidenceWithCode({ "i.js": code }, m)).map((f) => f.severity)).toEqual(severities);
  });

  it("groups by what is named", () => {
    const fs = findings(
      h,
      evidenceWithCode({ "i.js": `[".ssh/id_rsa", "id_ed25519", "claude_desktop_config.json"]` }),
    );
    expect(fs.map((f) => f.title)).toEqual(["Code names SSH keys", "Code names MCP client configuration"]);
    expect(fs[0]?.evidence).toHaveLength(2);
  });
});

describe("browser paths", () => {
  it.each([
    ["a profile folder", `const p = path.join(local, "Google", "Chrome", "User Data");`, 1],
    [
      "the Chrome executable is not a profile",
      `const p = "Google\\\\Chrome\\\\Application\\\\chrome.exe";`,
      0,
    ],
  ])("%s", (_n, code, count) => {
    expect(findings(h, evidenceWithCode({ "i.js": code }))).toHaveLength(count);
  });
});

describe("secrets-path-access without its evidence", () => {
  it("is unknown when the code analysis could not be read, skipped when not collected", () => {
    expect(withoutPart(h, "code")).toEqual({ unavailable: "unknown", skipped: "skipped" });
  });
});
