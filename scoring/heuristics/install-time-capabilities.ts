import { defineHeuristic } from "../engine/heuristic.js";
import type { Severity } from "../engine/types.js";

export default defineHeuristic(
  {
    id: "install-time-capabilities",
    category: "supply-chain",
    title: "Install scripts reach the network, a shell or credentials",
    rationale:
      "What an install script runs executes before anyone reviews or starts the server. Network access, shells or credential paths at install time are how install-hook malware works. Credential paths are critical; network and shells are high, since established packages use them for telemetry and binary downloads (a new package doing so is critical: new-package-install-network).",
    remediation:
      "Install with `--ignore-scripts`, or do not install the package until the install step is explained.",
    severity: "high",
    needs: ["code"],
  },
  (evidence) => {
    const drafts = [];
    for (const s of evidence.code.data.install.scripts) {
      const risky = s.capabilities.filter(
        (c) => c === "net.outbound" || c === "process.exec" || c === "secrets.paths",
      );
      if (risky.length === 0) continue;
      // Credential paths at install are theft whoever publishes them. Network and a shell are
      // also what install telemetry and prebuilt-binary downloads use: high here, critical when
      // the package is new (new-package-install-network).
      const severity: Severity = s.capabilities.includes("secrets.paths") ? "critical" : "high";
      drafts.push({
        severity,
        title: `\`${s.hook}\` script uses ${risky.join(", ")}`,
        detail: `Runs ${s.programs.join(", ") || "a command"}${s.files.length ? `, reaching ${s.files.join(", ")}` : ""}.`,
        evidence: [
          { file: "package.json", snippet: `"${s.hook}": ${JSON.stringify(s.command).slice(0, 200)}` },
        ],
      });
    }
    return drafts;
  },
);
