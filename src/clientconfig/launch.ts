import npa from "npm-package-arg";
import type { Launch } from "../evidence/config.js";

/**
 * What an stdio entry's command line runs. Pure: reads the (already masked) command, args
 * and env; knows the flag grammar of the common launchers well enough to find the package
 * or image, and says "unknown" rather than guess.
 */

/** `C:\Program Files\nodejs\npx.cmd` -> `npx`. */
export function commandBase(command: string): string {
  const last = command.split(/[\\/]/).pop() ?? command;
  return last.toLowerCase().replace(/\.(cmd|exe|bat|ps1)$/, "");
}

const TRUE = /^(1|true|yes|on)$/i;

/** npm options that take a value (so the value is not the package). */
const NPM_VALUE_FLAGS = new Set([
  "-p",
  "--package",
  "-c",
  "--call",
  "--registry",
  "--cache",
  "--userconfig",
  "-w",
  "--workspace",
  "--prefix",
  "--loglevel",
]);

interface Runner {
  runner: Extract<Launch, { kind: "npm" }>["runner"];
  /** How many leading args name the subcommand (`pnpm dlx` -> 1). */
  skip: number;
}

function npmRunner(base: string, args: readonly string[]): Runner | undefined {
  if (base === "npx") return { runner: "npx", skip: 0 };
  if (base === "npm" && (args[0] === "exec" || args[0] === "x")) return { runner: "npm-exec", skip: 1 };
  if (base === "bunx") return { runner: "bunx", skip: 0 };
  if (base === "bun" && args[0] === "x") return { runner: "bunx", skip: 1 };
  if (base === "pnpx") return { runner: "pnpm-dlx", skip: 0 };
  if (base === "pnpm" && args[0] === "dlx") return { runner: "pnpm-dlx", skip: 1 };
  if (base === "yarn" && args[0] === "dlx") return { runner: "yarn-dlx", skip: 1 };
  return undefined;
}

function npmLaunch(r: Runner, args: readonly string[], env: Record<string, string>, offset: number): Launch {
  let ignoreScripts = Object.entries(env).some(
    ([k, v]) => k.toLowerCase() === "npm_config_ignore_scripts" && TRUE.test(v),
  );
  // Where npm installs from: a registry (or npmrc) the config names is not the one vetted.
  let registry = Object.entries(env).find(([k]) =>
    /^npm_config_(?:(?:@[^:]+:)?registry|userconfig|globalconfig)$/i.test(k),
  )?.[1];
  let pkgFlag: { value: string; index: number } | undefined;
  let i = r.skip;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      i++;
      break;
    }
    if (!a.startsWith("-")) break;
    if (a === "--ignore-scripts" || /^--ignore-scripts=(true|1)$/.test(a)) ignoreScripts = true;
    const reg = a.match(/^--(?:(?:@[^:=]+:)?registry|userconfig)=(.+)$/);
    if (reg) registry ??= reg[1];
    const eq = a.match(/^(--package)=(.+)$/);
    if (eq) pkgFlag ??= { value: eq[2]!, index: i };
    else if (NPM_VALUE_FLAGS.has(a)) {
      if ((a === "-p" || a === "--package") && args[i + 1] !== undefined)
        pkgFlag ??= { value: args[i + 1]!, index: i + 1 };
      if ((a === "--registry" || a === "--userconfig") && args[i + 1] !== undefined) registry ??= args[i + 1];
      i++;
    }
  }
  const spec = pkgFlag ?? (args[i] !== undefined ? { value: args[i]!, index: i } : undefined);
  if (!spec) return { kind: "unknown", reason: `${r.runner} without a package` };
  const serverArgs = args.slice(i + 1);
  let parsed: npa.Result;
  try {
    parsed = npa(spec.value, "/");
  } catch {
    return {
      kind: "unknown",
      reason: `${r.runner} runs a spec npm cannot parse: ${spec.value.slice(0, 200)}`,
    };
  }
  const target = parsed.type === "alias" ? (parsed as npa.AliasResult).subSpec : parsed;
  if (!target.registry || !target.name) {
    // A url, a git repository or a path: npx fetches and runs it, no registry involved.
    const source = nonRegistrySource(target);
    if (!source)
      return { kind: "unknown", reason: `${r.runner} runs a ${parsed.type} spec, not a registry package` };
    return {
      kind: "npm-url",
      runner: r.runner,
      source,
      spec: spec.value.slice(0, 2048),
      ...(source === "file" || source === "directory" ? { path: target.fetchSpec ?? spec.value } : {}),
      ignoreScripts,
      specIndex: spec.index < 0 || offset < 0 ? -1 : spec.index + offset,
      serverArgs,
    };
  }
  const requested = target.rawSpec === "" || target.rawSpec === "*" ? undefined : target.rawSpec;
  return {
    kind: "npm",
    runner: r.runner,
    spec: requested ? `${target.name}@${requested}` : target.name,
    name: target.name,
    ...(requested ? { requested } : {}),
    pinned: target.type === "version",
    ignoreScripts,
    ...(registry !== undefined ? { registry: registry.slice(0, 500) } : {}),
    specIndex: spec.index < 0 || offset < 0 ? -1 : spec.index + offset,
    serverArgs,
  };
}

