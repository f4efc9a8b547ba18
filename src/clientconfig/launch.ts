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
    const eq = a.match(/^(--package)=(.+)$/);
    if (eq) pkgFlag ??= { value: eq[2]!, index: i };
    else if (NPM_VALUE_FLAGS.has(a)) {
      if ((a === "-p" || a === "--package") && args[i + 1] !== undefined)
        pkgFlag ??= { value: args[i + 1]!, index: i + 1 };
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
    return { kind: "unknown", reason: `${r.runner} runs a ${parsed.type} spec, not a registry package` };
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
    specIndex: spec.index + offset,
    serverArgs,
  };
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

/**
 * What `command args` runs. `env` is the entry's env (for `npm_config_ignore_scripts`).
 * Windows `cmd /c npx …` wrappers are unwrapped; `specIndex` still points into the original args.
 */
export function mapLaunch(
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Launch {
  let base = commandBase(command);
  let rest = args;
  let offset = 0;
  if (base === "cmd" && /^\/c$/i.test(args[0] ?? "") && args[1]) {
    // `cmd /c npx -y pkg`, common on Windows.
    base = commandBase(args[1]);
    rest = args.slice(2);
    offset = 2;
  } else if ((base === "sh" || base === "bash") && args[0] === "-c" && args[1]) {
    const inner = args[1].split(/\s+/).filter(Boolean);
    if (inner[0]) {
      const launch = mapLaunch(inner[0], inner.slice(1), env);
      // The spec sits inside a shell string: it cannot be pinned by index.
      return launch.kind === "npm" ? { ...launch, specIndex: -1 } : launch;
    }
  }
  const runner = npmRunner(base, rest);
  if (runner) return npmLaunch(runner, rest, env, offset);
  const py = pythonLaunch(base, rest);
  if (py) return py;
  if (base === "docker" || base === "podman") return dockerLaunch(rest);
  if (base === "node" || base === "deno" || base === "bun") {
    const script = rest.find((a) => !a.startsWith("-"));
    const at = script === undefined ? rest.length : rest.indexOf(script);
    return { kind: "node", ...(script ? { script } : {}), serverArgs: rest.slice(at + 1) };
  }
  if (base === "") return { kind: "unknown", reason: "empty command" };
  return { kind: "binary", command, serverArgs: [...rest] };
}

/** The registry name an entry's launch points at, for duplicate detection and summaries. */
export function launchTarget(launch: Launch): string | undefined {
  switch (launch.kind) {
    case "npm":
      return `npm:${launch.name}`;
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
