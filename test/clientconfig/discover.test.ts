import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { clientForPath, discoverConfigFiles, findConfigFiles } from "../../src/clientconfig/discover.js";
import { collectConfigs, vetTargets } from "../../src/clientconfig/read.js";

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

function tempHome(): { home: string; cwd: string } {
  const root = mkdtempSync(path.join(tmpdir(), "mcp-vet-home-"));
  temps.push(root);
  const cwd = path.join(root, "project");
  mkdirSync(cwd);
  return { home: root, cwd };
}

function put(file: string, text = '{"mcpServers":{}}') {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe("discoverConfigFiles", () => {
  it("linux layout", () => {
    const c = discoverConfigFiles({ home: "/home/a", cwd: "/w", platform: "linux", env: {} });
    const paths = c.map((x) => `${x.client} ${x.scope} ${x.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        "claude-desktop user /home/a/.config/Claude/claude_desktop_config.json",
        "claude-code user /home/a/.claude.json",
        "claude-code project /w/.mcp.json",
        "cursor user /home/a/.cursor/mcp.json",
        "cursor project /w/.cursor/mcp.json",
        "vscode user /home/a/.config/Code/User/mcp.json",
        "vscode user /home/a/.config/Code/User/settings.json",
        "vscode project /w/.vscode/mcp.json",
        "windsurf user /home/a/.codeium/windsurf/mcp_config.json",
        "cline user /home/a/.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json",
        "zed user /home/a/.config/zed/settings.json",
        "gemini-cli user /home/a/.gemini/settings.json",
        "gemini-cli project /w/.gemini/settings.json",
      ]),
    );
  });

  it("linux honours XDG_CONFIG_HOME", () => {
    const c = discoverConfigFiles({
      home: "/home/a",
      cwd: "/w",
      platform: "linux",
      env: { XDG_CONFIG_HOME: "/x" },
    });
    expect(c.map((x) => x.path)).toContain("/x/Claude/claude_desktop_config.json");
    expect(c.map((x) => x.path)).toContain("/x/zed/settings.json");
  });

  it("macOS layout", () => {
    const c = discoverConfigFiles({ home: "/Users/a", cwd: "/w", platform: "darwin", env: {} }).map(
      (x) => x.path,
    );
    expect(c).toContain("/Users/a/Library/Application Support/Claude/claude_desktop_config.json");
    expect(c).toContain("/Users/a/Library/Application Support/Code/User/mcp.json");
    expect(c).toContain("/Users/a/.config/zed/settings.json");
    expect(c).toContain("/Users/a/.cursor/mcp.json");
  });

  it("Windows layout", () => {
    const c = discoverConfigFiles({
      home: "C:\\Users\\a",
      cwd: "D:\\work",
      platform: "win32",
      env: { APPDATA: "C:\\Users\\a\\AppData\\Roaming" },
    }).map((x) => x.path);
    expect(c).toContain("C:\\Users\\a\\AppData\\Roaming\\Claude\\claude_desktop_config.json");
    expect(c).toContain("C:\\Users\\a\\.claude.json");
    expect(c).toContain("D:\\work\\.mcp.json");
    expect(c).toContain("C:\\Users\\a\\AppData\\Roaming\\Code\\User\\mcp.json");
    expect(c).toContain("C:\\Users\\a\\AppData\\Roaming\\Zed\\settings.json");
    expect(c).toContain("C:\\Users\\a\\.codeium\\windsurf\\mcp_config.json");
  });

  it("lists a path once when cwd is home", () => {
    const c = discoverConfigFiles({ home: "/h", cwd: "/h", platform: "linux", env: {} });
    expect(new Set(c.map((x) => x.path)).size).toBe(c.length);
  });
});

describe("findConfigFiles on a temp HOME", () => {
  it.each(["linux", "darwin"] as const)("%s: found and missing", async (platform) => {
    const { home, cwd } = tempHome();
    const candidates = discoverConfigFiles({ home, cwd, platform, env: {} });
    const desktop = candidates.find((c) => c.client === "claude-desktop")!.path;
    put(desktop);
    put(path.join(home, ".claude.json"));
    put(path.join(cwd, ".vscode", "mcp.json"));
    mkdirSync(path.join(home, ".cursor", "mcp.json"), { recursive: true }); // a folder, not a file
    const r = await findConfigFiles(candidates);
    expect(r.found.map((f) => f.path).sort()).toEqual(
      [desktop, path.join(home, ".claude.json"), path.join(cwd, ".vscode", "mcp.json")].sort(),
    );
    expect(r.missing.find((m) => m.path === path.join(home, ".cursor", "mcp.json"))?.reason).toBe(
      "not a file",
    );
    expect(r.missing.length).toBe(candidates.length - 3);
  });

  it("collects found files end to end, duplicates across scopes", async () => {
    const { home, cwd } = tempHome();
    put(path.join(home, ".claude.json"), '{"mcpServers":{"m":{"command":"npx","args":["-y","mem@1.0.0"]}}}');
    put(path.join(cwd, ".mcp.json"), '{"mcpServers":{"m":{"command":"npx","args":["-y","mem@2.0.0"]}}}');
    put(path.join(cwd, ".cursor", "mcp.json"), "{ not json");
    const r = await findConfigFiles(discoverConfigFiles({ home, cwd, platform: "linux", env: {} }));
    const files = await collectConfigs(r.found);
    const byClient = Object.fromEntries(files.map((f) => [`${f.client}:${f.scope}`, f]));
    expect(byClient["cursor:project"]?.errors.length).toBeGreaterThan(0);
    expect(byClient["claude-code:user"]?.entries[0]?.duplicates[0]).toMatchObject({
      reason: "same-name",
      sameSettings: false,
    });
  });
});

describe("clientForPath", () => {
  it.each([
    ["/x/claude_desktop_config.json", "claude-desktop"],
    ["/home/a/.claude.json", "claude-code"],
    ["/w/.mcp.json", "claude-code"],
    ["/w/.vscode/mcp.json", "vscode"],
    ["C:\\Users\\a\\AppData\\Roaming\\Code\\User\\settings.json", "vscode"],
    ["/h/.codeium/windsurf/mcp_config.json", "windsurf"],
    ["/h/.config/zed/settings.json", "zed"],
    ["/h/.gemini/settings.json", "gemini-cli"],
    ["/tmp/random.json", "unknown"],
  ])("%s", (p, client) => {
    expect(clientForPath(p).client).toBe(client);
  });

  it("tells a user Cursor file from a project one", () => {
    expect(clientForPath("/h/.cursor/mcp.json", "/h").scope).toBe("user");
    expect(clientForPath("/w/p/.cursor/mcp.json", "/h").scope).toBe("project");
  });
});

describe("vetTargets", () => {
  it("gives npm specs for npm launches only", async () => {
    const { home, cwd } = tempHome();
    put(
      path.join(home, ".cursor", "mcp.json"),
      '{"mcpServers":{"a":{"command":"npx","args":["-y","a@1.0.0"]},"b":{"url":"https://x.example/mcp"},"c":{"command":"uvx","args":["c"]}}}',
    );
    const r = await findConfigFiles(discoverConfigFiles({ home, cwd, platform: "linux", env: {} }));
    const targets = vetTargets(await collectConfigs(r.found));
    expect(targets.map((t) => [t.entry.name, t.npmSpec])).toEqual([
      ["a", "a@1.0.0"],
      ["b", undefined],
      ["c", undefined],
    ]);
  });
});