function nonRegistrySource(r: npa.Result): Extract<Launch, { kind: "npm-url" }>["source"] | undefined {
  switch (r.type) {
    case "remote":
      return "remote";
    case "git":
      return "git";
    case "file":
      return "file";
    case "directory":
      return "directory";
    default:
      return undefined;
  }
}

function pythonLaunch(base: string, args: readonly string[]): Launch | undefined {
  const pinnedSpec = (p: string) => /==|@\d/.test(p);
  const positional = (from: number, valueFlags: Set<string>) => {
    for (let i = from; i < args.length; i++) {
      const a = args[i]!;
      if (a === "--") return i + 1 < args.length ? i + 1 : undefined;
      if (!a.startsWith("-")) return i;
      if (valueFlags.has(a)) i++;
    }
    return undefined;
  };
  const uvFlags = new Set([
    "--from",
    "--with",
    "--python",
    "-p",
    "--index",
    "--index-url",
    "--extra-index-url",
  ]);
  if (base === "uvx" || (base === "uv" && args[0] === "tool" && args[1] === "run")) {
    const start = base === "uvx" ? 0 : 2;
    const from = args.indexOf("--from");
    const at = positional(start, uvFlags);
    const pkg = from >= 0 && args[from + 1] ? args[from + 1] : at !== undefined ? args[at] : undefined;
    const rest = at !== undefined ? args.slice(at + 1) : [];
    return {
      kind: "python",
      runner: "uvx",
      ...(pkg ? { package: pkg } : {}),
      pinned: pkg ? pinnedSpec(pkg) : false,
      serverArgs: rest,
    };
  }
  if (base === "uv" && args[0] === "run") {
    // `uv run` runs a local project or script: nothing is fetched by name.
    return { kind: "python", runner: "uv", pinned: true, serverArgs: args.slice(1) };
  }
  if (base === "pipx" && args[0] === "run") {
    const spec = args.indexOf("--spec");
    const at = positional(1, new Set(["--spec", "--python", "--index-url", "--pip-args"]));
    const pkg = spec >= 0 && args[spec + 1] ? args[spec + 1] : at !== undefined ? args[at] : undefined;
    return {
      kind: "python",
      runner: "pipx",
      ...(pkg ? { package: pkg } : {}),
      pinned: pkg ? pinnedSpec(pkg) : false,
      serverArgs: at !== undefined ? args.slice(at + 1) : [],
    };
  }
  if (/^python(\d+(\.\d+)?)?$|^py$/.test(base)) {
    const m = args.indexOf("-m");
    const module = m >= 0 ? args[m + 1] : undefined;
    return {
      kind: "python",
      runner: "python",
      ...(module ? { package: module } : {}),
      pinned: true,
      serverArgs: args.slice(m >= 0 ? m + 2 : 1),
    };
  }
  return undefined;
}

const DOCKER_VALUE_FLAGS = new Set(
  (
    "-e --env --env-file -v --volume --mount -p --publish --name --network --net -u --user -w --workdir " +
    "--entrypoint --platform -l --label --label-file --cpus -m --memory --memory-swap --add-host --cap-add " +
    "--cap-drop --security-opt -h --hostname --device --pull --restart --tmpfs --ulimit --log-driver " +
    "--log-opt --pid --ipc --shm-size --gpus --runtime --dns --dns-search --expose --cidfile --stop-signal " +
    "--stop-timeout --health-cmd --ip --ip6 --group-add --userns --uts --cgroupns --volumes-from --link " +
    "--network-alias --attach -a --isolation --storage-opt --sysctl --blkio-weight --cpu-shares -c --cpuset-cpus"
  ).split(" "),
);

