import { defineHeuristic } from "../engine/heuristic.js";
import { at, describeFact, entryLabel } from "./shared/config.js";

const OFF = /^(0|false|no|off)$/i;
const ON = /^(1|true|yes|on)$/i;

/**
 * Env settings that switch off certificate checks: the name, and the values that switch them
 * off. A *_VERIFY name is off when false; a NO_*VERIFY / DISABLE_* / INSECURE / SKIP name
 * when true. First match wins, so the negated names come before the plain ones.
 */
const ENV_OFF: [RegExp, RegExp][] = [
  [/^NODE_TLS_REJECT_UNAUTHORIZED$/i, /^0$/],
  [/^PYTHONHTTPSVERIFY$/i, /^0$/],
  [/^(CURL_CA_BUNDLE|REQUESTS_CA_BUNDLE)$/i, /^$/],
  [/(^|_)(NO|DISABLE|SKIP)_?(SSL|TLS)?_?VERIFY|INSECURE|SKIP_?(SSL|TLS)/i, ON],
  [/(^|_)(SSL|TLS)_?VERIFY$|VERIFY_?(SSL|TLS)$/i, OFF],
];

const ARG_OFF =
  /^--(insecure|no-verify|no-verify-ssl|no-ssl-verify|skip-tls-verify|tls-skip-verify|insecure-skip-tls-verify|ignore-certificate-errors|disable-ssl-verification|allow-insecure)(=true)?$|^-k$/i;

function envDisables(key: string, value: string): boolean {
  const row = ENV_OFF.find(([name]) => name.test(key));
  return row?.[1].test(value) === true;
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
    const entry = evidence.config.data;
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
