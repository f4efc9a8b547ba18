import { at, configEntry, describeFact, entryLabel } from "../config-helpers.js";
import { defineHeuristic } from "../heuristic.js";

/** Env settings that switch off certificate checks, by name and the value that does it. */
const ENV_OFF: [RegExp, RegExp][] = [
  [/^NODE_TLS_REJECT_UNAUTHORIZED$/i, /^0$/],
  [/^PYTHONHTTPSVERIFY$/i, /^0$/],
  [/^GIT_SSL_NO_VERIFY$/i, /^(1|true|yes)$/i],
  [
    /(^|_)(SSL|TLS)_?VERIFY$|VERIFY_?(SSL|TLS)$|^INSECURE(_|$)|_INSECURE$|SKIP_TLS_VERIFY/i,
    /^(0|false|no|off|1|true|yes)$/i,
  ],
  [/^(CURL_CA_BUNDLE|REQUESTS_CA_BUNDLE)$/i, /^$/],
];

const ARG_OFF =
  /^--(insecure|no-verify|no-verify-ssl|no-ssl-verify|skip-tls-verify|tls-skip-verify|insecure-skip-tls-verify|ignore-certificate-errors|disable-ssl-verification|allow-insecure)(=true)?$|^-k$/i;

function envDisables(key: string, value: string): boolean {
  for (const [name, bad] of ENV_OFF) {
    if (!name.test(key)) continue;
    // For *_VERIFY names false/0 disables; for *INSECURE* names true/1 does.
    if (/INSECURE|SKIP/i.test(key)) return /^(1|true|yes)$/i.test(value);
    if (/VERIFY/i.test(key) && !/NO_VERIFY/i.test(key)) return /^(0|false|no|off)$/i.test(value);
    return bad.test(value);
  }
  return false;
}

export default defineHeuristic(
  {
    id: "config-tls-disabled",
    category: "configuration",
    title: "Certificate checks switched off",
    rationale:
      "With TLS verification off, anyone on the network path can impersonate the APIs the server calls and read or change everything it sends, tokens included.",
    remediation:
      "Remove the setting; if a private CA is the reason, trust it instead (NODE_EXTRA_CA_CERTS, SSL_CERT_FILE).",
    severity: "high",
    needs: ["config"],
  },
  (evidence) => {
    const entry = configEntry(evidence);
    if (!entry) return [];
    const facts = [
      ...entry.env.filter((f) => f.key !== undefined && envDisables(f.key, f.masked.trim())),
      ...entry.args.filter(
        (f) => ARG_OFF.test(f.masked) || /^NODE_TLS_REJECT_UNAUTHORIZED=0$/.test(f.masked),
      ),
    ];
    if (facts.length === 0) return [];
    return [
      {
        title: `"${entry.name}" runs with certificate checks off`,
        detail: `${entryLabel(entry)} sets ${facts.map((f) => `${describeFact(f)}=${f.masked}`).join(", ")}.`,
        evidence: facts.map((f) => at(entry, f)),
      },
    ];
  },
);