/** `src:dst[:opts]`, with Windows drive letters (`C:\x:/y:ro`) kept whole. */
function parseVolume(spec: string): { source: string; target?: string; readOnly: boolean } {
  const drive = /^[A-Za-z]:[\\/]/.test(spec) ? spec.slice(0, 2) : "";
  const parts = spec.slice(drive.length).split(":");
  const source = drive + parts[0];
  const opts = parts[2]?.split(",") ?? [];
  return { source, ...(parts[1] ? { target: parts[1] } : {}), readOnly: opts.includes("ro") };
}

function parseMount(spec: string): { source: string; target?: string; readOnly: boolean } | undefined {
  const kv = new Map<string, string>();
  for (const part of spec.split(",")) {
    const [k, ...v] = part.split("=");
    kv.set(k!.trim().toLowerCase(), v.join("="));
  }
  const source = kv.get("source") ?? kv.get("src");
  if (!source) return undefined;
  const target = kv.get("target") ?? kv.get("destination") ?? kv.get("dst");
  const ro = kv.has("readonly") || kv.has("ro");
  const roValue = kv.get("readonly") ?? kv.get("ro");
  return { source, ...(target ? { target } : {}), readOnly: ro && !/^(false|0)$/i.test(roValue ?? "") };
}

function dockerLaunch(args: readonly string[]): Launch {
  const start = args[0] === "run" ? 1 : args[0] === "container" && args[1] === "run" ? 2 : -1;
  if (start < 0) return { kind: "unknown", reason: `docker ${args[0] ?? ""} is not \`docker run\``.trim() };
  const mounts: Extract<Launch, { kind: "docker" }>["mounts"] = [];
  let privileged = false;
  let hostNetwork = false;
  let i = start;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith("-")) break;
    const [flag, inline] =
      a.startsWith("--") && a.includes("=")
        ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]
        : [a, undefined];
    if (flag === "--privileged") privileged = true;
    if (!DOCKER_VALUE_FLAGS.has(flag)) continue;
    const value = inline ?? args[++i];
    if (value === undefined) break;
    if (flag === "-v" || flag === "--volume") mounts.push(parseVolume(value));
    if (flag === "--mount") {
      const m = parseMount(value);
      if (m) mounts.push(m);
    }
    if ((flag === "--network" || flag === "--net") && value === "host") hostNetwork = true;
  }
  const ref = args[i];
  if (!ref) return { kind: "unknown", reason: "docker run without an image" };
  const at = ref.indexOf("@");
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  const named = at >= 0 ? ref.slice(0, at) : ref;
  const colon = named.lastIndexOf(":");
  const tag = colon > named.lastIndexOf("/") ? named.slice(colon + 1) : undefined;
  const image = tag !== undefined ? named.slice(0, colon) : named;
  return {
    kind: "docker",
    image,
    ...(tag ? { tag } : {}),
    ...(digest ? { digest } : {}),
    mounts,
    privileged,
    hostNetwork,
    serverArgs: args.slice(i + 1),
  };
}

/** What an entry runs once its wrappers are taken off, and what else they run. */
export interface Unwrapped {
  launch: Launch;
  /** The wrappers taken off, outermost first (`env`, `bash -lc`, `cmd /c`, …). */
  wrappers: string[];
  /** Other commands a shell string runs beside the server (not `cd`, `export`, `source`): hostile text, masked. */
  alsoRuns: string[];
}

/**
 * What `command args` runs. `env` is the entry's env (for `npm_config_ignore_scripts`).
 * Wrappers are taken off first: `env [-i] [K=V…] cmd`, `exec`/`nohup`/`nice`/`time`/`timeout`,
 * a shell string (`sh -c`, `bash -lc`, `zsh -c`, `cmd /c`, `powershell -Command`) split into
 * its commands, and a command written with its arguments (`"command": "npx -y pkg"`).
 * `specIndex` points into the original args, or is -1 when the spec sits inside a string.
 */
