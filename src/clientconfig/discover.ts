import { stat } from "node:fs/promises";
import path from "node:path";
import type { ConfigClient, ConfigScope } from "../evidence/config.js";

/**
 * Where MCP clients keep their server configuration, per platform. The candidate list is
 * pure (so each platform's layout is testable anywhere); `findConfigFiles` checks the disk.
 *
 * Sources (client docs): Claude Desktop and Claude Code (modelcontextprotocol.io quickstart,
 * docs.anthropic.com Claude Code MCP), Cursor (docs.cursor.com context/mcp), VS Code
 * (code.visualstudio.com docs/copilot/reference/mcp-configuration), Windsurf
 * (docs.windsurf.com cascade/mcp), Cline (docs.cline.bot mcp), Zed (zed.dev docs/ai/mcp),
 * Gemini CLI (geminicli.com docs/cli/configuration), Amazon Q Developer, GitHub Copilot CLI.
 */

export interface ConfigCandidate {
  client: ConfigClient;
  path: string;
  scope: ConfigScope;
}

export interface DiscoverOptions {
  home: string;
  cwd: string;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
}

/** Every path a known client may read its MCP servers from, whether or not it exists. */
export function discoverConfigFiles(opts: DiscoverOptions): ConfigCandidate[] {
  const p = opts.platform === "win32" ? path.win32 : path.posix;
  const { home, cwd, env } = opts;
  const j = (...parts: string[]) => p.join(...parts);
  // The per-user application data folder Electron apps (Claude, VS Code) use.
  const appData =
    opts.platform === "win32"
      ? (env.APPDATA ?? j(home, "AppData", "Roaming"))
      : opts.platform === "darwin"
        ? j(home, "Library", "Application Support")
        : (env.XDG_CONFIG_HOME ?? j(home, ".config"));
  const zedDir =
    opts.platform === "win32" ? j(appData, "Zed") : j(env.XDG_CONFIG_HOME ?? j(home, ".config"), "zed");
  const editors = ["Code", "Code - Insiders", "VSCodium", "Cursor", "Windsurf"];

  const out: ConfigCandidate[] = [];
  const user = (client: ConfigClient, file: string) => out.push({ client, path: file, scope: "user" });
  const project = (client: ConfigClient, file: string) => out.push({ client, path: file, scope: "project" });

  user("claude-desktop", j(appData, "Claude", "claude_desktop_config.json"));
  user("claude-code", j(home, ".claude.json"));
  if (env.CLAUDE_CONFIG_DIR) user("claude-code", j(env.CLAUDE_CONFIG_DIR, ".claude.json"));
  project("claude-code", j(cwd, ".mcp.json"));
  user("cursor", j(home, ".cursor", "mcp.json"));
  project("cursor", j(cwd, ".cursor", "mcp.json"));
  for (const editor of ["Code", "Code - Insiders", "VSCodium"]) {
    user("vscode", j(appData, editor, "User", "mcp.json"));
    user("vscode", j(appData, editor, "User", "settings.json"));
  }
  project("vscode", j(cwd, ".vscode", "mcp.json"));
  project("vscode", j(cwd, ".vscode", "settings.json"));
  user("windsurf", j(home, ".codeium", "windsurf", "mcp_config.json"));
  // Cline and Roo Code are VS Code extensions: their files sit in each host editor's globalStorage.
  for (const editor of editors) {
    const storage = j(appData, editor, "User", "globalStorage");
    user("cline", j(storage, "saoudrizwan.claude-dev", "settings", "cline_mcp_settings.json"));
    user("roo-code", j(storage, "rooveterinaryinc.roo-cline", "settings", "mcp_settings.json"));
  }
  project("roo-code", j(cwd, ".roo", "mcp.json"));
  user("zed", j(zedDir, "settings.json"));
  project("zed", j(cwd, ".zed", "settings.json"));
  user("gemini-cli", j(home, ".gemini", "settings.json"));
  project("gemini-cli", j(cwd, ".gemini", "settings.json"));
  user("amazon-q", j(home, ".aws", "amazonq", "mcp.json"));
  project("amazon-q", j(cwd, ".amazonq", "mcp.json"));
  user("copilot-cli", j(env.COPILOT_HOME ?? j(home, ".copilot"), "mcp-config.json"));
  user("lm-studio", j(home, ".lmstudio", "mcp.json"));

  // cwd may be home: a path is listed once, under its first client.
  const seen = new Set<string>();
  return out.filter((c) => !seen.has(c.path) && seen.add(c.path));
}

export interface FoundConfigs {
  found: (ConfigCandidate & { size: number })[];
  /** Not there (or not a readable file): reported, not an error. */
  missing: (ConfigCandidate & { reason: string })[];
}

/** Which candidates exist as files. Never throws. */
export async function findConfigFiles(candidates: readonly ConfigCandidate[]): Promise<FoundConfigs> {
  const result: FoundConfigs = { found: [], missing: [] };
  const checks = await Promise.all(
    candidates.map(async (c) => {
      try {
        const s = await stat(c.path);
        return s.isFile() ? { c, size: s.size } : { c, reason: "not a file" };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        return { c, reason: code === "ENOENT" || code === "ENOTDIR" ? "not found" : (code ?? "unreadable") };
      }
    }),
  );
  for (const r of checks) {
    if ("size" in r && r.size !== undefined) result.found.push({ ...r.c, size: r.size });
    else result.missing.push({ ...r.c, reason: r.reason ?? "not found" });
  }
  return result;
}

/** The client a user-given path most likely belongs to, from its name and folder. */
export function clientForPath(file: string, home?: string): ConfigCandidate {
  const norm = file.replace(/\\/g, "/");
  const lower = norm.toLowerCase();
  const base = lower.split("/").pop() ?? lower;
  const has = (s: string) => lower.includes(s);
  const rules: [boolean, ConfigClient, ConfigScope][] = [
    [base === "claude_desktop_config.json", "claude-desktop", "user"],
    [base === ".claude.json", "claude-code", "user"],
    [base === ".mcp.json", "claude-code", "project"],
    [base === "cline_mcp_settings.json", "cline", "user"],
    [base === "mcp_settings.json" || has("/.roo/"), "roo-code", has("/.roo/") ? "project" : "user"],
    [base === "mcp_config.json", "windsurf", "user"],
    [has("/.cursor/"), "cursor", home !== undefined && inHome(norm, home, ".cursor") ? "user" : "project"],
    [has("/.vscode/"), "vscode", "project"],
    [has("/code/user/") || has("/code - insiders/user/") || has("/vscodium/user/"), "vscode", "user"],
    [has("/zed/"), "zed", "user"],
    [has("/.zed/"), "zed", "project"],
    [
      has("/.gemini/"),
      "gemini-cli",
      home !== undefined && !inHome(norm, home, ".gemini") ? "project" : "user",
    ],
    [has("/amazonq/") || has("/.amazonq/"), "amazon-q", "user"],
    [base === "mcp-config.json", "copilot-cli", "user"],
    [has("/.lmstudio/"), "lm-studio", "user"],
  ];
  const hit = rules.find(([ok]) => ok);
  return { client: hit?.[1] ?? "unknown", path: file, scope: hit?.[2] ?? "user" };
}

function inHome(norm: string, home: string, dir: string): boolean {
  return norm.startsWith(`${home.replace(/\\/g, "/").replace(/\/$/, "")}/${dir}/`);
}
