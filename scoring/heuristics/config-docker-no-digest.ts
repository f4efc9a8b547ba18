import { defineHeuristic } from "../engine/heuristic.js";
import { at, entryLabel } from "./shared/config.js";

export default defineHeuristic(
  {
    id: "config-docker-no-digest",
    category: "configuration",
    title: "Docker image not pinned by digest",
    rationale:
      "Tags move: whoever controls the image (or its registry account) can replace what `:latest` or `:1.0` points to, and the client runs it on the next start.",
    remediation:
      "Pin the image by digest: `image@sha256:<digest>` (`docker buildx imagetools inspect image:tag` shows it).",
    severity: "medium",
    needs: ["config"],
  },
  (evidence) => {
    const entry = evidence.config.data;
    const l = entry?.launch;
    if (l?.kind !== "docker" || l.digest) return [];
    const floating = !l.tag || l.tag === "latest";
    return [
      {
        title: `"${entry.name}" runs ${l.image}:${l.tag ?? "latest"} without a digest`,
        detail: `${entryLabel(entry)} runs image ${l.image}${l.tag ? `:${l.tag}` : " (implicitly :latest)"}, which can change under it.`,
        evidence: [at(entry, undefined, `image: ${l.image}${l.tag ? `:${l.tag}` : ""}`)],
        ...(floating ? {} : { severity: "low" as const }),
      },
    ];
  },
);
