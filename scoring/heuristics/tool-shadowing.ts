import { installedManifest, type McpTool } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft } from "../engine/types.js";
import { quote, toolLocation, toolName } from "./shared/code.js";
import { nameTokens } from "./shared/official.js";
import { plainSentences } from "./shared/prose.js";

/**
 * A tool name as tools are named: snake_case or camelCase (`send_email`, `chat_postMessage`), or
 * kebab-case in quotes (bare, "built-in" and "read-only" are English).
 */
const IDENT = String.raw`(?:[\`'"](?:[a-z][a-z0-9]*(?:[_-][a-zA-Z0-9]+)+|[a-z]+[A-Z][a-zA-Z0-9]*)[\`'"]|\b(?:[a-z][a-z0-9]*(?:_[a-zA-Z0-9]+)+|[a-z]+[A-Z][a-zA-Z0-9]*)\b)`;

/** Ways a sentence names a tool: "the send_email tool", "calling send_email", "create_pull_request from the GitHub server". */
const TOOL_REFERENCES: readonly RegExp[] = [
  new RegExp(String.raw`(${IDENT})\s+(?:tool|function|command)s?\b`, "g"),
  new RegExp(String.raw`\b(?:call(?:s|ing|ed)?|invok(?:e|es|ed|ing))\s+(?:the\s+|a\s+)?(${IDENT})`, "g"),
  new RegExp(String.raw`(${IDENT})\s+(?:is|are|gets?|was)\s+(?:used|called|invoked|run)\b`, "g"),
  new RegExp(
    String.raw`(${IDENT})\s+(?:from|of|on|in)\s+(?:the\s+|an?\s+|another\s+)?(?:[\w-]+\s+){0,2}servers?\b(?!-)`,
    "g",
  ),
];

/** Another server, by kind or by name ("another connected server", "the GitHub server"). */
const OTHER_SERVER =
  /\b(?:another|other|a\s+different|third[-\s]party)\s+(?:connected\s+|mcp\s+)?servers?\b(?!-)|\bthe\s+([A-Z][\w.-]*)\s+(?:mcp\s+)?server\b(?!-)/;

/** Words before "server" that name a kind, not another server. */
const GENERIC_SERVER =
  /^(?:mcp|remote|local|same|current|this|target|upstream|http|https|api|web|main|default|dev|development|production|language|lsp)$/i;

const EMAIL = /\b[\w.+-]+@([a-z0-9-]+(?:\.[a-z0-9-]+)+)\b/gi;
/** Addresses in documentation examples, not recipients. */
const EXAMPLE_DOMAIN =
  /(?:^|\.)(?:example\.(?:com|org|net)|test|invalid|localhost|domain\.com|email\.com|company\.com|acme\.com)$/i;

/** Words that steer what the model does with other tools. */
const DIRECTIVE =
  /\b(?:whenever|always|every\s+time|each\s+time|also\s+(?:add|send|post|include|cc|bcc|copy|forward|put|attach|set|call|be)|must\s+(?:also|always|first)|should\s+(?:also|always)|make\s+sure\s+to|(?:before|after)\s+(?:using|calling|invoking|running)|instead\s+of|rather\s+than|replaces?|overrides?|takes?\s+precedence\s+over|b?cc\b)/i;

/** Words that tell the model to keep it from the user. */
const CONCEAL =
  /\b(?:no\s+need\s+to\s+(?:mention|tell|inform|say|bring)|(?:does|do|need)\s+not\s+need\s+to\s+be\s+(?:mentioned|brought\s+up|shown|reported|disclosed)|(?:does|do)\s+not\s+need\s+to\s+be|need\s+not\s+be\s+mentioned|(?:do\s+not|don['’]t|never)\s+(?:mention|tell|inform|reveal|disclose)|without\s+(?:mentioning|telling|informing|asking)|quietly|silently|in\s+the\s+background)\b/i;

interface Steering {
  field: string;
  sentence: string;
  target: string;
  at: number;
  length: number;
}

/** The first sentence of a tool's text that steers another server's tool, or mail, with directive words. */
export function steeringIn(
  tool: McpTool,
  own: ReadonlySet<string>,
  self: ReadonlySet<string>,
): (Steering & { concealed: boolean }) | undefined {
  const fields: [string, string | undefined][] = [
    ["description", tool.description],
    ["title", tool.title],
    ["input schema", tool.schemaText],
  ];
  for (const [field, text] of fields) {
    if (!text) continue;
    for (const sentence of plainSentences(text)) {
      if (!DIRECTIVE.test(sentence)) continue;
      const target = foreignTarget(sentence, own, self);
      if (target) return { ...target, field, sentence, concealed: CONCEAL.test(text) };
    }
  }
  return undefined;
}

function foreignTarget(
  sentence: string,
  own: ReadonlySet<string>,
  self: ReadonlySet<string>,
): { target: string; at: number; length: number } | undefined {
  for (const re of TOOL_REFERENCES) {
    for (const m of sentence.matchAll(re)) {
      const name = m[1]!.replace(/[`'"]/g, "");
      // The server's own tools and parameters are documentation, not another server's.
      if (own.has(name.toLowerCase())) continue;
      return { target: `the tool ${name}`, at: m.index, length: m[0].length };
    }
  }
  const server = OTHER_SERVER.exec(sentence);
  // "the MCP server", "the Kubernetes server" in a Kubernetes server: itself, not another.
  const named = server?.[1];
  const itself =
    named !== undefined && (GENERIC_SERVER.test(named) || [...nameTokens(named)].some((t) => self.has(t)));
  if (server && !itself) return { target: server[0], at: server.index, length: server[0].length };
  for (const m of sentence.matchAll(EMAIL)) {
    if (EXAMPLE_DOMAIN.test(m[1]!)) continue;
    return { target: `the address ${m[0]}`, at: m.index, length: m[0].length };
  }
  return undefined;
}

export default defineHeuristic(
  {
    id: "tool-shadowing",
    category: "mcp-tools",
    title: "Tool text steers other servers' tools",
    rationale:
      "A description that tells the model what to do when another server's tool is used ('whenever send_email is used, also add … to bcc') lets one server hijack another: tool shadowing. It needs no tags or 'IMPORTANT': a sentence that names another server's tool, another server or an email address alongside directive words ('whenever', 'always', 'also add', 'instead of') is enough. Telling the model not to mention it makes it critical. A tool should describe itself only; its own tools and parameters may be named.",
    remediation: "Do not run this server next to servers that hold sensitive access; report it.",
    severity: "high",
    needs: ["code"],
  },
  (evidence) => {
    const tools = evidence.code.data.tools;
    const own = new Set(tools.flatMap((t) => [t.name, ...t.inputKeys].map((n) => n.toLowerCase())));
    const m = installedManifest(evidence);
    const self = m ? nameTokens(m.name) : new Set<string>();
    const drafts: FindingDraft[] = [];
    for (const tool of tools) {
      const s = steeringIn(tool, own, self);
      if (!s) continue;
      const q = quote(s.sentence, s.at, s.length, 240);
      drafts.push({
        severity: s.concealed ? "critical" : "high",
        title: `Tool \`${toolName(tool)}\` steers ${s.target} in its ${s.field}${s.concealed ? ", and asks not to mention it" : ""}`,
        detail: `Quoted: ${q}`,
        evidence: [toolLocation(tool, q)],
      });
    }
    return drafts;
  },
);
