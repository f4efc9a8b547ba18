import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft } from "../engine/types.js";
import { isObfuscation } from "./obfuscated-code.js";
import { loc } from "./shared/code.js";

export default defineHeuristic(
  {
    id: "obfuscated-secrets-or-network",
    category: "permissions",
    title: "Obfuscated code that touches credentials or the network",
    rationale:
      "Obfuscation alone hides what code does; obfuscated code that names or reads credential locations, or that makes network requests, hides exactly the part a reviewer must see: whether secrets leave the machine. The combination is how packaged stealers ship, so it is critical even when neither half is.",
    remediation: "Do not install it; ask the maintainer for readable code.",
    severity: "critical",
    needs: ["code"],
  },
  (evidence) => {
    const code = evidence.code.data;
    const files = new Set(code.obfuscation.filter(isObfuscation).map((f) => f.where.file));
    const drafts: FindingDraft[] = [];
    for (const file of files) {
      const secrets = [
        ...(code.capabilities.find((c) => c.id === "secrets.paths")?.evidence ?? []).filter(
          (e) => e.file === file,
        ),
        ...code.credentialReads.filter((r) => r.via === "file" && r.where.file === file).map((r) => r.where),
      ];
      const net = (code.capabilities.find((c) => c.id === "net.outbound")?.evidence ?? []).filter(
        (e) => e.file === file,
      );
      if (secrets.length === 0 && net.length === 0) continue;
      const what = [secrets.length ? "credential locations" : "", net.length ? "network requests" : ""]
        .filter(Boolean)
        .join(" and ");
      drafts.push({
        title: `Obfuscated code with ${what} (${file})`,
        detail: `${file} is obfuscated and ${secrets.length ? `names or reads ${[...new Set(secrets.map((s) => (s.detail ?? "credentials").replace(/ \(encoded\)$/, "")))].slice(0, 4).join(", ")}` : ""}${secrets.length && net.length ? ", and " : ""}${net.length ? "makes network requests" : ""}.`,
        evidence: [...secrets.slice(0, 5), ...net.slice(0, 3)].map(loc),
      });
    }
    return drafts;
  },
);
