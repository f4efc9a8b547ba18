import { describe, expect, it } from "vitest";
import { githubTarget, isOnGitHub, parseRepository } from "../../../src/collect/sources/github/repository.js";

const GH = { url: "https://github.com/o/r", host: "github.com", owner: "o", repo: "r" };

describe("parseRepository", () => {
  it.each([
    ["github:o/r", GH],
    ["o/r", GH],
    ["o/r#main", GH],
    ["git+https://github.com/o/r.git", GH],
    ["git://github.com/o/r.git", GH],
    ["git+ssh://git@github.com/o/r.git", GH],
    ["git@github.com:o/r.git", GH],
    ["https://github.com/o/r", GH],
    ["http://www.github.com/o/r.git", GH],
    ["https://github.com/o/r/tree/main/packages/x", { ...GH, directory: "packages/x" }],
    ["git+https://github.com/o/r.git#v1.0.0", GH],
    ["https://github.com/o/r/issues", GH],
    ["github.com/o/r", GH],
    ["gitlab:g/r", { url: "https://gitlab.com/g/r", host: "gitlab.com", owner: "g", repo: "r" }],
    [
      "https://gitlab.com/g/sub/r.git",
      { url: "https://gitlab.com/g/sub/r", host: "gitlab.com", owner: "g/sub", repo: "r" },
    ],
    ["bitbucket:o/r", { url: "https://bitbucket.org/o/r", host: "bitbucket.org", owner: "o", repo: "r" }],
    [
      "git+https://ghe.corp.example/team/tool.git",
      { url: "https://ghe.corp.example/team/tool", host: "ghe.corp.example", owner: "team", repo: "tool" },
    ],
    [
      "git@ghe.corp.example:team/tool.git",
      { url: "https://ghe.corp.example/team/tool", host: "ghe.corp.example", owner: "team", repo: "tool" },
    ],
  ])("%s", (raw, expected) => {
    expect(parseRepository(raw)).toEqual({ raw, ...expected });
  });

  it("reads the object form with its monorepo directory", () => {
    expect(
      parseRepository({
        type: "git",
        url: "git+https://github.com/modelcontextprotocol/servers.git",
        directory: "src/filesystem",
      }),
    ).toEqual({
      raw: "git+https://github.com/modelcontextprotocol/servers.git",
      url: "https://github.com/modelcontextprotocol/servers",
      host: "github.com",
      owner: "modelcontextprotocol",
      repo: "servers",
      directory: "src/filesystem",
    });
  });

  it.each([
    ["./src/x/", "src/x"],
    ["packages\\win", "packages/win"],
    ["../outside", undefined],
    ["a/../../b", undefined],
    [42, undefined],
  ])("directory %j becomes %j", (directory, expected) => {
    expect(parseRepository({ url: "github:o/r", directory })?.directory).toBe(expected);
  });

  it.each([
    [undefined],
    [null],
    [42],
    [""],
    [["github:o/r"]],
    [{ type: "git" }],
    [{ url: 7 }],
    ["x".repeat(2000)],
  ])("%j names no repository", (raw) => {
    expect(parseRepository(raw)).toBeUndefined();
  });

  it.each([["./local/folder"], ["@scope/name"], ["just-a-name"], ["file:../x"]])(
    "%j is kept as written but resolves to no repository",
    (raw) => {
      expect(parseRepository(raw)).toEqual({ raw });
    },
  );
});

describe("githubTarget", () => {
  it.each([
    ["github:o/r", true],
    ["https://github.com/o/r", true],
    ["o/r", true],
    ["gitlab:o/r", false],
    ["@scope/name", false],
    ["name@1.2.3", false],
  ])("%s → %s", (spec, isGitHub) => {
    expect(Boolean(githubTarget(spec))).toBe(isGitHub);
  });

  it("accepts the GitHub Enterprise host behind the API url", () => {
    expect(githubTarget("https://ghe.corp.example/team/tool", "https://ghe.corp.example/api/v3")?.owner).toBe(
      "team",
    );
    expect(githubTarget("https://ghe.corp.example/team/tool")).toBeUndefined();
  });
});

describe("isOnGitHub", () => {
  const gh = { raw: "o/r", host: "github.com", owner: "o", repo: "r" };
  it("does not look for github.com repositories on a GitHub Enterprise API", () => {
    expect(isOnGitHub(gh, "https://api.github.com")).toBe(true);
    expect(isOnGitHub(gh, "https://ghe.corp.example/api/v3")).toBe(false);
    expect(isOnGitHub(gh, "https://api.acme.ghe.com")).toBe(false);
    expect(isOnGitHub({ ...gh, host: "acme.ghe.com" }, "https://api.acme.ghe.com")).toBe(true);
    expect(isOnGitHub({ ...gh, host: "ghe.corp.example" }, "https://ghe.corp.example/api/v3")).toBe(true);
    // A proxy of api.github.com (or a test double) serves github.com.
    expect(isOnGitHub(gh, "http://127.0.0.1:8080/github")).toBe(true);
  });

  it("needs an owner and a repository", () => {
    expect(
      isOnGitHub({ raw: "gist:abc", host: "gist.github.com", repo: "abc" }, "https://api.github.com"),
    ).toBe(false);
  });
});
