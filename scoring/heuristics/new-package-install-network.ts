import { defineHeuristic } from "../engine/heuristic.js";
import { NEW_PACKAGE_DAYS, packageAge } from "./new-package.js";

export default defineHeuristic(
  {
    id: "new-package-install-network",
    category: "supply-chain",
    title: "New package whose install script uses the network",
    rationale:
      "An install script runs on `npm install`, before anyone starts or reviews the server. Established packages use the network there for telemetry or binary downloads; a package weeks old that does is the shape of an install-time beacon or dropper (host, user and folder sent home, a second stage fetched), and nobody has had time to report it. A combination of new-package and install-time-capabilities, judged on its own.",
    remediation:
      "Do not install it; if you must try it, install with `--ignore-scripts` in a throwaway environment and read the install script first.",
    severity: "critical",
    needs: ["npm", "code"],
  },
  (evidence) => {
    const age = packageAge(evidence.npm.data, evidence.collectedAt);
    if (age === undefined) return { unknown: "the registry gave no creation time" };
    if (age.days >= NEW_PACKAGE_DAYS) return [];
    return evidence.code.data.install.scripts
      .filter((s) => s.capabilities.includes("net.outbound"))
      .map((s) => ({
        title: `\`${s.hook}\` reaches the network in a package first published ${age.days} day${age.days === 1 ? "" : "s"} ago`,
        detail: `Runs ${s.programs.join(", ") || "a command"}${s.files.length ? `, reaching ${s.files.join(", ")}` : ""} at install, with ${s.capabilities.join(", ")}; the package first appeared on ${age.first.slice(0, 10)}.`,
        evidence: [
          { file: "package.json", snippet: `"${s.hook}": ${JSON.stringify(s.command).slice(0, 200)}` },
        ],
      }));
  },
);
