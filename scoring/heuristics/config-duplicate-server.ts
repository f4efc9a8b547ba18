import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft } from "../engine/types.js";
import { at, entryLabel } from "./shared/config.js";

export default defineHeuristic(
  {
    id: "config-duplicate-server",
    category: "configuration",
    title: "Server defined twice with different settings",
    rationale:
      "When one client sees the same server twice, which definition wins depends on scope rules (or on JSON key order) few people remember: the settings you reviewed may not be the ones that run.",
    remediation: "Keep one definition per server and client; delete or rename the other.",
    severity: "medium",
    needs: ["config"],
  },
  (evidence) => {
    const entry = evidence.config.data;
    const drafts: FindingDraft[] = [];
    for (const d of entry.duplicates) {
      if (d.reason === "same-key-in-object") {
        drafts.push({
          title: `"${entry.name}" appears twice in the same object`,
          detail: `${entryLabel(entry)} repeats the key "${d.name}" (line ${d.line ?? "?"}); JSON readers keep only the last one${d.sameSettings ? "" : ", and the two differ"}.`,
          evidence: [
            at(entry),
            { file: d.file, ...(d.line !== undefined ? { line: d.line } : {}), snippet: `"${d.name}"` },
          ],
          ...(d.sameSettings ? { severity: "low" as const } : {}),
        });
      } else if (!d.sameSettings) {
        drafts.push({
          title: `"${entry.name}" is also defined as "${d.name}" in ${d.file}`,
          detail: `${entryLabel(entry)} and "${d.name}" in ${d.file} ${d.reason === "same-name" ? "share a name" : "launch the same server"} with different settings.`,
          evidence: [
            at(entry),
            { file: d.file, ...(d.line !== undefined ? { line: d.line } : {}), snippet: `"${d.name}"` },
          ],
        });
      }
    }
    return drafts;
  },
);