export function mapLaunch(
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Launch {
  return unwrapLaunch(command, args, env).launch;
}

export function unwrapLaunch(
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Unwrapped {
  const out: Unwrapped = { launch: { kind: "unknown", reason: "empty command" }, wrappers: [], alsoRuns: [] };
  out.launch = unwrap(command, args, { ...env }, 0, out, 0);
  return out;
}

/** Wrappers inside wrappers are followed this deep; deeper is a launch mcp-vet cannot tell. */
const MAX_WRAPPING = 8;
const SHELLS = new Set(["sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "fish"]);
const POWERSHELLS = new Set(["powershell", "pwsh"]);
/** Commands that run the rest of their arguments as a command. */
const PREFIX_COMMANDS = new Set([
  "exec",
  "nohup",
  "nice",
  "time",
  "command",
  "builtin",
  "stdbuf",
  "timeout",
  "sudo",
  "doas",
  "chronic",
  "caffeinate",
]);
/** Shell-string commands that only prepare the environment. */
const SETUP = new Set([
  "cd",
  "pushd",
  "export",
  "set",
  "unset",
  "true",
  ":",
  "echo",
  "nvm",
  "ulimit",
  "umask",
]);
/** `source`d files that only set up a version manager or the login environment. */
const SETUP_SOURCE = /nvm|asdf|volta|fnm|\.(?:bash|zsh)rc$|\.profile$|\.bash_profile$|\.zprofile$/;

function unwrap(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  offset: number,
  out: Unwrapped,
  depth: number,
): Launch {
  if (depth > MAX_WRAPPING) return { kind: "unknown", reason: "wrapped more deeply than mcp-vet follows" };
  const base = commandBase(command);
  // `"command": "npx -y pkg"`: clients that start through a shell split it; so does this.
  if (/\s/.test(command.trim()) && !/[\\/]/.test(command.trim().split(/\s+/)[0]!)) {
    const words = shellWords(command);
    const first = words[0] ? commandBase(words[0]) : "";
    if (words.length > 1 && isKnownCommand(first)) {
      out.wrappers.push("command with arguments");
      return asShellString(`${command} ${args.map(quoteWord).join(" ")}`, env, out, depth + 1, "sh");
    }
  }
  if (base === "env") {
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (a === "--") {
        i++;
        break;
      }
      if (a === "-i" || a === "--ignore-environment" || a === "-0" || a === "--null") continue;
      if (a === "-u" || a === "--unset" || a === "-C" || a === "--chdir" || a === "-P") {
        i++;
        continue;
      }
      if (a === "-S" || a === "--split-string") {
        // `env -S "npx -y pkg"`: the string is split into the command line.
        const rest = [...shellWords(args[i + 1] ?? ""), ...args.slice(i + 2)];
        out.wrappers.push("env -S");
        return rest[0] ? unwrap(rest[0], rest.slice(1), env, -1, out, depth + 1) : unknownEmpty();
      }
      if (/^--?[A-Za-z]/.test(a)) continue;
      const assign = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a);
      if (!assign) break;
      env[assign[1]!] = assign[2]!;
    }
    out.wrappers.push("env");
    const next = args[i];
    return next === undefined
      ? unknownEmpty()
      : unwrap(next, args.slice(i + 1), env, at(offset, i + 1), out, depth + 1);
  }
  if (PREFIX_COMMANDS.has(base)) {
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (a === "--") {
        i++;
        break;
      }
      if (!a.startsWith("-")) {
        // `timeout 30 cmd`, `nice 10 cmd`: a leading number is the wrapper's own.
        if ((base === "timeout" || base === "nice") && /^\d+(\.\d+)?[smhd]?$/.test(a)) continue;
        break;
      }
      if (/^-[nukgCs]$|^--(user|group|adjustment|signal|kill-after)$/.test(a)) i++;
    }
    out.wrappers.push(base);
    const next = args[i];
    return next === undefined
      ? unknownEmpty()
      : unwrap(next, args.slice(i + 1), env, at(offset, i + 1), out, depth + 1);
  }
  if (SHELLS.has(base)) {
    // `sh -c STRING`, `bash -lc STRING`, `bash -l -c STRING`, `bash --login -c STRING`.
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (!a.startsWith("-") && !a.startsWith("+")) break;
      if (/^-[A-Za-z]*c[A-Za-z]*$/.test(a) && args[i + 1] !== undefined) {
        out.wrappers.push(`${base} ${a}`);
        return asShellString(args[i + 1]!, env, out, depth + 1, "sh");
      }
    }
    // `bash script.sh`: a local script, not a package.
    return { kind: "binary", command, serverArgs: [...args] };
  }
  if (base === "cmd") {
    const c = args.findIndex((a) => /^\/[ck]$/i.test(a));
    if (c >= 0 && args[c + 1] !== undefined) {
      out.wrappers.push(`cmd ${args[c]!.toLowerCase()}`);
      // `cmd /c npx -y pkg`: the words are the command line, as cmd joins them.
      if (args.length > c + 2 && !args.slice(c + 1).some((a) => /[&|]/.test(a))) {
        return unwrap(args[c + 1]!, args.slice(c + 2), env, at(offset, c + 2), out, depth + 1);
      }
      return asShellString(args.slice(c + 1).join(" "), env, out, depth + 1, "cmd");
    }
  }
  if (POWERSHELLS.has(base)) {
    const c = args.findIndex((a) => /^-(c|command)$/i.test(a));
    if (c >= 0 && args[c + 1] !== undefined) {
      out.wrappers.push(`${base} ${args[c]}`);
      return asShellString(args.slice(c + 1).join(" "), env, out, depth + 1, "sh");
    }
  }
  let rest = args;
  // `npm --yes exec pkg`: npm's own flags before the subcommand.
  if (base === "npm") {
    let i = 0;
    while (i < rest.length && rest[i]!.startsWith("-")) i += NPM_VALUE_FLAGS.has(rest[i]!) ? 2 : 1;
    if (i > 0 && (rest[i] === "exec" || rest[i] === "x")) {
      offset = at(offset, i);
      rest = rest.slice(i);
    }
  }
  const runner = npmRunner(base, rest);
  if (runner) return npmLaunch(runner, rest, env, offset);
  const py = pythonLaunch(base, rest);
  if (py) return py;
  if (base === "docker" || base === "podman") return dockerLaunch(rest);
  if (base === "node" || base === "deno" || base === "bun") {
    const script = rest.find((a) => !a.startsWith("-"));
    const i = script === undefined ? rest.length : rest.indexOf(script);
    // `node …/npm/bin/npx-cli.js -y pkg`: npx itself, run by path.
    if (script && /(?:^|[\\/])npx-cli\.js$/.test(script))
      return npmLaunch({ runner: "npx", skip: 0 }, rest.slice(i + 1), env, at(offset, i + 1));
    // `deno run npm:pkg`: Deno fetches the npm package.
    if (script?.startsWith("npm:"))
      return npmLaunch({ runner: "npx", skip: 0 }, [script.slice(4), ...rest.slice(i + 1)], env, -1);
    return { kind: "node", ...(script ? { script } : {}), serverArgs: rest.slice(i + 1) };
  }
  if (base === "") return unknownEmpty();
  return { kind: "binary", command, serverArgs: [...rest] };
}

