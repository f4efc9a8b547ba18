import { defineHeuristic } from "../engine/heuristic.js";
import { at, describeFact, entryLabel, valueFacts } from "./shared/config.js";

const DB_URL =
  /\b(postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|mssql|sqlserver|clickhouse|cockroachdb|neo4j(?:\+s)?|bolt|oracle|jdbc:[a-z]+):\/\/(?:[^@/\s]*@)?([^/:?\s,]+)/i;
const PROD = /(^|[.\-_])(prod|production|prd|live|primary|master)([.\-_\d]|$)/i;
const DB_HOST_KEY = /(PG|POSTGRES|MYSQL|MONGO|REDIS|DB|DATABASE|SQL)\w*HOST/i;
const READ_ONLY_ARG = /^--?(read-?only|readonly)(=true)?$|^--access-mode=(read|ro)/i;

export default defineHeuristic(
  {
    id: "config-db-production",
    category: "configuration",
    title: "Database server points at a production host",
    rationale:
      "An MCP server acts on the model's say-so, and tool output or documents can steer the model. Pointing one at a production database lets a prompt injection read customer data or change it.",
    remediation:
      "Point the server at a replica or a staging copy, with a read-only database user; keep production out of assistant tools.",
    severity: "high",
    needs: ["config"],
  },
  (evidence) => {
    const entry = evidence.config.data;
    const readOnly = entry.args.some((a) => READ_ONLY_ARG.test(a.masked));
    const hits = valueFacts(entry).flatMap((f) => {
      const host =
        f.masked.match(DB_URL)?.[2] ??
        (f.where === "env" && f.key && DB_HOST_KEY.test(f.key) ? f.masked : undefined);
      return host && PROD.test(host) ? [{ f, host }] : [];
    });
    if (hits.length === 0) return [];
    return [
      {
        title: `"${entry.name}" connects to production-named host ${hits[0]!.host}`,
        detail: `${entryLabel(entry)} connects to ${hits.map((h) => `${h.host} (${describeFact(h.f)})`).join(", ")}${readOnly ? "; a read-only flag is set" : "; nothing in the entry makes it read-only"}.`,
        evidence: hits.map((h) => at(entry, h.f)),
        ...(readOnly ? { severity: "medium" as const } : {}),
      },
    ];
  },
);
