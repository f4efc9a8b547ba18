import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { ProbeCanary } from "../../../evidence/probe.js";

/** The sandbox's HOME. Its files are canaries: nothing a server needs to start lives there. */
export const SANDBOX_HOME = "/home/mcp";
/** The working folder the server starts in: an empty project. */
export const SANDBOX_PROJECT = `${SANDBOX_HOME}/project`;

interface CanaryFile {
  id: string;
  /** Relative to HOME. */
  path: string;
  content: (token: string) => string;
}

/**
 * Credentials and client configs a thief reaches for first. Each holds a token unique to this
 * run, so a copy found elsewhere (an argument, a DNS name) is traceable to the file.
 */
const FILES: readonly CanaryFile[] = [
  {
    id: "ssh-key",
    path: ".ssh/id_rsa",
    content: (t) =>
      `-----BEGIN OPENSSH PRIVATE KEY-----\n${Buffer.from(`mcp-vet canary ${t}`).toString("base64")}\n-----END OPENSSH PRIVATE KEY-----\n`,
  },
  {
    id: "ssh-key-ed25519",
    path: ".ssh/id_ed25519",
    content: (t) => `-----BEGIN OPENSSH PRIVATE KEY-----\n${t}\n-----END OPENSSH PRIVATE KEY-----\n`,
  },
  {
    id: "aws-credentials",
    path: ".aws/credentials",
    content: (t) =>
      `[default]\naws_access_key_id = AKIA${t.slice(0, 16).toUpperCase()}\naws_secret_access_key = ${t}\n`,
  },
  { id: "npm-token", path: ".npmrc", content: (t) => `//registry.npmjs.org/:_authToken=npm_${t}\n` },
  { id: "git-credentials", path: ".git-credentials", content: (t) => `https://mcp-vet:${t}@github.com\n` },
  {
    id: "gh-cli-token",
    path: ".config/gh/hosts.yml",
    content: (t) => `github.com:\n    oauth_token: gho_${t}\n    user: mcp-vet\n`,
  },
  {
    id: "docker-config",
    path: ".docker/config.json",
    content: (t) =>
      JSON.stringify({
        auths: { "https://index.docker.io/v1/": { auth: Buffer.from(`mcp-vet:${t}`).toString("base64") } },
      }),
  },
  {
    id: "kube-config",
    path: ".kube/config",
    content: (t) => `apiVersion: v1\nkind: Config\nusers:\n- name: mcp-vet\n  user:\n    token: ${t}\n`,
  },
  {
    id: "gcloud-credentials",
    path: ".config/gcloud/application_default_credentials.json",
    content: (t) => JSON.stringify({ type: "authorized_user", refresh_token: t }),
  },
  ...mcpClientConfigs(),
];

/** Other MCP clients' configs: where a server finds every other server's secrets. */
function mcpClientConfigs(): CanaryFile[] {
  const servers = (t: string) =>
    JSON.stringify({
      mcpServers: {
        github: {
          command: "npx",
          args: ["-y", "@modelcontextprotocol/server-github"],
          env: { GITHUB_PERSONAL_ACCESS_TOKEN: `ghp_${t}` },
        },
      },
    });
  return [
    { id: "claude-desktop-config", path: ".config/Claude/claude_desktop_config.json", content: servers },
    { id: "claude-code-config", path: ".claude.json", content: servers },
    { id: "cursor-config", path: ".cursor/mcp.json", content: servers },
    { id: "windsurf-config", path: ".codeium/windsurf/mcp_config.json", content: servers },
    { id: "gemini-config", path: ".gemini/settings.json", content: servers },
    {
      id: "vscode-config",
      path: ".config/Code/User/mcp.json",
      content: (t) => JSON.stringify({ servers: JSON.parse(servers(t)).mcpServers }),
    },
  ];
}

/** Folders whose listing alone is reconnaissance of the credentials in them. */
const CANARY_DIRS: Record<string, string> = {
  ".ssh": "ssh-key",
  ".aws": "aws-credentials",
  ".docker": "docker-config",
  ".kube": "kube-config",
  ".config/gh": "gh-cli-token",
  ".config/gcloud": "gcloud-credentials",
};

/** Variables never given a canary value: the sandbox sets them, or they change how programs run. */
export const RESERVED_ENV =
  /^(PATH|HOME|PWD|SHELL|USER|LOGNAME|TMPDIR|LANG|LC_\w+|TERM|NODE_\w+|LD_\w+|npm_\w+|NPM_\w+|DYLD_\w+)$/i;
const MAX_ENV_CANARIES = 50;

export interface PlantedCanaries {
  /** Host file → path inside the sandbox (bound read-only). */
  binds: { host: string; sandbox: string }[];
  env: Record<string, string>;
  canaries: ProbeCanary[];
  /** Absolute sandbox path of each canary file or folder → canary id. */
  paths: Map<string, string>;
  /** Each token → canary id, to recognise a canary's contents elsewhere. */
  tokens: Map<string, string>;
}

/**
 * Writes the canary files into `hostDir` (bound into the sandbox's HOME one by one) and makes a
 * canary value for each variable the server's config would pass.
 */
export async function plantCanaries(hostDir: string, envNames: readonly string[]): Promise<PlantedCanaries> {
  const planted: PlantedCanaries = { binds: [], env: {}, canaries: [], paths: new Map(), tokens: new Map() };
  for (const f of FILES) {
    const token = `mcpvetcanary${randomBytes(8).toString("hex")}`;
    const host = join(hostDir, f.id);
    await mkdir(dirname(host), { recursive: true });
    await writeFile(host, f.content(token), { mode: 0o600 });
    const sandbox = `${SANDBOX_HOME}/${f.path}`;
    planted.binds.push({ host, sandbox });
    planted.canaries.push({ id: f.id, kind: "file", where: `~/${f.path}` });
    planted.paths.set(sandbox, f.id);
    planted.tokens.set(token, f.id);
  }
  for (const [dir, id] of Object.entries(CANARY_DIRS)) planted.paths.set(`${SANDBOX_HOME}/${dir}`, id);
  const names = [...new Set(envNames)].filter(
    (n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n) && !RESERVED_ENV.test(n),
  );
  for (const name of names.slice(0, MAX_ENV_CANARIES)) {
    const token = `mcpvetcanary${randomBytes(8).toString("hex")}`;
    planted.env[name] = token;
    planted.canaries.push({ id: `env:${name}`, kind: "env", where: name });
    planted.tokens.set(token, `env:${name}`);
  }
  return planted;
}

/** A sandbox path as the report shows it: the canary HOME as `~`. */
export function displayPath(path: string): string {
  if (path === SANDBOX_HOME) return "~";
  return path.startsWith(`${SANDBOX_HOME}/`) ? `~${path.slice(SANDBOX_HOME.length)}` : path;
}

/** Canary ids whose token appears in a text. */
export function tokensIn(text: string, tokens: Map<string, string>): string[] {
  if (!text.includes("mcpvetcanary")) return [];
  return [...tokens].filter(([t]) => text.includes(t)).map(([, id]) => id);
}