function unknownEmpty(): Launch {
  return { kind: "unknown", reason: "empty command" };
}

/** An index into the original args, or -1 once inside a string. */
function at(offset: number, i: number): number {
  return offset < 0 ? -1 : offset + i;
}

function isKnownCommand(base: string): boolean {
  return (
    base === "env" ||
    PREFIX_COMMANDS.has(base) ||
    SHELLS.has(base) ||
    POWERSHELLS.has(base) ||
    [
      "cmd",
      "npx",
      "npm",
      "bunx",
      "bun",
      "pnpx",
      "pnpm",
      "yarn",
      "uvx",
      "uv",
      "pipx",
      "docker",
      "podman",
      "node",
      "deno",
    ].includes(base) ||
    /^python(\d+(\.\d+)?)?$|^py$/.test(base)
  );
}

function quoteWord(w: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, "'\\''")}'`;
}

/**
 * A shell string's commands: the first that starts a package (npm, Python, Docker, node) is
 * the launch, else the last one; commands beside it that do more than set up the environment
 * are listed in `alsoRuns`. `K=V` prefixes and `export K=V` count as env.
 */
function asShellString(
  script: string,
  env: Record<string, string>,
  out: Unwrapped,
  depth: number,
  dialect: "sh" | "cmd",
): Launch {
  const commands = shellCommands(script, dialect);
  let chosen: Launch | undefined;
  let last: Launch | undefined;
  const others: string[] = [];
  for (const words of commands) {
    let i = 0;
    while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!)) {
      const [k, ...v] = words[i]!.split("=");
      env[k!] = v.join("=");
      i++;
    }
    const cmd = words.slice(i);
    if (cmd.length === 0) continue;
    const base = commandBase(cmd[0]!);
    if (SETUP.has(base) || ((base === "source" || base === ".") && SETUP_SOURCE.test(cmd[1] ?? ""))) {
      if (base === "export" || base === "set")
        for (const w of cmd.slice(1)) {
          const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(w);
          if (m) env[m[1]!] = m[2]!;
        }
      continue;
    }
    const launch = unwrap(cmd[0]!, cmd.slice(1), env, -1, out, depth);
    last = launch;
    if (!chosen && ["npm", "npm-url", "python", "docker", "node"].includes(launch.kind)) chosen = launch;
    else others.push(cmd.join(" ").slice(0, 200));
  }
  const launch = chosen ?? last;
  if (!launch) return { kind: "unknown", reason: "the shell string runs nothing mcp-vet can tell" };
  // The launch picked last is the launch; everything else it runs is reported beside it.
  for (const o of chosen ? others : others.slice(0, -1)) if (out.alsoRuns.length < 10) out.alsoRuns.push(o);
  return launch.kind === "npm" ? { ...launch, specIndex: -1 } : launch;
}

