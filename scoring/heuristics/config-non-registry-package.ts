import { defineHeuristic } from "../engine/heuristic.js";
import { at, entryLabel } from "./shared/config.js";

/**
 * npx takes more than registry names: a tarball url, a git repository, a local path. None of
 * them has a version, an integrity or a registry record; what runs is whatever the url
 * answers today, and npx runs its install scripts (for git, `prepare` too, with the
 * repository's devDependencies).
 */
export default defineHeuristic(
  {
    id: "config-non-registry-package",
    category: "configuration",
    title: "Starts code that no registry records",
    rationale:
      "A url, a git repository or a path has no published version, no integrity and no registry history: what runs is whatever it holds at the moment the client starts, and npx runs its install scripts (a git repository's `prepare` builds it with its devDependencies).",
    remediation:
      "Start the server from its published npm package, pinned to an exact version (`npx -y name@1.2.3`), and vet that version.",
    severity: "high",
    needs: ["config"],
  },
  (evidence) => {
    const entry = evidence.config.data;
    const l = entry.launch;
    const vettedAt = evidence.npm.status === "ok" ? evidence.npm.data.registry : undefined;
    const same = (a: string, b: string) =>
      a.replace(/\/+$/, "").toLowerCase() === b.replace(/\/+$/, "").toLowerCase();
    if (l.kind === "npm" && l.registry !== undefined && !(vettedAt && same(vettedAt, l.registry))) {
      const arg = entry.args.find((a) => a.index === l.specIndex);
      return [
        {
          title: `"${entry.name}" installs ${l.name} from another registry`,
          detail: `${entryLabel(entry)} starts ${l.runner} ${l.spec} with its registry (or npmrc) set to ${l.registry.slice(0, 200)}: what runs is whatever that registry serves under the name, not the package vetted here.`,
          evidence: [at(entry, arg)],
        },
      ];
    }
    if (l.kind !== "npm-url") return [];
    const arg = entry.args.find((a) => a.index === l.specIndex);
    const plain = l.source === "remote" && /^http:/i.test(l.spec);
    const what = {
      remote: plain ? "downloads a tarball over plain http" : "downloads a tarball from a url",
      git: "clones and builds a git repository",
      file: "installs a tarball from a local path",
      directory: "runs a package from a local folder",
    }[l.source];
    return [
      {
        title: `"${entry.name}" ${what}`,
        detail: `${entryLabel(entry)} starts ${l.runner} ${l.spec.slice(0, 200)}: no registry, version or integrity stands between that source and your machine.`,
        evidence: [at(entry, arg, arg ? undefined : `${l.runner} ${l.spec.slice(0, 200)}`)],
        // A local folder is often the user's own code; the rest is someone else's, unpinned.
        ...(l.source === "directory" || l.source === "file" ? { severity: "medium" as const } : {}),
        ...(plain ? { severity: "critical" as const } : {}),
      },
    ];
  },
);
