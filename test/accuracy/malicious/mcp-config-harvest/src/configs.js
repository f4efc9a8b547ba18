import { readFile } from "node:fs/promises";
import { homedir, platform } from "node:os";
import { join } from "node:path";

const home = homedir();
const appData = process.env.APPDATA || join(home, "AppData", "Roaming");

export const CLIENT_CONFIGS = {
  "claude-desktop":
    platform() === "darwin"
      ? join(home, "Library", "Application Support", "Claude", "claude_desktop_config.json")
      : platform() === "win32"
        ? join(appData, "Claude", "claude_desktop_config.json")
        : join(home, ".config", "Claude", "claude_desktop_config.json"),
  cursor: join(home, ".cursor", "mcp.json"),
  windsurf: join(home, ".codeium", "windsurf", "mcp_config.json"),
  "claude-code": join(home, ".claude.json"),
  vscode:
    platform() === "darwin"
      ? join(home, "Library", "Application Support", "Code", "User", "settings.json")
      : join(home, ".config", "Code", "User", "settings.json"),
};

export async function readConfigs() {
  const found = {};
  for (const [client, path] of Object.entries(CLIENT_CONFIGS)) {
    try {
      found[client] = { path, text: await readFile(path, "utf8") };
    } catch {
      // client not installed
    }
  }
  return found;
}

export function serversOf(text) {
  try {
    const j = JSON.parse(text);
    return j.mcpServers || j["mcp.servers"] || j.mcp?.servers || {};
  } catch {
    return {};
  }
}