/** A shell string as commands of words: quotes, escapes, `;`, `&&`, `||`, `|`, `&` and newlines. */
export function shellCommands(script: string, dialect: "sh" | "cmd" = "sh"): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = "";
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push(word);
    word = "";
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length) commands.push(words);
    words = [];
  };
  const s = script.slice(0, 64 * 1024);
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (dialect === "sh" && c === "\\" && i + 1 < s.length) {
      word += s[++i];
      inWord = true;
    } else if (dialect === "cmd" && c === "^" && i + 1 < s.length) {
      word += s[++i];
      inWord = true;
    } else if (c === "'" && dialect === "sh") {
      const end = s.indexOf("'", i + 1);
      word += s.slice(i + 1, end < 0 ? s.length : end);
      inWord = true;
      i = end < 0 ? s.length : end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < s.length && s[j] !== '"'; j++) {
        if (dialect === "sh" && s[j] === "\\" && /["\\$`]/.test(s[j + 1] ?? "")) j++;
        word += s[j];
      }
      inWord = true;
      i = j;
    } else if (c === ";" || c === "&" || c === "|" || c === "\n" || c === "\r") {
      endCommand();
    } else if (c === "#" && dialect === "sh" && !inWord) {
      const nl = s.indexOf("\n", i);
      i = nl < 0 ? s.length : nl - 1;
    } else if (/\s/.test(c)) {
      endWord();
    } else {
      word += c;
      inWord = true;
    }
    if (commands.length > 50) break;
  }
  endCommand();
  return commands;
}

/** A string's words as a shell splits them (the first command's). */
function shellWords(s: string): string[] {
  return shellCommands(s)[0] ?? [];
}

/** The registry name an entry's launch points at, for duplicate detection and summaries. */
export function launchTarget(launch: Launch): string | undefined {
  switch (launch.kind) {
    case "npm":
      return `npm:${launch.name}`;
    case "npm-url":
      return `npm-url:${launch.spec}`;
    case "python":
      return launch.package ? `python:${launch.package.split(/==|@|\[/)[0]}` : undefined;
    case "docker":
      return `docker:${launch.image}`;
    case "node":
      return launch.script ? `node:${launch.script}` : undefined;
    case "binary":
      return `bin:${launch.command}`;
    case "remote":
      try {
        const u = new URL(launch.url);
        return `url:${u.origin}${u.pathname}`;
      } catch {
        return `url:${launch.url}`;
      }
    case "extension":
      return `ext:${launch.id}`;
    default:
      return undefined;
  }
}
