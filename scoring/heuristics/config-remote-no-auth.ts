import { defineHeuristic } from "../engine/heuristic.js";
import { at, entryLabel, isLoopbackHost, urlHost } from "./shared/config.js";

const AUTH_HEADER =
  /^(authorization|proxy-authorization|cookie|x-api-key|api-key|apikey)$|token|key|secret|auth/i;

export default defineHeuristic(
  {
    id: "config-remote-no-auth",
    category: "configuration",
    title: "Remote server with no authentication configured",
    rationale:
      "A remote server reached without credentials either serves anyone (so anyone can also see what it is asked) or relies on sign-in the file does not show. Worth confirming.",
    remediation:
      "Confirm the server uses OAuth sign-in through the client; otherwise send a token in a header that reads it from the environment.",
    severity: "low",
    needs: ["config"],
  },
  (evidence) => {
    const entry = evidence.config.data;
    if (!entry?.url) return [];
    const u = urlHost(entry.url.masked);
    if (!u || isLoopbackHost(u.host)) return [];
    const hasHeader = entry.headers.some(
      (h) => h.key !== undefined && AUTH_HEADER.test(h.key) && h.masked.trim() !== "",
    );
    const inUrl = entry.url.secret !== undefined || entry.url.references.length > 0;
    if (hasHeader || inUrl) return [];
    return [
      {
        title: `"${entry.name}" sends no credentials to ${u.host}`,
        detail: `${entryLabel(entry)} has no authorization header and no token in its url; unless the client signs in with OAuth, the server is open to anyone.`,
        evidence: [at(entry, entry.url)],
      },
    ];
  },
);
